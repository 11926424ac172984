/**
 * GPT-2 (transformers 4.40.2, modeling_gpt2.py):
 *   x = wte[ids] + wpe[positions]
 *   per layer:  q, k, v = split(ln_1(x) c_attn + b, 3)
 *               h = x + attention(q, k, v) c_proj + b
 *               x = h + gelu_tanh(ln_2(h) c_fc + b) c_proj' + b
 *   logits = ln_f(x) wteᵀ
 * PyTorch's Conv1D stores (in,out) and Hugging Face's Flax GPT-2 (out,in): the reverse of
 * every other family (decoder.ts linearWeight reads either).
 */
import { tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { updateCache, type LayerCache } from './cache.js';
import { headLogits, linearWeight, project, type BlockResult, type DecoderModel, type Step } from './decoder.js';
import { dotProductAttention, geluTanh, layerNorm } from './layers.js';
import type { ParamGetter } from './params.js';
import type { ModelSpec } from './spec.js';

const flax = (spec: ModelSpec) => spec.decoder!.naming === 'flax';

/** A Conv1D and its bias: (out,in) under Flax's names, (in,out) under PyTorch's. */
function conv1d(x: Tensor, p: ParamGetter, spec: ModelSpec, path: readonly string[]): Tensor {
  const weight = flax(spec) ? linearWeight(p, [...path, 'kernel'], 'out,in') : linearWeight(p, [...path, 'weight'], 'in,out');
  return project(x, weight, p([...path, 'bias']));
}

function norm(x: Tensor, p: ParamGetter, spec: ModelSpec, name: string): Tensor {
  return layerNorm(x, p([name, flax(spec) ? 'scale' : 'weight']), p([name, 'bias']), spec.decoder!.eps);
}

function attention(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec): { out: Tensor; cache: LayerCache } {
  const [B, T] = x.shape as number[];
  const { D, H, DH } = spec;
  const [q, k, v] = tf.split(conv1d(x, p, spec, ['attn', 'c_attn']), 3, -1).map((t) => tf.reshape(t, [B, T, H, DH]));
  const kc = updateCache(cache.k, k, step.index);
  const vc = updateCache(cache.v, v, step.index);
  const o = dotProductAttention(q, kc, vc, { mask: step.mask, scaleQuery: false });
  return { out: conv1d(tf.reshape(o, [B, T, D]), p, spec, ['attn', 'c_proj']), cache: { k: kc, v: vc } };
}

function block(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec): BlockResult {
  const attn = attention(norm(x, p, spec, 'ln_1'), p, cache, step, spec);
  const h = tf.add(x, attn.out);
  const mlp = conv1d(geluTanh(conv1d(norm(h, p, spec, 'ln_2'), p, spec, ['mlp', 'c_fc'])), p, spec, ['mlp', 'c_proj']);
  const out = tf.add(h, mlp);
  return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}

export const gpt2: DecoderModel = {
  embed(params, spec, ids, index) {
    const g = spec.decoder!.globals;
    const [B, T] = ids.shape;
    const tokens = tf.reshape(params.rows(g.embed, ids.data), [B, T, spec.D]);
    const positions = params.rows(g.positions, Array.from({ length: T }, (_, t) => index + t));
    return tf.add(tokens, positions);
  },
  block,
  finalNorm: (params, spec, x) => layerNorm(x, params.named(spec.decoder!.globals.normScale), params.named(spec.decoder!.globals.normBias), spec.decoder!.eps),
  logits: (params, spec, x) => headLogits(params, spec.decoder!.globals.embed, x, spec.vocab!),
};
