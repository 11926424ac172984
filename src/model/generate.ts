/**
 * Greedy decoding with a KV cache (the notebook's Flax decode loop, whose tokens are in
 * fixtures/llm_tiny/*_io.safetensors), for every token model: prefill the
 * prompt at index 0, take the argmax of the last logits, then feed one token at a time at index
 * P + step. The cache is stored as the form stores it (per layer for pyloop, stacked for scan),
 * sized P + N. On wasm the weights a decode step reads stay in memory for the next steps, up to
 * a budget (wasm/weightCache.ts); past it they are read again at each step.
 */
import { readTensor, tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { emptyCache } from './cache.js';
import { decoderForward, type Ids } from './decoder.js';
import type { ModelParams } from './params.js';
import { decoderModel } from './runtime.js';
import type { ModelSpec } from './spec.js';
import { withWeightCache } from './wasm/weightCache.js';

export interface Generation {
  /** (B, N) generated token ids. */
  tokens: Int32Array;
  /** (B, P, V) logits of the prefill. */
  prefillLogits: Float32Array;
  /** (B, N, V) logits of each decode step (the step that consumed token n). */
  stepLogits: Float32Array;
  /** Bytes of stored weights kept between decode steps (wasm/weightCache.ts). */
  weightsKeptBytes: number;
}

export interface DecodeOptions {
  /** Shifts every decode step's cache index: 0 for correct decoding (a test hook). */
  indexOffset?: number;
  /** Bytes of weights kept between decode steps (0, the default here: none; generate's default is verify/limits.ts defaultWeightCacheBytes). */
  weightCacheBytes?: number;
}

async function argmaxLast(logits: Tensor): Promise<Int32Array> {
  const [B, T, V] = logits.shape as number[];
  const ids = tf.tidy(() => tf.cast(tf.argMax(tf.reshape(tf.slice(logits, [0, T - 1, 0], [B, 1, V]), [B, V]), -1), 'int32'));
  const out = await readTensor(ids, 'int32');
  ids.dispose();
  return out;
}

/**
 * `indexOffset` shifts every decode step's cache index: 0 for correct decoding. It exists so a
 * test can prove the cache-vs-recompute check catches an off-by-one cache (not a CLI flag).
 */
export async function greedyGenerate(params: ModelParams, spec: ModelSpec, prompt: Ids, maxNewTokens: number, options: DecodeOptions = {}): Promise<Generation> {
  const { result, keptBytes } = await withWeightCache(options.weightCacheBytes ?? 0, () => decode(params, spec, prompt, maxNewTokens, options.indexOffset ?? 0));
  return { ...result, weightsKeptBytes: keptBytes };
}

async function decode(params: ModelParams, spec: ModelSpec, prompt: Ids, maxNewTokens: number, indexOffset: number): Promise<Omit<Generation, 'weightsKeptBytes'>> {
  const model = decoderModel(spec);
  const [B, P] = prompt.shape;
  const V = spec.vocab!;
  const N = maxNewTokens;
  const prefill = await decoderForward(model, params, spec, prompt, emptyCache(params.form, spec, B, P + N + Math.max(0, indexOffset)), 0);
  let cache = prefill.cache;
  const prefillLogits = await readTensor(prefill.logits);
  let tok = await argmaxLast(prefill.logits);
  prefill.logits.dispose();
  const tokens = new Int32Array(B * N);
  const stepLogits = new Float32Array(B * N * V);
  for (let s = 0; s < N; s++) {
    for (let b = 0; b < B; b++) tokens[b * N + s] = tok[b];
    const step = await decoderForward(model, params, spec, { data: tok, shape: [B, 1] }, cache, P + s + indexOffset);
    cache = step.cache;
    const lg = await readTensor(step.logits);
    for (let b = 0; b < B; b++) stepLogits.set(lg.subarray(b * V, (b + 1) * V), (b * N + s) * V);
    tok = await argmaxLast(step.logits);
    step.logits.dispose();
  }
  cache.dispose();
  return { tokens, prefillLogits, stepLogits };
}

/** Logits of one uncached forward over `ids` (B, T): the full recompute to check the cache with. */
export async function fullLogits(params: ModelParams, spec: ModelSpec, ids: Ids): Promise<Float32Array> {
  const [B, T] = ids.shape;
  const r = await decoderForward(decoderModel(spec), params, spec, ids, emptyCache(params.form, spec, B, T), 0);
  const out = await readTensor(r.logits);
  r.logits.dispose();
  r.cache.dispose();
  return out;
}
