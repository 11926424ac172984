/**
 * Library entry for `scanconv verify`: param check -> both forms (two workers) -> per-layer
 * diffs -> optional comparison with Flax's golden outputs -> VerifyReport.
 */
import { ScanconvError, UsageError } from '../errors.js';
import { openCheckpoint } from '../format/open.js';
import { carriedOptions, convertedIndex } from '../layout/plan.js';
import { analyzeLayout } from '../layout/analyze.js';
import { defaultInput, takesTokens, traceShape } from '../model/spec.js';
import { diffStats, firstNonfinite } from './diff.js';
import { ExpectComparer } from './expect.js';
import { checkPositions, loadInput, randomInput } from './inputs.js';
import { LayerComparer } from './layerDiff.js';
import { findDivergences, finalDownstreamOf } from './divergence.js';
import { checkSameModel, paramCheck } from './paramCheck.js';
import { expectKind, runForms } from './run.js';
import { openModel } from './session.js';
import { DEFAULTS } from './defaults.js';
export async function verify(checkpoint, options = {}) {
    const started = performance.now();
    const aborted = () => new ScanconvError(`verify of ${checkpoint} was aborted`, 'ABORTED');
    if (options.signal?.aborted)
        throw aborted();
    const threshold = options.threshold ?? DEFAULTS.threshold;
    const session = await openModel(checkpoint, options);
    let indexB;
    let expect;
    try {
        if (options.other)
            indexB = await session.openOther(options.other);
        const { analysis: a, spec } = session;
        let b;
        let formB = session.forms[1];
        if (indexB) {
            b = analyzeLayout(indexB, { ...session.layout, from: undefined });
            if (a.layout === b.layout)
                throw new UsageError(`both checkpoints are in the ${a.layout} layout; verify runs one layout against the other (to compare two checkpoints' parameters whatever their layouts, add --params-only)`, 'SAME_LAYOUT');
            // Before any form runs: a pair of different models is bad input, not a failed check.
            checkSameModel(a, b, { first: checkpoint, second: options.other });
            formB = b.layout;
        }
        else {
            b = analyzeLayout(convertedIndex(session.index, a, formB), { ...session.layout, ...carriedOptions(a) });
        }
        const inputFile = options.input ?? (options.expect && hasInput(options.expect, spec) ? options.expect : undefined);
        const input = inputFile ? loadInput(inputFile, spec) : randomInput(spec, options.batch ?? defaultInput(spec).batch, options.seq ?? defaultInput(spec).seq, options.seed ?? 0);
        if (takesTokens(spec))
            checkPositions(spec, input.shape[1], 'the input');
        const inputSource = inputFile ?? `random (seed ${options.seed ?? 0})`;
        const task = { kind: 'trace' };
        const reqs = [session.request(a.layout, input, task), session.request(formB, input, task, options.other ?? checkpoint)];
        const shape = traceShape(spec, input.shape);
        expect = options.expect ? new ExpectComparer(options.expect, spec, shape, options.expectThreshold ?? DEFAULTS.expectThreshold) : undefined;
        const layers = new LayerComparer(threshold, options.keepTraces ?? 'first', (i, fromA) => expect?.layer(i, fromA));
        // The workers compute while this thread compares the parameters' bytes and, layer by
        // layer, the intermediates they send. If this thread fails first, the forms are stopped
        // and their outcome no longer matters.
        const stop = new AbortController();
        const onAbort = () => stop.abort();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const running = runForms(reqs, options.parallel === false ? 'in-process' : 'parallel', options.onProgress, (k, i, t) => layers.add(k === 0 ? 0 : 1, i, t), stop.signal);
        running.catch(() => undefined);
        let params;
        const paramStarted = performance.now();
        try {
            params = paramCheck(a, b);
        }
        catch (e) {
            options.signal?.removeEventListener('abort', onAbort);
            stop.abort();
            throw e;
        }
        const paramSeconds = (performance.now() - paramStarted) / 1000;
        let results;
        try {
            results = await running;
        }
        catch (e) {
            // The forms stopped because the caller aborted: that, not a worker's end, is what happened.
            throw options.signal?.aborted ? aborted() : e;
        }
        finally {
            options.signal?.removeEventListener('abort', onAbort);
        }
        const traces = results.map((r) => expectKind(r, 'trace'));
        const [ta, tb] = traces;
        const perLayer = layers.rows(spec.layers);
        const divergences = findDivergences(perLayer, threshold, params);
        const stats = diffStats(ta.final.data, tb.final.data, threshold);
        const final = { ...stats, downstreamOf: finalDownstreamOf(stats, perLayer, divergences) };
        expect?.final(ta.final.data, ta.final.shape);
        expect?.extras(ta.extras);
        const expectResult = expect?.result(ta.form) ?? null;
        const formNames = [a.layout, formB];
        const nonfinite = firstNonfiniteFinding(perLayer, [ta.final.data, tb.final.data], formNames, expectResult);
        const passed = !nonfinite && params.equal && final.passed && perLayer.every((r) => r.passed) && (expectResult?.passed ?? true);
        const report = {
            passed,
            threshold,
            model: spec.kind,
            layers: spec.layers,
            backend: ta.backend,
            spec,
            forms: [
                { name: a.layout, checkpoint, converted: false, seconds: ta.seconds },
                { name: formB, checkpoint: options.other ?? checkpoint, converted: !options.other, seconds: tb.seconds },
            ],
            input: { shape: input.shape, source: inputSource },
            params,
            paramSeconds,
            final,
            perLayer,
            divergences,
            nonfinite,
            expect: expectResult,
            expectThreshold: options.expect ? (options.expectThreshold ?? DEFAULTS.expectThreshold) : undefined,
            ...(session.staging.length ? { staging: [...session.staging] } : {}),
            seconds: (performance.now() - started) / 1000,
        };
        return { report, traces, details: { traceShape: shape, layers: layers.kept } };
    }
    finally {
        expect?.close();
        indexB?.close();
        session.close();
    }
}
/** The first NaN or infinity: in a layer (in the forms' order), else in a final output, else in the golden file. */
function firstNonfiniteFinding(perLayer, finals, forms, expect) {
    const row = perLayer.find((r) => r.nonfinite);
    if (row?.nonfinite)
        return { where: `layer ${row.layer}, ${row.nonfinite.intermediate}`, in: row.nonfinite.forms.map((k) => `${forms[k]} form`) };
    const inFinal = finals.flatMap((f, k) => (firstNonfinite(f) >= 0 ? [`${forms[k]} form`] : []));
    if (inFinal.length)
        return { where: 'the final output', in: inFinal };
    if (expect?.nonfinite)
        return { where: `golden "${expect.nonfinite}"`, in: [expect.file] };
    return null;
}
function hasInput(file, spec) {
    const index = openCheckpoint(file);
    try {
        return index.tensors.has(takesTokens(spec) ? 'prompt' : 'input');
    }
    finally {
        index.close();
    }
}
