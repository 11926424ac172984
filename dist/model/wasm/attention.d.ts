/**
 * The attention's two batched products as WebAssembly SIMD kernels, for the wasm backend.
 *
 * Why: tfjs-wasm sends a matmul with a batch dimension (here B*H small products per layer) to a
 * scalar loop (`slow_batch_matmul`, about 1.5 GFLOP/s), and XNNPACK would need a new packed
 * operator per head; at the notebook's size that is 0.6 s of each form's 3.5 s. These kernels
 * read q, k, v in their (B, T, H, DH) layout (no transposes) with 4-wide f32 vectors:
 *
 *   logits (B,H,T,S) = sum_d q[b,t,h,d] * k[b,s,h,d]      (Flax: einsum '...qhd,...khd->...hqk')
 *   values (B,T,H,DH) = sum_s w[b,h,t,s] * v[b,s,h,:]      (Flax: einsum '...hqk,...khd->...qhd')
 *
 * Plain f32 multiplies and adds, no fused multiply-add; `values` adds over s in order. `logits`
 * sums each dot product in 4 lanes then lane 0 + 1 + 2 + 3, so its rounding differs from a
 * sequential sum by float rounding only (checked against Flax's outputs in the tests).
 * The kernels import tfjs-wasm's own memory (heap.ts): they read q, k, v and the weights where
 * those tensors live and write into an output tensor tfjs-wasm allocated, so nothing is copied
 * (at the notebook's size the copies out and back cost about as much as the kernels).
 * layers.ts calls these where simdAttentionApplies: on tfjs-wasm, whose heap they import.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
/**
 * The kernels apply to a head width that is a whole number of 4-float vectors, on a tfjs-wasm
 * whose heap they can import (every tfjs-wasm scanconv runs on exposes it; elsewhere layers.ts
 * uses tfjs's batched matmul).
 */
export declare function simdAttentionApplies(headWidth: number): boolean;
/** q (B,T,H,DH), k (B,S,H,DH) -> logits (B,H,T,S). */
export declare function simdAttentionLogits(q: Tensor, k: Tensor): Tensor;
/** weights (B,H,T,S), v (B,S,H,DH) -> (B,T,H,DH). */
export declare function simdAttentionValues(weights: Tensor, v: Tensor): Tensor;
