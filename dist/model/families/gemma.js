/**
 * Gemma (`model_type` gemma), where it differs from Llama (families/llama.ts), as transformers
 * v4.45.2 computes it:
 *   x = embed[ids] * sqrt(D)                    the factor rounded to f32 first
 *   every norm scales by (1 + weight)
 *   MLP: down(gelu_tanh(gate(n)) * up(n))       `hidden_activation` (hidden_act is not read)
 *   head_dim from the config (H * DH may differ from D), KV may be 1, the head is tied.
 * Its RotaryEmbedding ignores rope_scaling, so a config with one is refused.
 */
import { tf } from '../tf.js';
import { rmsNormHf } from '../layers.js';
import { PLAIN_ROPE, attention, embedRows, finalRmsNorm, gatedGeluMlp, lmHead, rotary } from './hf.js';
import { llamaTreeSpec, recognizesLlamaTree } from './llama.js';
const RULES = { headDim: 'config', rope: PLAIN_ROPE, activation: ['hidden_activation', ['gelu_pytorch_tanh', 'gelu_new'], 'gelu_pytorch_tanh'] };
function block(x, p, cache, step, spec, layer) {
    const eps = spec.decoder.eps;
    const attn = attention(rmsNormHf(x, p(['input_layernorm', 'weight']), eps, true), p, cache, step, spec, layer);
    const h = tf.add(x, attn.out);
    const out = tf.add(h, gatedGeluMlp(rmsNormHf(h, p(['post_attention_layernorm', 'weight']), eps, true), p, spec));
    return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}
/** Gemma's embedding: the rows times sqrt(D) rounded to f32 (Gemma 2 too). */
export const scaledEmbed = (params, spec, ids) => tf.mul(embedRows(params, spec, ids), Math.fround(Math.sqrt(spec.D)));
export const gemma = {
    tables: (spec, index, T) => rotary(spec, index, T),
    embed: scaledEmbed,
    block,
    finalNorm: finalRmsNorm(true),
    logits: lmHead,
};
export const gemmaFamily = {
    name: 'gemma',
    modelTypes: ['gemma'],
    traceNames: ['+attention', '+mlp'],
    describe: 'Gemma (the Llama tree, with config.json model_type gemma)',
    recognizes: recognizesLlamaTree,
    spec: (tree, ctx) => llamaTreeSpec('gemma', RULES, tree, ctx),
    model: gemma,
};
