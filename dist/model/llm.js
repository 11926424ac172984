/**
 * The notebook's SimpleLLM with its bugs fixed (FLAX_SEMANTICS.md, model 2):
 *   x = Embed_0.embedding[ids]
 *   per layer: a, cache = self_attention(x, cache, index); x = x + a
 *              x = x + Dense_1(gelu_tanh(Dense_0(x)))
 *   logits = Dense_0(x)
 * The KV cache is where the forms differ besides the weights: pyloop keeps one (B,S,H,DH) cache
 * per layer; scan keeps one stacked (L,B,S,H,DH) cache, slices layer i out of it and stacks the
 * updated slices back (nn.scan's in_axes=0 / out_axes=0).
 */
import { tf } from './tf.js';
import { causalMask, dense, dotProductAttention, embed, geluTanh } from './layers.js';
export const LLM_TRACE_NAMES = ['+self_attention', '+mlp'];
export function pyloopCache(caches) {
    return {
        layer: (i) => caches[i],
        update: (next) => pyloopCache(next),
        dispose: () => caches.forEach((c) => tf.dispose([c.k, c.v])),
    };
}
export function scanCache(k, v) {
    return {
        layer: (i) => ({ k: tf.squeeze(tf.slice(k, [i], [1]), [0]), v: tf.squeeze(tf.slice(v, [i], [1]), [0]) }),
        update: (next) => {
            const stacked = scanCache(tf.stack(next.map((c) => c.k)), tf.stack(next.map((c) => c.v)));
            next.forEach((c) => tf.dispose([c.k, c.v]));
            return stacked;
        },
        dispose: () => tf.dispose([k, v]),
    };
}
export function emptyCache(form, spec, batch, length) {
    const shape = [batch, length, spec.H, spec.DH];
    if (form !== 'pyloop')
        return scanCache(tf.zeros([spec.layers, ...shape]), tf.zeros([spec.layers, ...shape]));
    return pyloopCache(Array.from({ length: spec.layers }, () => ({ k: tf.zeros(shape), v: tf.zeros(shape) })));
}
/** Write this step's (B,T,H,DH) keys or values into the (B,S,H,DH) cache at positions index... */
export function updateCache(cache, update, index) {
    const S = cache.shape[1];
    const T = update.shape[1];
    const parts = [];
    if (index > 0)
        parts.push(tf.slice(cache, [0, 0], [-1, index]));
    parts.push(update);
    if (index + T < S)
        parts.push(tf.slice(cache, [0, index + T], [-1, S - index - T]));
    return parts.length === 1 ? update : tf.concat(parts, 1);
}
/** SimpleCausalAttention: Dense_0/1/2 = q/k/v, Dense_3 = out; logits / sqrt(DH); causal mask. */
export function causalSelfAttention(x, p, cache, index, spec) {
    const [B, T] = x.shape;
    const heads = (i) => tf.reshape(dense(x, p(['self_attention', `Dense_${i}`, 'kernel']), p(['self_attention', `Dense_${i}`, 'bias'])), [B, T, spec.H, spec.DH]);
    const k = updateCache(cache.k, heads(1), index);
    const v = updateCache(cache.v, heads(2), index);
    const o = dotProductAttention(heads(0), k, v, { mask: causalMask(T, k.shape[1], index), scaleQuery: false });
    const out = dense(tf.reshape(o, [B, T, spec.D]), p(['self_attention', 'Dense_3', 'kernel']), p(['self_attention', 'Dense_3', 'bias']));
    return { out, cache: { k, v } };
}
export function llmBlock(x, p, cache, index, spec) {
    const attn = causalSelfAttention(x, p, cache, index, spec);
    const afterAttention = tf.add(x, attn.out);
    const mlp = dense(geluTanh(dense(afterAttention, p(['Dense_0', 'kernel']), p(['Dense_0', 'bias']))), p(['Dense_1', 'kernel']), p(['Dense_1', 'bias']));
    const out = tf.add(afterAttention, mlp);
    return { out, cache: attn.cache, trace: { '+self_attention': afterAttention, '+mlp': out } };
}
/**
 * One forward call over `ids` (B,T) at cache position `index`: prefill or a decode step. With
 * `sink`, each layer's named intermediates are shown to it as the layer finishes, and awaited
 * (a sink reads them asynchronously: model/tf.ts readTensor); they are alive only until then.
 */
export async function llmForward(params, spec, ids, cache, index, sink) {
    let x = tf.tidy(() => embed(ids, params.global(['Embed_0', 'embedding'])));
    const next = [];
    for (let i = 0; i < spec.layers; i++) {
        const r = tf.tidy(() => {
            const { out, cache: c, trace } = llmBlock(x, params.layer(i), cache.layer(i), index, spec);
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
    const logits = tf.tidy(() => dense(x, params.global(['Dense_0', 'kernel']), params.global(['Dense_0', 'bias'])));
    x.dispose();
    const updated = cache.update(next);
    cache.dispose();
    return { logits, cache: updated };
}
