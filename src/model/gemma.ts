/**
 * Gemma, where it differs from Llama (ARCHITECTURES.md):
 *   x = embed[ids] * sqrt(D)                    the factor rounded to f32 first
 *   every norm scales by (1 + weight)
 *   MLP: down(gelu_tanh(gate(n2)) * up(n2))
 *   head_dim from the config (H * DH may differ from D), KV may be 1, the head is tied.
 */
import { tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { LayerCache } from './cache.js';
import { project, type BlockResult, type DecoderModel, type Step } from './decoder.js';
import { geluTanh, rmsNormHf } from './layers.js';
import { attention, lmHead, projection, rotary } from './llama.js';
import type { ParamGetter } from './params.js';
import type { ModelSpec } from './spec.js';

export function gatedGeluMlp(x: Tensor, p: ParamGetter, spec: ModelSpec): Tensor {
  const gate = project(x, projection(p, spec, ['mlp', 'gate_proj']));
  const up = project(x, projection(p, spec, ['mlp', 'up_proj']));
  return project(tf.mul(geluTanh(gate), up), projection(p, spec, ['mlp', 'down_proj']));
}

function block(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec, layer: number): BlockResult {
  const eps = spec.decoder!.eps;
  const attn = attention(rmsNormHf(x, p(['input_layernorm', 'weight']), eps, true), p, cache, step, spec, layer);
  const h = tf.add(x, attn.out);
  const out = tf.add(h, gatedGeluMlp(rmsNormHf(h, p(['post_attention_layernorm', 'weight']), eps, true), p, spec));
  return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}

export const gemma: DecoderModel = {
  tables: (spec, index, T) => rotary(spec, index, T),
  embed: (params, spec, ids) => tf.mul(tf.reshape(params.rows(spec.decoder!.globals.embed, ids.data), [...ids.shape, spec.D]), Math.fround(Math.sqrt(spec.D))),
  block,
  finalNorm: (params, spec, x) => rmsNormHf(x, params.named(spec.decoder!.globals.norm), spec.decoder!.eps, true),
  logits: lmHead,
};
