import { InvalidArgumentError } from 'commander';
import Table from 'cli-table3';
import { generate } from '../verify/generate.js';
import { EXIT } from './exitCodes.js';
import { FAIL, fmt, PASS } from '../verify/render.js';
import { GENERATING_KINDS } from '../model/spec.js';
import { addLayoutOptions, layoutOptionsFrom, parseNonNegNumber, parsePositiveInt } from './options.js';
import { addModelOptions } from './verify.js';
import { out, writeModelNotes } from './style.js';
import { ProgressBar } from './progress.js';
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
    lines.push(t.toString(), r.passed ? out.green.bold(`PASSED in ${r.seconds.toFixed(2)} s`) : out.red.bold('FAILED'));
    return lines.join('\n');
}
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
        .option('--json', 'print {"tokens": [[...]], "checks": [{"name", "value", "threshold", "passed"}], "passed", "backend"}')
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
        const { prompt, ...rest } = flags;
        const report = await generate(checkpoint, { onProgress: bar.update, ...layoutOptionsFrom(flags), ...rest, ...(typeof prompt === 'string' ? { promptText: prompt } : { prompt }), parallel: flags.workers });
        bar.finish();
        writeModelNotes(report.spec);
        process.stdout.write(flags.json ? `${JSON.stringify({ tokens: report.tokens, ...(report.text ? { text: report.text } : {}), checks: report.checks, passed: report.passed, backend: report.backend }, null, 2)}\n` : `${renderGenerate(report)}\n`);
        process.exitCode = report.passed ? EXIT.OK : EXIT.CHECK_FAILED;
    });
}
