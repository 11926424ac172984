import { type Ids } from './decoder.js';
import type { ModelParams } from './params.js';
import type { ModelSpec } from './spec.js';
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
/**
 * `indexOffset` shifts every decode step's cache index: 0 for correct decoding. It exists so a
 * test can prove the cache-vs-recompute check catches an off-by-one cache (not a CLI flag).
 */
export declare function greedyGenerate(params: ModelParams, spec: ModelSpec, prompt: Ids, maxNewTokens: number, options?: DecodeOptions): Promise<Generation>;
/** Logits of one uncached forward over `ids` (B, T): the full recompute to check the cache with. */
export declare function fullLogits(params: ModelParams, spec: ModelSpec, ids: Ids): Promise<Float32Array>;
