/**
 * What every token model shares: the forward call over ids (B,T) at a cache position (prefill
 * or one decode step), layer by layer, each layer's intermediates shown to a sink as the layer
 * finishes. A family supplies its embedding, its block and its head (llm.ts, llama.ts,
 * gemma.ts, gpt2.ts); this loop and the KV cache (cache.ts) are the same for all.
 */
import { tf } from './tf.js';
import { causalMask, linear, linearOutIn, slidingCausalMask, weightAt } from './layers.js';
import { hostWeight, isHostWeight } from './ort/linear.js';
import { ortActive } from './ort/runtime.js';
import { columnsRef, rowsRef } from './slices.js';
import { storedProduct, storedProductApplies } from './wasm/weightCache.js';
/**
 * One forward call over `ids` (B,T) at cache position `index`. With `sink`, each layer's
 * named intermediates are shown to it as the layer finishes, and awaited (a sink reads them
 * asynchronously: model/tf.ts readTensor); they are alive only until then.
 */
export async function decoderForward(model, params, spec, ids, cache, index, sink, extras = false) {
    const T = ids.shape[1];
    let x = tf.tidy(() => model.embed(params, spec, ids, index));
    const embedOut = extras ? tf.clone(x) : undefined;
    const window = spec.decoder?.window;
    const step = tf.tidy(() => {
        const S = cache.layer(0).k.shape[1];
        return {
            index,
            T,
            mask: causalMask(T, S, index),
            windowMask: window ? slidingCausalMask(T, S, index, window.size) : undefined,
            tables: model.tables?.(spec, index, T) ?? {},
        };
    });
    const next = [];
    for (let i = 0; i < spec.layers; i++) {
        const r = tf.tidy(() => {
            const { out, cache: c, trace } = model.block(x, params.layer(i), cache.layer(i), step, spec, i);
            return { out, k: c.k, v: c.v, trace: sink ? trace : {} };
        });
        if (sink) {
            await sink(i, r.trace);
            tf.dispose(Object.values(r.trace).filter((t) => t !== r.out));
        }
        x.dispose();
        x = r.out;
        next.push({ k: r.k, v: r.v });
    }
    tf.dispose([step.mask, ...(step.windowMask ? [step.windowMask] : []), ...Object.values(step.tables)]);
    const normed = tf.tidy(() => model.finalNorm(params, spec, x));
    x.dispose();
    const logits = tf.tidy(() => model.logits(params, spec, normed));
    let finalNormOut = normed;
    if (!extras) {
        normed.dispose();
        finalNormOut = undefined;
    }
    const updated = cache.update(next);
    cache.dispose();
    return { logits, cache: updated, embedOut, finalNormOut };
}
/**
 * Whether (in,out) kernels should be read transposed and multiplied as (out,in) weights. On
 * wasm, yes: XNNPACK packs a product's second operand before every call, column by column for
 * an (in,out) kernel, and packing the small activation instead is 5x faster at 32 tokens
 * (layers.ts linearOutIn); the transpose is a SIMD kernel there. GPU and tfjs-node backends
 * multiply either layout as fast, and would transpose on the host: no.
 */
export const kernelsAsOutIn = () => tf.getBackend() === 'wasm' && !ortActive();
/** The Linear weight at `path`, stored (in,out) or (out,in), to be read the way `project` multiplies it fastest here. */
export function linearWeight(p, path, stored) {
    // On ort too a decode step's few rows go to the matvec kernel (`project`): MLAS is built for
    // many rows, and reading the stored bytes once beats handing it a widened weight per step.
    if (ortActive())
        return { read: () => weightAt(p, path), outIn: stored === 'out,in', stored: { ref: p.ref(path), orientation: stored } };
    const asStored = kernelsAsOutIn() ? { stored: { ref: p.ref(path), orientation: stored } } : {};
    if (stored === 'out,in')
        return { read: () => p(path), outIn: true, ...asStored };
    return kernelsAsOutIn() ? { read: () => p(path, { transposed: true }), outIn: true, ...asStored } : { read: () => p(path), outIn: false };
}
/**
 * x times a weight read for this one product, freed as soon as it is used: a layer's tidy would
 * otherwise hold all its weights (176 MB of f32 per layer at TinyLlama's size) until its end.
 * (out,in) weights are multiplied as they are (layers.ts linearOutIn), never transposed. A
 * decode step's few rows on wasm multiply the stored bytes instead (wasm/weightCache.ts: the
 * same bits, without widening the weight into a tensor).
 */
export function project(x, weight, bias) {
    if (weight.stored && storedProductApplies(x, weight.stored.ref)) {
        const y = storedProduct(x, weight.stored.ref, weight.stored.orientation, bias);
        bias?.dispose();
        return y;
    }
    const tensor = weight.read();
    const y = weight.outIn ? linearOutIn(x, tensor, bias) : linear(x, tensor, bias);
    if (!isHostWeight(tensor))
        tensor.dispose();
    bias?.dispose();
    return y;
}
/** The mask of layer `layer`: windowed on every layer, or on the even ones (Gemma 2), else causal. */
export function layerMask(step, spec, layer) {
    const window = spec.decoder?.window;
    if (!window || !step.windowMask)
        return step.mask;
    return window.layers === 'all' || layer % 2 === 0 ? step.windowMask : step.mask;
}
/** Vocabulary rows per chunk of a (V, D) head: about 32 MB of f32 at a time. */
const HEAD_CHUNK_BYTES = 32 << 20;
/** A head's vocabulary chunks as refs, made once per head so the weight cache knows them again (wasm/weightCache.ts). */
const chunkRefs = new WeakMap();
function chunkRef(head, stored, start, count) {
    const chunks = chunkRefs.get(head) ?? new Map();
    chunkRefs.set(head, chunks);
    const key = `${stored} ${start} ${count}`;
    let ref = chunks.get(key);
    if (!ref)
        chunks.set(key, (ref = stored === 'rows' ? rowsRef(head, { start, count }) : columnsRef(head, start, count)));
    return ref;
}
/**
 * Logits x (B,T,D) times a (V,D) table's transpose (PyTorch's lm_head.weight, or a tied
 * embedding), or times a Flax (D,V) head kernel (`kernel`), read a vocabulary chunk at a time so
 * a 32000 x 2048 head never sits in memory whole. A chunk is the table's n rows, an (out,in)
 * weight, or the kernel's n columns, read transposed where `kernelsAsOutIn`; for a decode step
 * on wasm, its stored bytes multiplied as they are (`project`).
 */
export function headLogits(params, name, x, V, stored = 'rows') {
    const D = x.shape[x.shape.length - 1];
    const rows = Math.max(1, Math.floor(HEAD_CHUNK_BYTES / (4 * D)));
    const parts = [];
    for (let v0 = 0; v0 < V; v0 += rows) {
        const n = Math.min(rows, V - v0);
        parts.push(tf.tidy(() => {
            if (ortActive()) {
                const ref = params.ref(name);
                const chunk = chunkRef(ref, stored, v0, n);
                if (storedProductApplies(x, chunk))
                    return storedProduct(x, chunk, stored === 'rows' ? 'out,in' : 'in,out');
                return stored === 'rows' ? linearOutIn(x, hostWeight(rowsRef(ref, { start: v0, count: n }))) : linear(x, hostWeight(columnsRef(ref, v0, n)));
            }
            if (kernelsAsOutIn()) {
                const ref = chunkRef(params.ref(name), stored, v0, n);
                if (storedProductApplies(x, ref))
                    return storedProduct(x, ref, stored === 'rows' ? 'out,in' : 'in,out');
            }
            if (stored === 'rows')
                return linearOutIn(x, params.rowRange(name, v0, n));
            return kernelsAsOutIn() ? linearOutIn(x, params.columnRange(name, v0, n, { transposed: true })) : linear(x, params.columnRange(name, v0, n));
        }));
    }
    if (parts.length === 1)
        return parts[0];
    const out = tf.concat(parts, -1);
    tf.dispose(parts);
    return out;
}
