import type { Tensor } from '@tensorflow/tfjs-core';
import { type RopeSpec } from './rope.js';
import { type HostWeight } from './ort/linear.js';
import type { ParamGetter } from './params.js';
/**
 * A weight of the linear op: a tfjs tensor, or on `--backend ort` the stored tensor left unread,
 * which the product reads into host memory and multiplies in onnxruntime (ort/linear.ts).
 */
export type Weight = Tensor | HostWeight;
/** The weight at `path` as the linear op multiplies it here: unread on ort, a tensor elsewhere. */
export declare function weightAt(p: ParamGetter, path: readonly string[]): Weight;
/** flax.linen.RMSNorm: x * rsqrt(mean(x^2, -1) + eps) * scale. x (..., D), scale (D). */
export declare function rmsNorm(x: Tensor, scale: Tensor, epsilon?: number): Tensor;
/** flax.linen.Dense: x (..., Din) @ kernel (Din, Dout) + bias (Dout). */
export declare function dense(x: Tensor, kernel: Weight, bias: Tensor): Tensor;
/**
 * flax.linen.DenseGeneral with axis=-1, features=(H, DH): the attention projections.
 * x (B, T, D), kernel (D, H, DH), bias (H, DH) -> (B, T, H, DH).
 */
export declare function denseGeneralIn(x: Tensor, kernel: Weight, bias: Tensor): Tensor;
/**
 * flax.linen.DenseGeneral with axis=(-2, -1): the attention output projection.
 * x (B, T, H, DH), kernel (H, DH, D), bias (D) -> (B, T, D).
 */
export declare function denseGeneralOut(x: Tensor, kernel: Weight, bias: Tensor): Tensor;
/** logits (B,H,T,S) = q (B,T,H,DH) . k (B,S,H,DH) over DH: Flax's einsum '...qhd,...khd->...hqk'. */
export declare function attentionLogits(q: Tensor, k: Tensor): Tensor;
/** values (B,T,H,DH) = weights (B,H,T,S) . v (B,S,H,DH) over S: Flax's einsum '...hqk,...khd->...qhd'. */
export declare function attentionValues(weights: Tensor, v: Tensor): Tensor;
/**
 * flax.linen.dot_product_attention: q (B,T,H,DH), k/v (B,S,H,DH); mask (T,S) boolean-as-0/1,
 * masked logits set to float32 min (Flax's big_neg), softmax over keys -> (B, T, H, DH).
 * `scaleQuery`: Flax's MHA divides the query by sqrt(DH) before the product; the notebook's
 * LLM divides the logits instead. The order changes rounding, so we mirror each.
 */
export declare function dotProductAttention(q: Tensor, k: Tensor, v: Tensor, options: {
    mask?: Tensor;
    scaleQuery: boolean;
    multiplier?: number;
    softcap?: number;
}): Tensor;
/** cap * tanh(x / cap), as transformers' Gemma 2 writes it (divide, tanh, multiply). */
export declare function softcap(x: Tensor, cap: number): Tensor;
/**
 * Causal mask with a sliding window: query t (absolute position index + t) sees key s iff
 * index + t - window < s <= index + t, as transformers' Mistral and Gemma 2 mask it. (T, S).
 */
export declare function slidingCausalMask(T: number, S: number, index: number, window: number): Tensor;
/** Causal mask for a cache: key position s is visible to query t iff s <= index + t. (T, S). */
export declare function causalMask(T: number, S: number, index: number): Tensor;
/** flax.linen.gelu with approximate=True: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
export declare function geluTanh(x: Tensor): Tensor;
/** flax.linen.Embed: table (V, D)[ids (B, T)] -> (B, T, D). */
export declare function embed(ids: Tensor, table: Tensor): Tensor;
/**
 * x (..., in) @ kernel (in, out) [+ bias]: always a 2-D untransposed matMul, the one product
 * tfjs-wasm sends to XNNPACK (~20 GFLOP/s here, against ~1 for transposed or batched ones).
 */
export declare function linear(x: Tensor, kernel: Weight, bias?: Tensor): Tensor;
/**
 * x (..., in) times a PyTorch (out, in) weight's transpose [+ bias], computed as
 * (weight @ xᵀ)ᵀ. Why: XNNPACK packs a product's second operand before every call (~90M
 * floats/s in wasm), and a weight is used once per forward call, so packing the (in, tokens)
 * activation instead of the (in, out) weight, and never transposing the weight, is what makes a
 * prefill of 32 tokens 5x faster and a decode step 10x (bench/matmul.ts). XNNPACK sums each
 * dot product in the same order either way: the results are bit-identical (measured there).
 */
export declare function linearOutIn(x: Tensor, weight: Weight, bias?: Tensor): Tensor;
/** Hugging Face's RMSNorm: x * rsqrt(mean(x^2) + eps), times weight (Llama) or (1 + weight) (Gemma). */
export declare function rmsNormHf(x: Tensor, weight: Tensor, eps: number, plusOne?: boolean): Tensor;
/** torch.nn.LayerNorm: (x - mean) / sqrt(var + eps) * scale + bias, biased variance. */
export declare function layerNorm(x: Tensor, scale: Tensor, bias: Tensor, eps: number): Tensor;
/**
 * RoPE tables for positions index..index+T-1, "rotate half" form: the inverse frequencies of the
 * model's RoPE variant for this call (rope.ts; dynamic and longrope depend on its length), the
 * angles in f32 as PyTorch's (inv_freq @ positions) computes them, cos/sin of concat(angle,
 * angle), times the variant's attention scaling in f32. (T, 1, DH).
 */
export declare function rotaryTables(index: number, T: number, DH: number, rope: RopeSpec): {
    cos: Tensor;
    sin: Tensor;
};
/** x (B,T,heads,DH) rotated: x*cos + rotate_half(x)*sin, rotate_half(x) = concat(-x2, x1). */
export declare function applyRotary(x: Tensor, cos: Tensor, sin: Tensor): Tensor;
/**
 * Grouped KV heads for every query head: (B,S,KV,DH) -> (B,S,KV*rep,DH), head h reads kv head
 * floor(h/rep). A gather on the head axis, not transformers' expand + reshape: tiling a rank-5
 * tensor runs on the CPU in tfjs-backend-webgpu, which reads synchronously and fails in Node.
 */
export declare function repeatKv(x: Tensor, rep: number): Tensor;
/** x * sigmoid(x). */
export declare function silu(x: Tensor): Tensor;
