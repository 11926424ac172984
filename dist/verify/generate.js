/**
 * Library entry for `scanconv generate`: greedy KV-cache decoding of the llm in both forms
 * (two workers), with the checks that make it trustworthy: same tokens, agreeing step logits,
 * cached decoding equal to a full recompute, and optionally Flax's golden tokens and logits.
 */
import { UsageError } from '../errors.js';
import { openCheckpoint } from '../format/open.js';
import { firstNonfinite, relativeError } from './diff.js';
import { checkPositions, loadInput, readHostTensor } from './inputs.js';
import { checkGeneration, checkWeightCache, defaultWeightCacheBytes } from './limits.js';
import { expectKind, runForms } from './run.js';
import { openModel } from './session.js';
import { DEFAULTS } from './defaults.js';
import { loadTokenizer } from '../model/tokenizer.js';
const check = (name, value, threshold) => ({ name, value, threshold, passed: value <= threshold });
function rows(data, B) {
    const n = data.length / B;
    return Array.from({ length: B }, (_, b) => [...data.subarray(b * n, (b + 1) * n)]);
}
/**
 * A failing check for the first NaN or infinity in a form's logits, naming the step (argmax over
 * NaN logits is token 0 in both forms, which would otherwise agree); none when all are finite.
 */
function nonfiniteLogits(g, P, N, V) {
    const inPrefill = firstNonfinite(g.prefillLogits);
    const inSteps = firstNonfinite(g.stepLogits);
    if (inPrefill < 0 && inSteps < 0)
        return [];
    const count = [g.prefillLogits, g.stepLogits].reduce((n, x) => n + countNonfinite(x), 0);
    const where = inPrefill >= 0 ? `the prefill (position ${Math.floor(inPrefill / V) % P})` : `decode step ${Math.floor(inSteps / V) % N}`;
    return [check(`non-finite logits (${g.form}), first at ${where}, count`, count, 0)];
}
function countNonfinite(x) {
    let n = 0;
    for (let i = 0; i < x.length; i++)
        if (x[i] - x[i] !== 0)
            n++;
    return n;
}
/** Cached step logits (B,N,V) for steps 0..N-2 vs the recompute's positions P..P+N-2. */
function cacheVsRecompute(g, B, P, N, V) {
    const cached = new Float32Array(B * (N - 1) * V);
    const full = new Float32Array(cached.length);
    const L = P + N - 1;
    for (let b = 0; b < B; b++) {
        for (let s = 0; s < N - 1; s++) {
            const at = (b * (N - 1) + s) * V;
            cached.set(g.stepLogits.subarray((b * N + s) * V, (b * N + s + 1) * V), at);
            full.set(g.fullLogits.subarray((b * L + P + s) * V, (b * L + P + s + 1) * V), at);
        }
    }
    return relativeError(cached, full).relError;
}
/** (B,N,V) logits that produced token n: the prefill's last position, then decode steps 0..N-2. */
function producingLogits(g, B, P, N, V) {
    const out = new Float32Array(B * N * V);
    for (let b = 0; b < B; b++) {
        out.set(g.prefillLogits.subarray((b * P + P - 1) * V, (b * P + P) * V), b * N * V);
        out.set(g.stepLogits.subarray(b * N * V, (b * N + N - 1) * V), (b * N + 1) * V);
    }
    return out;
}
/** The golden file's generated length, so --expect needs no --max-new-tokens. */
function goldenLength(file) {
    if (!file)
        return undefined;
    const golden = openCheckpoint(file);
    try {
        const shape = golden.tensors.get('generated')?.shape;
        return shape?.length === 2 && shape[1] > 0 ? shape[1] : undefined;
    }
    finally {
        golden.close();
    }
}
function promptFrom(options, spec) {
    if ((options.prompt || options.promptText !== undefined) && options.promptFile)
        throw new UsageError('give --prompt or --prompt-file, not both', 'PROMPT_TWICE');
    if (options.prompt && options.promptText !== undefined)
        throw new UsageError('give token ids or a text prompt, not both', 'PROMPT_TWICE');
    if (options.promptFile)
        return loadInput(options.promptFile, spec);
    if (options.expect && !options.prompt)
        return loadInput(options.expect, spec);
    if (!options.prompt?.length)
        throw new UsageError('no prompt: pass --prompt 1,2,3 or --prompt-file FILE (a safetensors with "prompt" (B, P) int32)', 'NO_PROMPT');
    const bad = options.prompt.find((t) => !Number.isInteger(t) || t < 0 || t >= spec.vocab);
    if (bad !== undefined)
        throw new UsageError(`prompt token ${bad} is outside the vocabulary (0..${spec.vocab - 1})`, 'BAD_PROMPT');
    return { data: Int32Array.from(options.prompt), shape: [1, options.prompt.length] };
}
export async function generate(checkpoint, options = {}) {
    const started = performance.now();
    if (options.weightCacheBytes !== undefined)
        checkWeightCache(options.weightCacheBytes);
    const session = await openModel(checkpoint, options, 'tokens');
    try {
        const { spec, forms } = session;
        const N = options.maxNewTokens ?? goldenLength(options.expect) ?? 16;
        const weightCacheBytes = options.weightCacheBytes ?? defaultWeightCacheBytes(N);
        const tokenizer = options.promptText !== undefined ? await loadTokenizer(checkpoint) : undefined;
        const encoded = tokenizer?.encode(options.promptText);
        if (encoded && !encoded.length)
            throw new UsageError(`the text prompt gives no tokens with ${tokenizer.file}`, 'NO_PROMPT');
        const prompt = promptFrom(encoded ? { ...options, prompt: encoded, promptText: undefined } : options, spec);
        const [B, P] = prompt.shape;
        checkGeneration(spec, B, P, N);
        checkPositions(spec, P + N, 'the prompt plus --max-new-tokens');
        const V = spec.vocab;
        const task = { kind: 'generate', maxNewTokens: N, indexOffset: options.cacheIndexOffset, weightCacheBytes };
        const results = await runForms(forms.map((f) => session.request(f, prompt, task)), options.parallel === false ? 'in-process' : 'parallel', options.onProgress);
        const [a, b] = results.map((r) => expectKind(r, 'generate'));
        const threshold = options.threshold ?? DEFAULTS.generateThreshold;
        const recompute = options.recomputeThreshold ?? DEFAULTS.recomputeThreshold;
        const differing = a.tokens.reduce((n, t, i) => n + (t === b.tokens[i] ? 0 : 1), 0);
        const checks = [
            check(`tokens equal (${forms[0]} vs ${forms[1]}), differing`, differing, 0),
            check(`prefill + step logits (${forms[0]} vs ${forms[1]})`, Math.max(relativeError(a.prefillLogits, b.prefillLogits).relError, relativeError(a.stepLogits, b.stepLogits).relError), threshold),
            ...[a, b].map((g) => check(`cached decoding vs full recompute (${g.form})`, N > 1 ? cacheVsRecompute(g, B, P, N, V) : 0, recompute)),
            ...[a, b].flatMap((g) => nonfiniteLogits(g, P, N, V)),
        ];
        if (options.expect) {
            const golden = openCheckpoint(options.expect);
            try {
                const tokens = readHostTensor(golden, 'generated', 'ids');
                const steps = readHostTensor(golden, 'step_logits', 'values');
                if (tokens.shape.join() !== `${B},${N}` || steps.shape.join() !== `${B},${N},${V}`) {
                    throw new UsageError(`${options.expect}: golden "generated" [${tokens.shape.join(', ')}] and "step_logits" [${steps.shape.join(', ')}] do not match ${B} sequences x ${N} new tokens (vocab ${V}); pass --max-new-tokens ${tokens.shape[1] ?? ''}`, 'EXPECT_SHAPE');
                }
                const wrong = a.tokens.reduce((n, t, i) => n + (t === tokens.data[i] ? 0 : 1), 0);
                checks.push(check('tokens vs expected, differing', wrong, 0));
                const goldenNan = firstNonfinite(steps.data);
                if (goldenNan >= 0)
                    checks.push(check(`golden "step_logits" non-finite, first at step ${Math.floor(goldenNan / V) % N}, count`, countNonfinite(steps.data), 0));
                // Two conventions: the notebook's Flax reference (it also writes `prefill_logits`) stores the
                // logits of the step that consumed token n; transformers' output_logits, those that produced it.
                const notebook = golden.tensors.has('prefill_logits');
                const ours = notebook ? a.stepLogits : producingLogits(a, B, P, N, V);
                checks.push(check('step logits vs expected', relativeError(ours, steps.data).relError, options.expectThreshold ?? DEFAULTS.expectThreshold));
            }
            finally {
                golden.close();
            }
        }
        return {
            passed: checks.every((c) => c.passed),
            tokens: rows(a.tokens, B),
            prompt: rows(prompt.data, B),
            ...(tokenizer ? { text: { prompt: options.promptText, continuation: tokenizer.decode([...a.tokens]), tokenizer: tokenizer.file } } : {}),
            checks,
            forms,
            spec,
            backend: a.backend,
            seconds: (performance.now() - started) / 1000,
            weightCacheBytes,
            weightsKeptBytes: Object.fromEntries([a, b].map((g) => [g.form, g.weightsKeptBytes])),
        };
    }
    finally {
        session.close();
    }
}
