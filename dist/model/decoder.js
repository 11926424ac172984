/**
 * What every token model shares: the forward call over ids (B,T) at a cache position (prefill
 * or one decode step), layer by layer, each layer's intermediates shown to a sink as the layer
 * finishes. A family supplies its embedding, its block and its head (llm.ts, llama.ts,
 * gemma.ts, gpt2.ts); this loop and the KV cache (cache.ts) are the same for all.
 */
import { tf } from './tf.js';
import { causalMask, linear, linearOutIn } from './layers.js';
/**
 * One forward call over `ids` (B,T) at cache position `index`. With `sink`, each layer's
 * named intermediates are shown to it as the layer finishes, and awaited (a sink reads them
 * asynchronously: model/tf.ts readTensor); they are alive only until then.
 */
export async function decoderForward(model, params, spec, ids, cache, index, sink, extras = false) {
    const T = ids.shape[1];
    let x = tf.tidy(() => model.embed(params, spec, ids, index));
    const embedOut = extras ? tf.clone(x) : undefined;
    const step = tf.tidy(() => ({ index, T, mask: causalMask(T, cache.layer(0).k.shape[1], index), tables: model.tables?.(spec, index, T) ?? {} }));
    const next = [];
    for (let i = 0; i < spec.layers; i++) {
        const r = tf.tidy(() => {
            const { out, cache: c, trace } = model.block(x, params.layer(i), cache.layer(i), step, spec);
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
    tf.dispose([step.mask, ...Object.values(step.tables)]);
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
 * x times a weight read for this one product, freed as soon as it is used: a layer's tidy would
 * otherwise hold all its weights (176 MB of f32 per layer at TinyLlama's size) until its end.
 * (out,in) weights are multiplied as they are (layers.ts linearOutIn), never transposed.
 */
export function project(x, weight, bias) {
    const y = weight.outIn ? linearOutIn(x, weight.tensor, bias) : linear(x, weight.tensor, bias);
    tf.dispose(bias ? [weight.tensor, bias] : weight.tensor);
    return y;
}
/** Vocabulary rows per chunk of a (V, D) head: about 32 MB of f32 at a time. */
const HEAD_CHUNK_BYTES = 32 << 20;
/**
 * Logits x (B,T,D) times a (V,D) table's transpose (PyTorch's lm_head.weight, or a tied
 * embedding), or times a Flax (D,V) head kernel (`kernel`), read a vocabulary chunk at a time so
 * a 32000 x 2048 head never sits in memory whole. Each chunk is an (out,in) weight of n rows:
 * the table's rows as stored, or the kernel's columns transposed as they are read.
 */
export function headLogits(params, name, x, V, stored = 'rows') {
    const D = x.shape[x.shape.length - 1];
    const rows = Math.max(1, Math.floor(HEAD_CHUNK_BYTES / (4 * D)));
    const parts = [];
    for (let v0 = 0; v0 < V; v0 += rows) {
        const n = Math.min(rows, V - v0);
        parts.push(tf.tidy(() => linearOutIn(x, stored === 'rows' ? params.rowRange(name, v0, n) : params.columnRange(name, v0, n))));
    }
    if (parts.length === 1)
        return parts[0];
    const out = tf.concat(parts, -1);
    tf.dispose(parts);
    return out;
}
