import type { Tensor } from '@tensorflow/tfjs-core';
import { type ModelSpec } from './spec.js';
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
/** Write this step's (B,T,KV,DH) keys or values into the (B,S,KV,DH) cache at positions index... */
export declare function updateCache(cache: Tensor, update: Tensor, index: number): Tensor;
