/**
 * Llama (and Mistral, Qwen2: the same block, with q/k/v biases when the checkpoint has them),
 * as Hugging Face transformers computes it (4.40.2, modeling_llama.py):
 *   x = embed[ids]
 *   per layer:  h = x + attention(rms(x) * input_layernorm)          grouped KV heads, RoPE, KV cache
 *               x = h + down(silu(gate(n2)) * up(n2)),  n2 = rms(h) * post_attention_layernorm
 *   logits = (rms(x) * norm) lm_head        (embedᵀ when tied)
 * Gemma (gemma.ts) reuses the attention and changes the embedding scale, the norms and the MLP.
 */
import { tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { updateCache, type LayerCache } from './cache.js';
import { headLogits, linearWeight, project, type BlockResult, type DecoderModel, type LinearWeight, type Step } from './decoder.js';
import { applyRotary, dotProductAttention, repeatKv, rmsNormHf, rotaryTables, silu } from './layers.js';
import type { ModelParams, ParamGetter } from './params.js';
import type { DecoderSpec, ModelSpec } from './spec.js';

const dec = (spec: ModelSpec): DecoderSpec => spec.decoder!;

/** A projection's weight: PyTorch's (out,in) `weight` or Flax's (in,out) `kernel`. */
export function projection(p: ParamGetter, spec: ModelSpec, path: readonly string[]): LinearWeight {
  return dec(spec).naming === 'pt' ? linearWeight(p, [...path, 'weight'], 'out,in') : linearWeight(p, [...path, 'kernel'], 'in,out');
}

/** Self-attention with RoPE and grouped KV heads; keys and values go into this layer's cache. */
export function attention(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec): { out: Tensor; cache: LayerCache } {
  const [B, T] = x.shape as number[];
  const { H, DH } = spec;
  const { KV, qkvBias } = dec(spec);
  const heads = (name: string, count: number) =>
    tf.reshape(project(x, projection(p, spec, ['self_attn', name]), qkvBias ? p(['self_attn', name, 'bias']) : undefined), [B, T, count, DH]);
  const { cos, sin } = step.tables;
  const q = applyRotary(heads('q_proj', H), cos, sin);
  const k = updateCache(cache.k, applyRotary(heads('k_proj', KV), cos, sin), step.index);
  const v = updateCache(cache.v, heads('v_proj', KV), step.index);
  const o = dotProductAttention(q, repeatKv(k, H / KV), repeatKv(v, H / KV), { mask: step.mask, scaleQuery: false });
  return { out: project(tf.reshape(o, [B, T, H * DH]), projection(p, spec, ['self_attn', 'o_proj'])), cache: { k, v } };
}

function mlp(x: Tensor, p: ParamGetter, spec: ModelSpec): Tensor {
  const gate = project(x, projection(p, spec, ['mlp', 'gate_proj']));
  const up = project(x, projection(p, spec, ['mlp', 'up_proj']));
  return project(tf.mul(silu(gate), up), projection(p, spec, ['mlp', 'down_proj']));
}

function block(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec): BlockResult {
  const { eps } = dec(spec);
  const attn = attention(rmsNormHf(x, p(['input_layernorm', 'weight']), eps), p, cache, step, spec);
  const h = tf.add(x, attn.out);
  const out = tf.add(h, mlp(rmsNormHf(h, p(['post_attention_layernorm', 'weight']), eps), p, spec));
  return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}

export const rotary = (spec: ModelSpec, index: number, T: number) => rotaryTables(index, T, spec.DH, dec(spec).ropeTheta);

/** The head, read in vocabulary chunks: tied to the (V,D) embedding, or lm_head ((V,D) under PyTorch names, a (D,V) Flax kernel). */
export function lmHead(params: ModelParams, spec: ModelSpec, x: Tensor): Tensor {
  const d = dec(spec);
  if (d.tied) return headLogits(params, d.globals.embed, x, spec.vocab!);
  return headLogits(params, d.globals.head, x, spec.vocab!, d.naming === 'pt' ? 'rows' : 'kernel');
}

export const llama: DecoderModel = {
  tables: (spec, index, T) => rotary(spec, index, T),
  embed: (params, spec, ids) => tf.reshape(params.rows(dec(spec).globals.embed, ids.data), [...ids.shape, spec.D]),
  block,
  finalNorm: (params, spec, x) => rmsNormHf(x, params.named(dec(spec).globals.norm), dec(spec).eps),
  logits: lmHead,
};
