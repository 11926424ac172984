/**
 * MaxText-shaped trees for tests (fixtures/orbax README's names and shapes, from MaxText's
 * checkpoint_conversion scripts): unscanned `params.params.decoder.layers_i.…` and scanned
 * `params.params.decoder.layers.…` with the layers on axis 1 (after the expert axis in MoE).
 */
import { dtypeSize, numel, type DType } from '../src/format/dtype.js';
import { memoryRef, type TensorIndex } from '../src/format/types.js';
import { randomBytes, type TensorSpec } from './helpers.js';

export interface MaxTextDims {
  E: number;
  L: number;
  H: number;
  D: number;
  KV: number;
  M: number;
  V: number;
  /** Experts: adds a MoeBlock_0 to every layer. */
  X?: number;
  dtype?: DType;
}

/** One layer's leaves, relative to the layer node. */
export function layerShapes(d: MaxTextDims): Record<string, number[]> {
  const shapes: Record<string, number[]> = {
    'self_attention.query.kernel': [d.E, d.H, d.D],
    'self_attention.key.kernel': [d.E, d.KV, d.D],
    'self_attention.value.kernel': [d.E, d.KV, d.D],
    'self_attention.out.kernel': [d.H, d.D, d.E],
    'mlp.wi_0.kernel': [d.E, d.M],
    'mlp.wi_1.kernel': [d.E, d.M],
    'mlp.wo.kernel': [d.M, d.E],
    'pre_self_attention_layer_norm.scale': [d.E],
    'post_self_attention_layer_norm.scale': [d.E],
  };
  if (d.X) {
    shapes['MoeBlock_0.gate.kernel'] = [d.E, d.X];
    shapes['MoeBlock_0.wi_0'] = [d.X, d.E, d.M];
    shapes['MoeBlock_0.wi_1'] = [d.X, d.E, d.M];
    shapes['MoeBlock_0.wo'] = [d.X, d.M, d.E];
  }
  return shapes;
}

/** The scanned shape of a per-layer shape: L inserted on axis 1 (after the expert axis for MoE weights), axis 0's size first. */
export const scannedShape = (shape: readonly number[], L: number): number[] => [shape[0], L, ...shape.slice(1)];

function outside(d: MaxTextDims): Record<string, number[]> {
  return { 'params.params.decoder.decoder_norm.scale': [d.E], 'params.params.decoder.logits_dense.kernel': [d.E, d.V], 'params.params.token_embedder.embedding': [d.V, d.E] };
}

/** Unscanned MaxText tree (random bf16 values), with `seed` varying the bytes. */
export function maxtextUnscanned(d: MaxTextDims, seed = 1): Record<string, TensorSpec> {
  const dtype = d.dtype ?? 'BF16';
  const specs: Record<string, TensorSpec> = {};
  let s = seed;
  for (let i = 0; i < d.L; i++) {
    for (const [rel, shape] of Object.entries(layerShapes(d))) specs[`params.params.decoder.layers_${i}.${rel}`] = { dtype, shape, bytes: randomBytes(numel(shape) * dtypeSize(dtype), s++) };
  }
  for (const [name, shape] of Object.entries(outside(d))) specs[name] = { dtype, shape, bytes: randomBytes(numel(shape) * dtypeSize(dtype), s++) };
  return specs;
}

/** Stack per-layer bytes on axis 1: out[a, l, rest] = layer_l[a, rest]. */
export function stackAxis1(layers: readonly Uint8Array[], shape: readonly number[], size: number): Uint8Array {
  const rest = numel(shape.slice(1)) * size;
  const out = new Uint8Array(layers.length * layers[0].byteLength);
  for (let a = 0; a < shape[0]; a++) {
    layers.forEach((bytes, l) => out.set(bytes.subarray(a * rest, (a + 1) * rest), (a * layers.length + l) * rest));
  }
  return out;
}

/** The scanned tree the unscanned one stacks into (what MaxText itself saves with scan_layers). */
export function maxtextScanned(d: MaxTextDims, seed = 1): Record<string, TensorSpec> {
  const un = maxtextUnscanned(d, seed);
  const dtype = d.dtype ?? 'BF16';
  const specs: Record<string, TensorSpec> = {};
  for (const [rel, shape] of Object.entries(layerShapes(d))) {
    const layers = Array.from({ length: d.L }, (_, i) => un[`params.params.decoder.layers_${i}.${rel}`].bytes!);
    specs[`params.params.decoder.layers.${rel}`] = { dtype, shape: scannedShape(shape, d.L), bytes: stackAxis1(layers, shape, dtypeSize(dtype)) };
  }
  for (const [name, spec] of Object.entries(un)) if (!name.includes('.layers_')) specs[name] = spec;
  return specs;
}

/**
 * MaxText's blocks of layers from an unscanned tree of depth L: `decoder.layers.layers_J.…`
 * stacked over S = floor(L/K) on axis 1 (slice s is layer s*K+J), and the L mod K layers left
 * over in `decoder.layers_remainder.layers_R` (Gemma 3), unstacked.
 */
export function maxtextBlocks(un: Readonly<Record<string, TensorSpec>>, L: number, K: number): Record<string, TensorSpec> {
  const S = Math.floor(L / K);
  const specs: Record<string, TensorSpec> = {};
  const layerPrefix = (i: number) => `params.params.decoder.layers_${i}.`;
  const relsOf = (i: number) => Object.keys(un).filter((n) => n.startsWith(layerPrefix(i))).map((n) => n.slice(layerPrefix(i).length));
  for (let J = 0; J < K; J++) {
    for (const rel of relsOf(J)) {
      const first = un[layerPrefix(J) + rel];
      const layers = Array.from({ length: S }, (_, s) => un[layerPrefix(s * K + J) + rel].bytes!);
      specs[`params.params.decoder.layers.layers_${J}.${rel}`] = { dtype: first.dtype, shape: scannedShape(first.shape, S), bytes: stackAxis1(layers, first.shape, dtypeSize(first.dtype)) };
    }
  }
  for (let r = 0; r < L - S * K; r++) {
    for (const rel of relsOf(S * K + r)) specs[`params.params.decoder.layers_remainder.layers_${r}.${rel}`] = un[layerPrefix(S * K + r) + rel];
  }
  for (const [name, spec] of Object.entries(un)) if (!name.includes('.layers_')) specs[name] = spec;
  return specs;
}

/** Llama 4 Maverick's shape: dense layers and MoE layers alternating (interleave_moe_layer_step 2). */
export function maxtextAlternating(d: MaxTextDims, seed = 1): Record<string, TensorSpec> {
  const dense = maxtextUnscanned({ ...d, X: undefined }, seed);
  const moe = maxtextUnscanned({ ...d, X: d.X ?? 4 }, seed + 100_000);
  const specs: Record<string, TensorSpec> = {};
  for (const [name, spec] of Object.entries(dense)) {
    const m = /\.layers_(\d+)\./.exec(name);
    if (!m || Number(m[1]) % 2 === 0) specs[name] = spec;
  }
  for (const [name, spec] of Object.entries(moe)) {
    const m = /\.layers_(\d+)\./.exec(name);
    if (m && Number(m[1]) % 2 === 1) specs[name] = spec;
  }
  return specs;
}

/** An in-memory safetensors-like index of specs (zero bytes where none are given). */
export function specsIndex(file: string, specs: Record<string, TensorSpec>, metadata: Record<string, string> = {}): TensorIndex {
  const tensors = new Map(Object.entries(specs).map(([n, s]) => [n, memoryRef(n, s.dtype, s.shape, s.bytes ?? new Uint8Array(numel(s.shape) * dtypeSize(s.dtype)))]));
  return { path: file, format: 'safetensors', tensors, metadata, sep: '.', close() {} };
}
