/**
 * The linear op's onnxruntime strategy (`--backend ort`): the weight is never a tfjs tensor. It
 * stays a stored tensor (a TensorRef, a layer's slice of a stack, a head's vocabulary chunk)
 * until the product reads it into host memory (params.ts weightValues: the same reused buffer,
 * or bf16 widened by the SIMD kernel) and hands those bytes to MLAS. Nothing else is copied:
 * the activation and the bias are fed to onnxruntime as views of tfjs-wasm's heap where they
 * live, and the result is written by MLAS straight into a tensor tfjs-wasm allocated for it.
 * (Reading each activation out and writing each result back in was a fifth of a form's time at
 * the notebook's size: docs/ORT.md.) Both forms read the same bytes and run the same kernel on
 * the same shapes, so they still agree exactly.
 */
import type { Tensor } from '@tensorflow/tfjs-core';
import type { TensorRef } from '../../format/types.js';
import { type Orientation } from './runtime.js';
/** A weight left unread for the product to read: `ref`'s bytes viewed as the 2-D `shape` (as stored). */
export interface HostWeight {
    readonly ref: TensorRef;
    readonly shape: readonly [number, number];
}
export declare function isHostWeight(w: Tensor | HostWeight): w is HostWeight;
/** The stored tensor as a 2-D weight of `shape` (its bytes unchanged: a reshape). */
export declare function hostWeight(ref: TensorRef, shape?: readonly number[]): HostWeight;
/**
 * x (..., K) times the weight [+ bias], (..., N): K and N from the weight's `orientation`
 * ('in,out' = (K,N) as Flax stores it, 'out,in' = (N,K) as PyTorch does). Runs in the wasm
 * backend's thread, synchronously: the weight is read first (into memory outside tfjs's heap),
 * then the output allocated on the heap, then x, the bias and the output viewed there and
 * multiplied with nothing in between (ortProduct checks every operand's size, the bias's too).
 */
export declare function hostLinear(x: Tensor, weight: HostWeight, orientation: Orientation, bias?: Tensor): Tensor;
