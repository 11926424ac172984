import type { Tensor } from '@tensorflow/tfjs-core';
import type { ParamGetter } from './params.js';
/** flax.linen.SelfAttention (MultiHeadDotProductAttention, no mask): x (B,T,D) -> (B,T,D). */
export declare function selfAttention(x: Tensor, p: ParamGetter): Tensor;
/** One SimpleBlock: returns the next hidden state and the five named intermediates. */
export declare function simpleBlock(x: Tensor, p: ParamGetter): {
    out: Tensor;
    trace: Record<string, Tensor>;
};
