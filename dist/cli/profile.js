import Table from 'cli-table3';
import { profile } from '../verify/profile.js';
import { addLayoutOptions, layoutOptionsFrom, parseNonNegInt, parsePositiveInt } from './options.js';
import { addModelOptions } from './verify.js';
import { formatBytes, out, writeModelNotes } from './style.js';
import { ProgressBar } from './progress.js';
import { onInterrupt } from './interrupt.js';
import { MAX_PROFILE_RUNS } from '../verify/limits.js';
export function renderProfile(r) {
    const [a, b] = r.forms;
    const t = new Table({ head: ['', a.name, b.name, `${b.name} / ${a.name}`], style: { head: [], border: [], compact: true } });
    const ms = (x) => `${x.toFixed(1)} ms`;
    t.push(['first call', ms(a.firstCallMs), ms(b.firstCallMs), `${r.ratio.firstCall.toFixed(2)}x`], [`warm median (${r.runs} runs)`, ms(a.medianMs), ms(b.medianMs), `${r.ratio.median.toFixed(2)}x`], ['FLOPs (analytic)', `${(a.flops / 1e9).toFixed(3)} G`, `${(b.flops / 1e9).toFixed(3)} G`, ''], ['transcendentals', a.transcendentals.toLocaleString('en-US'), b.transcendentals.toLocaleString('en-US'), ''], ['achieved', `${a.gflopsPerSecond.toFixed(1)} GFLOP/s`, `${b.gflopsPerSecond.toFixed(1)} GFLOP/s`, ''], ['parameter bytes', formatBytes(a.paramBytes), formatBytes(b.paramBytes), ''], ['activation bytes (est.)', formatBytes(a.activationBytes), formatBytes(b.activationBytes), ''], ['peak tensor memory', formatBytes(a.peakBytes), formatBytes(b.peakBytes), '']);
    const s = r.spec;
    return [
        out.bold(`scanconv profile: ${s.kind} model, ${s.layers} layers (D=${s.D}, H=${s.H}${s.vocab ? `, vocab ${s.vocab}` : ''}), batch ${r.batch} x seq ${r.seq}, backend ${r.backend}`),
        t.toString(),
    ].join('\n');
}
export function registerProfile(program) {
    const cmd = program
        .command('profile')
        .summary('time both forms and count their FLOPs, like the notebook\'s cost analysis')
        .argument('<checkpoint>', 'checkpoint (pyloop or scan) of any model family (docs/FAMILIES.md)')
        .option('--batch <n>', 'batch size (default: 12 for block and llm, 1 for the Hugging Face families)', parsePositiveInt)
        .option('--seq <n>', 'sequence length (default: 32)', parsePositiveInt)
        .option('--runs <n>', `timed warm runs per form (at most ${MAX_PROFILE_RUNS})`, parsePositiveInt, 5)
        .option('--warmup <n>', `untimed runs after the first call (at most ${MAX_PROFILE_RUNS})`, parseNonNegInt, 1)
        .option('--json', 'print the report as JSON');
    addModelOptions(cmd);
    addLayoutOptions(cmd);
    cmd.addHelpText('after', `\nExamples:\n  $ scanconv profile fixtures/block_tiny/pyloop.safetensors --runs 10\n  $ scanconv profile scan.safetensors --batch 12 --seq 32 --json`);
    cmd.action(async (checkpoint, flags) => {
        const bar = new ProgressBar('profiling both forms', 'layers');
        // An Orbax checkpoint is staged decoded in TMPDIR first: an interrupt removes the copy.
        const interrupted = onInterrupt((signal) => {
            bar.finish();
            return `interrupted (${signal}) while profiling; nothing written`;
        });
        const report = await profile(checkpoint, { onProgress: bar.update, ...layoutOptionsFrom(flags), ...flags }).finally(() => interrupted.remove());
        bar.finish();
        writeModelNotes(report.spec);
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderProfile(report)}\n`);
    });
}
