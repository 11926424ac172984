import type { Tensor } from '@tensorflow/tfjs-core';
import { type LayerCache } from './cache.js';
import type { BlockResult, DecoderModel, Step } from './decoder.js';
import type { ParamGetter } from './params.js';
import type { ModelSpec } from './spec.js';
/** SimpleCausalAttention: Dense_0/1/2 = q/k/v, Dense_3 = out; logits / sqrt(DH); causal mask. */
export declare function causalSelfAttention(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec): {
    out: Tensor;
    cache: LayerCache;
};
export declare function llmBlock(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec): BlockResult;
export declare const llm: DecoderModel;
