import type { Tensor } from '@tensorflow/tfjs-core';
import type { ModelParams, ParamGetter } from './params.js';
import type { ModelSpec } from './spec.js';
export declare const LLM_TRACE_NAMES: readonly ["+self_attention", "+mlp"];
export interface LayerCache {
    k: Tensor;
    v: Tensor;
}
/** Per-layer KV caches, stored as the form stores them. */
export interface KvCache {
    layer(i: number): LayerCache;
    /** All layers' updated caches, after a step: returns the cache for the next step (owns `caches`). */
    update(caches: LayerCache[]): KvCache;
    dispose(): void;
}
export declare function pyloopCache(caches: LayerCache[]): KvCache;
export declare function scanCache(k: Tensor, v: Tensor): KvCache;
export declare function emptyCache(form: 'pyloop' | 'scan' | 'shared', spec: ModelSpec, batch: number, length: number): KvCache;
/** Write this step's (B,T,H,DH) keys or values into the (B,S,H,DH) cache at positions index... */
export declare function updateCache(cache: Tensor, update: Tensor, index: number): Tensor;
/** SimpleCausalAttention: Dense_0/1/2 = q/k/v, Dense_3 = out; logits / sqrt(DH); causal mask. */
export declare function causalSelfAttention(x: Tensor, p: ParamGetter, cache: LayerCache, index: number, spec: ModelSpec): {
    out: Tensor;
    cache: LayerCache;
};
export declare function llmBlock(x: Tensor, p: ParamGetter, cache: LayerCache, index: number, spec: ModelSpec): {
    out: Tensor<import("@tensorflow/tfjs-core").Rank>;
    cache: LayerCache;
    trace: Record<string, Tensor>;
};
export interface LlmStep {
    logits: Tensor;
    cache: KvCache;
}
/**
 * One forward call over `ids` (B,T) at cache position `index`: prefill or a decode step. With
 * `sink`, each layer's named intermediates are shown to it as the layer finishes, and awaited
 * (a sink reads them asynchronously: model/tf.ts readTensor); they are alive only until then.
 */
export declare function llmForward(params: ModelParams, spec: ModelSpec, ids: Tensor, cache: KvCache, index: number, sink?: (layer: number, trace: Record<string, Tensor>) => Promise<void>): Promise<LlmStep>;
