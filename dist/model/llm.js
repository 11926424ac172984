/**
 * The notebook's SimpleLLM with its bugs fixed (its model 2; Flax's outputs in fixtures/llm_tiny/*_io.safetensors):
 *   x = Embed_0.embedding[ids]
 *   per layer: a, cache = self_attention(x, cache, index); x = x + a
 *              x = x + Dense_1(gelu_tanh(Dense_0(x)))
 *   logits = Dense_0(x)
 * The KV cache is where the forms differ besides the weights (cache.ts).
 */
import { tf } from './tf.js';
import { updateCache } from './cache.js';
import { dense, dotProductAttention, embed, geluTanh, weightAt } from './layers.js';
/** SimpleCausalAttention: Dense_0/1/2 = q/k/v, Dense_3 = out; logits / sqrt(DH); causal mask. */
export function causalSelfAttention(x, p, cache, step, spec) {
    const [B, T] = x.shape;
    const heads = (i) => tf.reshape(dense(x, weightAt(p, ['self_attention', `Dense_${i}`, 'kernel']), p(['self_attention', `Dense_${i}`, 'bias'])), [B, T, spec.H, spec.DH]);
    const k = updateCache(cache.k, heads(1), step.index);
    const v = updateCache(cache.v, heads(2), step.index);
    const o = dotProductAttention(heads(0), k, v, { mask: step.mask, scaleQuery: false });
    const out = dense(tf.reshape(o, [B, T, spec.D]), weightAt(p, ['self_attention', 'Dense_3', 'kernel']), p(['self_attention', 'Dense_3', 'bias']));
    return { out, cache: { k, v } };
}
export function llmBlock(x, p, cache, step, spec) {
    const attn = causalSelfAttention(x, p, cache, step, spec);
    const afterAttention = tf.add(x, attn.out);
    const mlp = dense(geluTanh(dense(afterAttention, weightAt(p, ['Dense_0', 'kernel']), p(['Dense_0', 'bias']))), weightAt(p, ['Dense_1', 'kernel']), p(['Dense_1', 'bias']));
    const out = tf.add(afterAttention, mlp);
    return { out, cache: attn.cache, trace: { '+self_attention': afterAttention, '+mlp': out } };
}
export const llm = {
    embed: (params, _spec, ids) => embed(tf.tensor(ids.data, ids.shape, 'int32'), params.global(['Embed_0', 'embedding'])),
    block: llmBlock,
    // The notebook's model has no final norm.
    finalNorm: (_params, _spec, x) => tf.clone(x),
    logits: (params, _spec, x) => dense(x, weightAt(params.global, ['Dense_0', 'kernel']), params.global(['Dense_0', 'bias'])),
};
