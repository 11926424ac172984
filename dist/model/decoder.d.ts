import type { Tensor } from '@tensorflow/tfjs-core';
import type { KvCache, LayerCache } from './cache.js';
import { type Weight } from './layers.js';
import type { TensorRef } from '../format/types.js';
import type { ModelParams, ParamGetter } from './params.js';
import type { ModelSpec } from './spec.js';
/** Token ids on the host: (B, T) int32. */
export interface Ids {
    data: Int32Array;
    shape: number[];
}
/** What one forward call's layers share: positions index..index+T-1 against a cache of S. */
export interface Step {
    index: number;
    T: number;
    /** (T, S) causal mask: key s visible to query t iff s <= index + t. */
    mask: Tensor;
    /** With a sliding window (spec.decoder.window): also index + t - window < s. */
    windowMask?: Tensor;
    /** Family-specific tables (RoPE cos/sin), made once per call. */
    tables: Record<string, Tensor>;
}
export interface BlockResult {
    out: Tensor;
    cache: LayerCache;
    trace: Record<string, Tensor>;
}
export interface DecoderModel {
    /** Per-call tables (e.g. RoPE's cos and sin for these positions). */
    tables?(spec: ModelSpec, index: number, T: number): Record<string, Tensor>;
    /** Hidden states entering layer 0: (B, T, D). */
    embed(params: ModelParams, spec: ModelSpec, ids: Ids, index: number): Tensor;
    block(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec, layer: number): BlockResult;
    /** The final norm (identity when the model has none). */
    finalNorm(params: ModelParams, spec: ModelSpec, x: Tensor): Tensor;
    /** Logits (B, T, V) from the normalised hidden states. */
    logits(params: ModelParams, spec: ModelSpec, x: Tensor): Tensor;
}
export interface DecoderStep {
    logits: Tensor;
    cache: KvCache;
    /** With `extras`: the input to layer 0 and the output of the final norm (B, T, D). */
    embedOut?: Tensor;
    finalNormOut?: Tensor;
}
/**
 * One forward call over `ids` (B,T) at cache position `index`. With `sink`, each layer's
 * named intermediates are shown to it as the layer finishes, and awaited (a sink reads them
 * asynchronously: model/tf.ts readTensor); they are alive only until then.
 */
export declare function decoderForward(model: DecoderModel, params: ModelParams, spec: ModelSpec, ids: Ids, cache: KvCache, index: number, sink?: (layer: number, trace: Record<string, Tensor>) => Promise<void>, extras?: boolean): Promise<DecoderStep>;
/**
 * A Linear weight as stored, (in,out) (Flax, GPT-2's Conv1D) or (out,in) (PyTorch), not read
 * yet: `project` reads it as a tensor (`read`, multiplied as (out,in) when `outIn`), or, for a
 * product of a few rows on wasm, multiplies the `stored` bytes themselves (wasm/weightCache.ts).
 */
export interface LinearWeight {
    read: () => Weight;
    outIn: boolean;
    stored?: {
        ref: TensorRef;
        orientation: 'in,out' | 'out,in';
    };
}
/**
 * Whether (in,out) kernels should be read transposed and multiplied as (out,in) weights. On
 * wasm, yes: XNNPACK packs a product's second operand before every call, column by column for
 * an (in,out) kernel, and packing the small activation instead is 5x faster at 32 tokens
 * (layers.ts linearOutIn); the transpose is a SIMD kernel there. GPU and tfjs-node backends
 * multiply either layout as fast, and would transpose on the host: no.
 */
export declare const kernelsAsOutIn: () => boolean;
/** The Linear weight at `path`, stored (in,out) or (out,in), to be read the way `project` multiplies it fastest here. */
export declare function linearWeight(p: ParamGetter, path: readonly string[], stored: 'in,out' | 'out,in'): LinearWeight;
/**
 * x times a weight read for this one product, freed as soon as it is used: a layer's tidy would
 * otherwise hold all its weights (176 MB of f32 per layer at TinyLlama's size) until its end.
 * (out,in) weights are multiplied as they are (layers.ts linearOutIn), never transposed. A
 * decode step's few rows on wasm multiply the stored bytes instead (wasm/weightCache.ts: the
 * same bits, without widening the weight into a tensor).
 */
export declare function project(x: Tensor, weight: LinearWeight, bias?: Tensor): Tensor;
/** The mask of layer `layer`: windowed on every layer, or on the even ones (Gemma 2), else causal. */
export declare function layerMask(step: Step, spec: ModelSpec, layer: number): Tensor;
/**
 * Logits x (B,T,D) times a (V,D) table's transpose (PyTorch's lm_head.weight, or a tied
 * embedding), or times a Flax (D,V) head kernel (`kernel`), read a vocabulary chunk at a time so
 * a 32000 x 2048 head never sits in memory whole. A chunk is the table's n rows, an (out,in)
 * weight, or the kernel's n columns, read transposed where `kernelsAsOutIn`; for a decode step
 * on wasm, its stored bytes multiplied as they are (`project`).
 */
export declare function headLogits(params: ModelParams, name: string, x: Tensor, V: number, stored?: 'rows' | 'kernel'): Tensor;
