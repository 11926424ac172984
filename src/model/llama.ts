/**
 * Llama (and Mistral, Qwen2: the same block, with q/k/v biases when the checkpoint has them),
 * as Hugging Face transformers computes it (ARCHITECTURES.md):
 *   x = embed[ids]
 *   per layer:  h = x + attention(rms(x) * input_layernorm)          grouped KV heads, RoPE, KV cache
 *               x = h + down(silu(gate(n2)) * up(n2)),  n2 = rms(h) * post_attention_layernorm
 *   logits = (rms(x) * norm) lm_head        (embedᵀ when tied)
 * Gemma (gemma.ts) reuses the attention and changes the embedding scale, the norms and the MLP.
 */
import { tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { updateCache, type LayerCache } from './cache.js';
import { headLogits, layerMask, linearWeight, project, type BlockResult, type DecoderModel, type LinearWeight, type Step } from './decoder.js';
import { applyRotary, dotProductAttention, repeatKv, rmsNormHf, rotaryTables, silu } from './layers.js';
import type { ModelParams, ParamGetter } from './params.js';
import type { DecoderSpec, ModelSpec } from './spec.js';

const dec = (spec: ModelSpec): DecoderSpec => spec.decoder!;

/** A projection's weight: PyTorch's (out,in) `weight` or Flax's (in,out) `kernel`. */
export function projection(p: ParamGetter, spec: ModelSpec, path: readonly string[]): LinearWeight {
  return dec(spec).naming === 'pt' ? linearWeight(p, [...path, 'weight'], 'out,in') : linearWeight(p, [...path, 'kernel'], 'in,out');
}

/** Queries (B,T,H*DH), keys and values (B,T,KV*DH) of a layer's input. */
export type QkvProjection = (x: Tensor, p: ParamGetter, spec: ModelSpec) => [Tensor, Tensor, Tensor];

/** Separate q_proj, k_proj, v_proj Linears, with biases when the checkpoint has them (Qwen2). */
export const separateQkv: QkvProjection = (x, p, spec) => {
  const { qkvBias } = dec(spec);
  const one = (name: string) => project(x, projection(p, spec, ['self_attn', name]), qkvBias ? p(['self_attn', name, 'bias']) : undefined);
  return [one('q_proj'), one('k_proj'), one('v_proj')];
};

/**
 * Self-attention with RoPE and grouped KV heads; keys and values go into this layer's cache.
 * The layer's mask (a sliding window where the spec has one), the logits' scale and soft-cap
 * come from the spec (Gemma 2); `qkv` makes the projections (Phi-3 fuses them).
 */
export function attention(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec, layer: number, qkv: QkvProjection = separateQkv): { out: Tensor; cache: LayerCache } {
  const [B, T] = x.shape as number[];
  const { H, DH } = spec;
  const d = dec(spec);
  const [qs, ks, vs] = qkv(x, p, spec);
  const heads = (t: Tensor, count: number) => tf.reshape(t, [B, T, count, DH]);
  const { cos, sin } = step.tables;
  const q = applyRotary(heads(qs, H), cos, sin);
  const k = updateCache(cache.k, applyRotary(heads(ks, d.KV), cos, sin), step.index);
  const v = updateCache(cache.v, heads(vs, d.KV), step.index);
  const rep = H / d.KV;
  const o = dotProductAttention(q, repeatKv(k, rep), repeatKv(v, rep), { mask: layerMask(step, spec, layer), scaleQuery: false, multiplier: d.attnMultiplier, softcap: d.attnSoftcap });
  return { out: project(tf.reshape(o, [B, T, H * DH]), projection(p, spec, ['self_attn', 'o_proj'])), cache: { k, v } };
}

export function mlp(x: Tensor, p: ParamGetter, spec: ModelSpec): Tensor {
  const gate = project(x, projection(p, spec, ['mlp', 'gate_proj']));
  const up = project(x, projection(p, spec, ['mlp', 'up_proj']));
  return project(tf.mul(silu(gate), up), projection(p, spec, ['mlp', 'down_proj']));
}

function block(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec, layer: number): BlockResult {
  const { eps } = dec(spec);
  const attn = attention(rmsNormHf(x, p(['input_layernorm', 'weight']), eps), p, cache, step, spec, layer);
  const h = tf.add(x, attn.out);
  const out = tf.add(h, mlp(rmsNormHf(h, p(['post_attention_layernorm', 'weight']), eps), p, spec));
  return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}

export const rotary = (spec: ModelSpec, index: number, T: number) => rotaryTables(index, T, spec.DH, dec(spec).rope!);

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
