/**
 * Running one model form over one checkpoint: the unit of work a worker thread does. Requests
 * are plain data (structured-clone safe) so the same function runs in-process or in a worker;
 * results' arrays are transferred back without copying. Three tasks:
 *  - trace:    one forward pass with every layer's intermediates (verify),
 *  - generate: greedy KV-cache decoding plus a full recompute (generate),
 *  - profile:  timed forward passes (profile).
 */
import { readTensor, tf } from '../model/tf.js';
import { openCheckpoint } from '../format/open.js';
import { simpleBlock } from '../model/block.js';
import { emptyCache } from '../model/cache.js';
import { decoderForward } from '../model/decoder.js';
import { fullLogits, greedyGenerate } from '../model/generate.js';
import { modelParams } from '../model/params.js';
import { decoderModel } from '../model/runtime.js';
import { takesTokens } from '../model/spec.js';
import { f32View, wasmHeap } from '../model/wasm/heap.js';
import { initBackend } from './backendInit.js';
import { TraceArrays } from './traceArrays.js';
/** Wraps a ModelParams so every weight read is timed as "load", not "compute", and reports layers reached. */
function timedParams(params, clock, onLayer) {
    const time = (f) => {
        const t0 = performance.now();
        const r = f();
        clock.load += performance.now() - t0;
        return r;
    };
    // On ort a weight is read by its product (model/ort/linear.ts): its bytes' read counts as load.
    // One timed ref per ref: generate's weight cache knows a weight by its ref (model/wasm/weightCache.ts).
    const timedRefs = new WeakMap();
    const timedRef = (ref) => {
        let timed = timedRefs.get(ref);
        if (!timed)
            timedRefs.set(ref, (timed = { ...ref, readInto: (...a) => time(() => ref.readInto(...a)) }));
        return timed;
    };
    return {
        ...params,
        global: Object.assign((p, read) => time(() => params.global(p, read)), { ref: (p) => timedRef(params.global.ref(p)) }),
        named: (n) => time(() => params.named(n)),
        ref: (n) => timedRef(params.ref(n)),
        rows: (n, ids) => time(() => params.rows(n, ids)),
        rowRange: (n, start, count) => time(() => params.rowRange(n, start, count)),
        columnRange: (n, start, count, read) => time(() => params.columnRange(n, start, count, read)),
        layer: (i) => {
            onLayer?.(i + 1, params.layers);
            const get = params.layer(i);
            return Object.assign((p, read) => time(() => get(p, read)), { ref: (p) => timedRef(get.ref(p)) });
        },
    };
}
/**
 * Each named intermediate's values, in arrays this thread owns (so they can be transferred). On
 * tfjs-wasm they are copied from the heap into `arrays` (reused: traceArrays.ts); elsewhere
 * read as every tensor is (readTensor).
 */
async function readTrace(trace, arrays) {
    const out = {};
    const heap = wasmHeap();
    for (const [name, t] of Object.entries(trace)) {
        if (heap) {
            const values = f32View(heap, t, name);
            (out[name] = arrays.take(values.length)).set(values);
        }
        else
            out[name] = await readTensor(t);
    }
    return out;
}
/** One forward pass; with a sink, every layer's intermediates are copied out to it. */
async function forward(params, spec, input, sink, arrays = new TraceArrays()) {
    if (takesTokens(spec)) {
        const [B, P] = input.shape;
        const ids = { data: input.data, shape: input.shape };
        const step = await decoderForward(decoderModel(spec), params, spec, ids, emptyCache(params.form, spec, B, P), 0, sink && (async (i, t) => {
            sink(i, await readTrace(t, arrays));
            await yieldToEventLoop();
        }), sink !== undefined);
        const logits = await readTensor(step.logits);
        const extras = step.embedOut && step.finalNormOut ? { embed_out: await readTensor(step.embedOut), final_norm_out: await readTensor(step.finalNormOut) } : {};
        tf.dispose([step.logits, step.embedOut, step.finalNormOut].filter((t) => t !== undefined));
        step.cache.dispose();
        return { final: { data: logits, shape: [B, P, spec.vocab] }, extras };
    }
    let x = tf.tensor(input.data, input.shape, 'float32');
    for (let i = 0; i < spec.layers; i++) {
        const { out, trace } = tf.tidy(() => {
            const r = simpleBlock(x, params.layer(i));
            return sink ? r : { out: r.out, trace: {} };
        });
        if (sink) {
            sink(i, await readTrace(trace, arrays));
            tf.dispose(Object.values(trace).filter((t) => t !== out && t !== x));
            await yieldToEventLoop();
        }
        x.dispose();
        x = out;
    }
    const final = await readTensor(x);
    x.dispose();
    return { final: { data: final, shape: input.shape }, extras: {} };
}
async function generate(params, spec, input, task) {
    const prompt = { data: input.data, shape: input.shape };
    const g = await greedyGenerate(params, spec, prompt, task.maxNewTokens, { indexOffset: task.indexOffset, weightCacheBytes: task.weightCacheBytes });
    const [B, P] = prompt.shape;
    const N = task.maxNewTokens;
    // Full recompute of prompt + generated[:-1], as Flax's reference does.
    const ids = new Int32Array(B * (P + N - 1));
    for (let b = 0; b < B; b++) {
        ids.set(prompt.data.subarray(b * P, (b + 1) * P), b * (P + N - 1));
        ids.set(g.tokens.subarray(b * N, b * N + N - 1), b * (P + N - 1) + P);
    }
    return { ...g, fullLogits: await fullLogits(params, spec, { data: ids, shape: [B, P + N - 1] }) };
}
async function profile(params, spec, input, task) {
    const t0 = performance.now();
    await forward(params, spec, input);
    const firstCallMs = performance.now() - t0;
    for (let i = 0; i < task.warmup; i++)
        await forward(params, spec, input);
    const timesMs = [];
    for (let i = 0; i < task.runs; i++) {
        const t = performance.now();
        await forward(params, spec, input);
        timesMs.push(performance.now() - t);
    }
    const { peakBytes } = await tf.profile(async () => {
        await forward(params, spec, input);
    });
    return { firstCallMs, timesMs, peakBytes };
}
/**
 * Once per traced layer: wasm's reads resolve as microtasks, which never let the event loop run,
 * so a form in the CLI's own thread (--no-workers) would hold off Ctrl-C until it finished.
 */
const yieldToEventLoop = () => new Promise((resolve) => setImmediate(resolve));
/**
 * Run one form request; a trace task hands each layer's intermediates to `onTrace`, in arrays
 * from `traceArrays` (where the receiver hands arrays back).
 */
export async function runForm(req, onLayer, onTrace, traceArrays) {
    const backend = await initBackend(req.backend);
    const index = openCheckpoint(req.checkpoint, { sep: req.sep });
    try {
        const clock = { load: 0 };
        const params = timedParams(modelParams(index, req.form, req.layout), clock, onLayer);
        const t0 = performance.now();
        const common = () => ({ form: req.form, backend, seconds: { load: clock.load / 1000, compute: (performance.now() - t0 - clock.load) / 1000 } });
        switch (req.task.kind) {
            case 'trace': {
                const r = await forward(params, req.spec, req.input, onTrace, traceArrays);
                return { kind: 'trace', ...r, ...common() };
            }
            case 'generate': {
                const r = await generate(params, req.spec, req.input, req.task);
                return { kind: 'generate', ...r, ...common() };
            }
            case 'profile': {
                const r = await profile(params, req.spec, req.input, req.task);
                return { kind: 'profile', ...r, ...common() };
            }
        }
    }
    finally {
        index.close();
    }
}
/** Buffers to transfer (not copy) back from a worker. */
export function transferables(r) {
    const arrays = [];
    if (!('kind' in r))
        arrays.push(...Object.values(r));
    else if (r.kind === 'trace')
        arrays.push(r.final.data, ...Object.values(r.extras));
    else if (r.kind === 'generate') {
        arrays.push(r.tokens, r.prefillLogits, r.stepLogits, r.fullLogits);
    }
    return [...new Set(arrays.map((a) => a.buffer))];
}
