import { InvalidArgumentError } from 'commander';
import Table from 'cli-table3';
import { generate } from '../verify/generate.js';
import { EXIT } from './exitCodes.js';
import { FAIL, fmt, PASS } from '../verify/render.js';
import { GENERATING_KINDS } from '../model/spec.js';
import { addLayoutOptions, layoutOptionsFrom, parseNonNegNumber, parsePositiveInt, parseSize } from './options.js';
import { addModelOptions } from './verify.js';
import { out, writeModelNotes } from './style.js';
import { ProgressBar } from './progress.js';
import { onInterrupt } from './interrupt.js';
import { DEFAULTS } from '../verify/defaults.js';
/** Comma-separated token ids, or else text for the model directory's tokenizer.json. */
function parsePrompt(value) {
    if (/^\s*\d+(\s*,\s*\d+)*\s*$/.test(value))
        return value.split(',').map((s) => Number(s.trim()));
    if (!value.trim())
        throw new InvalidArgumentError('expected text or comma-separated token ids, e.g. "Hello world" or 1,2,3.');
    return value;
}
export function renderGenerate(r) {
    const lines = [out.bold(`scanconv generate: ${r.spec.kind}, ${r.spec.layers} layers (D=${r.spec.D}, H=${r.spec.H}, vocab ${r.spec.vocab}), ${r.forms.join(' and ')} forms, backend ${r.backend}`)];
    r.tokens.forEach((toks, b) => lines.push(`sequence ${b}: prompt [${r.prompt[b].join(' ')}] -> ${toks.join(' ')}`));
    if (r.text)
        lines.push(`text (${r.text.tokenizer}): ${JSON.stringify(r.text.prompt)} -> ${JSON.stringify(r.text.continuation)}`);
    const t = new Table({ head: ['check', 'value', 'threshold', ''], style: { head: [], border: [], compact: true } });
    for (const c of r.checks)
        t.push([c.name, fmt(c.value), fmt(c.threshold), c.passed ? PASS : FAIL]);
    const kept = Object.entries(r.weightsKeptBytes).map(([form, bytes]) => `${form} ${(bytes / 1e9).toFixed(2)} GB`);
    if (r.weightCacheBytes > 0)
        lines.push(`weights kept between decode steps: ${kept.join(', ')} (--weight-cache ${(r.weightCacheBytes / 2 ** 30).toFixed(2)} GiB per form)`);
    lines.push(t.toString(), r.passed ? out.green.bold(`PASSED in ${r.seconds.toFixed(2)} s`) : out.red.bold('FAILED'));
    return lines.join('\n');
}
/** A size as for --shard-size, or 0 (keep no weights). */
const parseBudget = (value) => (/^\s*0+(\.0*)?\s*(B|KB?|MB?|GB?|TB?|KiB|MiB|GiB|TiB)?\s*$/i.test(value) ? 0 : parseSize(value));
export function registerGenerate(program) {
    const cmd = program
        .command('generate')
        .summary('greedy KV-cache decoding of a token model (llm, llama, gemma, gpt2) in both forms, with agreement checks')
        .description('Greedy decoding with a KV cache in both forms: pyloop keeps one cache per layer, scan one stacked ' +
        '(L,B,S,KV,DH) cache sliced per layer. Checks that both forms generate the same tokens, that their ' +
        'logits agree, and that cached decoding equals a full recompute without cache (exit 1 if not).')
        .argument('<checkpoint>', 'token-model checkpoint (pyloop or scan)')
        .option('--prompt <text|ids>', 'one prompt: text, encoded with the tokenizer.json of the checkpoint\'s directory (the continuation is printed decoded), or comma-separated token ids', parsePrompt)
        .option('--prompt-file <file>', 'safetensors with "prompt" (B, P) int32')
        .option('--max-new-tokens <n>', 'tokens to generate, at most 1024 (default: the length of --expect\'s "generated", else 16)', parsePositiveInt)
        .option('--threshold <t>', 'scale-aware bound on the two forms\' logits', parseNonNegNumber, DEFAULTS.generateThreshold)
        .option('--recompute-threshold <t>', 'scale-aware bound on cached decoding vs a full recompute', parseNonNegNumber, DEFAULTS.recomputeThreshold)
        .option('--expect <file>', 'golden "generated" and "step_logits" (and "prompt"), from Flax or transformers')
        .option('--expect-threshold <t>', 'scale-aware bound on step logits vs --expect', parseNonNegNumber, DEFAULTS.expectThreshold)
        .option('--json', 'print {"tokens": [[...]], "checks": [{"name", "value", "threshold", "passed"}], "passed", "backend", "weightCacheBytes", "weightsKeptBytes": {form: bytes}}')
        .option('--weight-cache <size>', 'stored weight bytes each form keeps in memory between decode steps instead of reading them again, 0 to 3GiB (a 1B bf16 model fits in 3GiB); past it weights are read at every step (default: 3GiB from 40 new tokens, none below: from a file in the page cache a re-read is cheaper than the first touch of kept memory for up to about 40 tokens; wasm backend)', parseBudget)
        .option('--no-workers', 'run the two forms one after the other in this thread');
    addModelOptions(cmd, GENERATING_KINDS);
    addLayoutOptions(cmd);
    cmd.addHelpText('after', `
Examples:
  $ scanconv generate fixtures/llm_tiny/pyloop.safetensors --prompt 1,2,3 --max-new-tokens 8
  $ scanconv generate hub/llama --prompt "Hello world"      # with hub/llama/tokenizer.json
  $ scanconv generate fixtures/llm_tiny/pyloop.safetensors --expect fixtures/llm_tiny/pyloop_io.safetensors --max-new-tokens 6`);
    cmd.action(async (checkpoint, flags) => {
        const bar = new ProgressBar('decoding in both forms', 'layers');
        const { prompt, weightCache, ...rest } = flags;
        // An Orbax checkpoint is staged decoded in TMPDIR first: an interrupt removes the copy.
        const interrupted = onInterrupt((signal) => {
            bar.finish();
            return `interrupted (${signal}) while decoding; nothing written`;
        });
        const report = await generate(checkpoint, { onProgress: bar.update, ...layoutOptionsFrom(flags), ...rest, ...(typeof prompt === 'string' ? { promptText: prompt } : { prompt }), parallel: flags.workers, weightCacheBytes: weightCache }).finally(() => interrupted.remove());
        bar.finish();
        writeModelNotes(report.spec);
        process.stdout.write(flags.json ? `${JSON.stringify({ tokens: report.tokens, ...(report.text ? { text: report.text } : {}), checks: report.checks, passed: report.passed, backend: report.backend, weightCacheBytes: report.weightCacheBytes, weightsKeptBytes: report.weightsKeptBytes }, null, 2)}\n` : `${renderGenerate(report)}\n`);
        process.exitCode = report.passed ? EXIT.OK : EXIT.CHECK_FAILED;
    });
}
