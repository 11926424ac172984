/**
 * The products of a decode step on the wasm backend, and generate's weight cache.
 *
 * A product of a few rows (`storedProductApplies`: a decode step's one token per sequence) reads
 * its weight's stored bytes (bf16 or f32) straight into the matvec kernel's memory and
 * multiplies them there (matvec.ts: bit for bit what XNNPACK computes). Nothing is widened and
 * no weight becomes a tensor.
 *
 * While `withWeightCache` runs (generate's decoding), the bytes of each weight it reads stay in
 * that memory, kept first come first kept until `budget` bytes are kept (no eviction), so the
 * later steps read them from there instead of from the checkpoint; past the budget a weight is
 * read into scratch space after the kept ones at every step, as without a cache. Kept are the
 * stored bytes (a bf16 1B model is 2.5 GB), per thread: each form runs in its own worker, so
 * the budget is per form. Weights are known by their TensorRef, which the model code hands out
 * once per weight (params.ts, forms.ts, decoder.ts headLogits keep theirs).
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { TensorRef } from '../../format/types.js';
/** Rows of x up to which a product runs in the matvec kernel: a decode step's (one token per sequence). */
export declare const MATVEC_MAX_ROWS = 8;
/** Whether x (..., K) times `ref` runs in the matvec kernel here: wasm, few rows, a bf16 or f32 2-D weight. */
export declare function storedProductApplies(x: Tensor, ref: TensorRef): boolean;
/**
 * x (..., K) times the stored weight [+ bias]: `orientation` 'out,in' for a (N,K) weight
 * (PyTorch), 'in,out' for a (K,N) kernel (Flax). Bit for bit what linearOutIn/linear compute
 * from the widened weight (matvec.ts). Call only where `storedProductApplies`.
 */
export declare function storedProduct(x: Tensor, ref: TensorRef, orientation: 'in,out' | 'out,in', bias?: Tensor): Tensor;
/**
 * Run `decode` with the weights its products read kept up to `budgetBytes` (0: none kept), then
 * drop them: the kernel's memory cannot shrink, so a kernel that kept weights is let go for the
 * garbage collector (a form run in the CLI's own thread must not hold gigabytes afterwards).
 */
export declare function withWeightCache<T>(budgetBytes: number, decode: () => Promise<T>): Promise<{
    result: T;
    keptBytes: number;
}>;
/** Bytes of weights kept now (tests). */
export declare const keptWeightBytes: () => number;
