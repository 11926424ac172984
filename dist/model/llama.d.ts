import type { Tensor } from '@tensorflow/tfjs-core';
import { type LayerCache } from './cache.js';
import { type DecoderModel, type LinearWeight, type Step } from './decoder.js';
import type { ModelParams, ParamGetter } from './params.js';
import type { ModelSpec } from './spec.js';
/** A projection's weight: PyTorch's (out,in) `weight` or Flax's (in,out) `kernel`. */
export declare function projection(p: ParamGetter, spec: ModelSpec, path: readonly string[]): LinearWeight;
/** Self-attention with RoPE and grouped KV heads; keys and values go into this layer's cache. */
export declare function attention(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec): {
    out: Tensor;
    cache: LayerCache;
};
export declare const rotary: (spec: ModelSpec, index: number, T: number) => {
    cos: Tensor;
    sin: Tensor;
};
/** The head, read in vocabulary chunks: tied to the (V,D) embedding, or lm_head ((V,D) under PyTorch names, a (D,V) Flax kernel). */
export declare function lmHead(params: ModelParams, spec: ModelSpec, x: Tensor): Tensor;
export declare const llama: DecoderModel;
