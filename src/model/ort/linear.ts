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
import { tf } from '../tf.js';
import { weightValues } from '../params.js';
import { f32View, outputTensor, wasmHeap } from '../wasm/heap.js';
import { ortProduct, type Orientation } from './runtime.js';

/** A weight left unread for the product to read: `ref`'s bytes viewed as the 2-D `shape` (as stored). */
export interface HostWeight {
  readonly ref: TensorRef;
  readonly shape: readonly [number, number];
}

export function isHostWeight(w: Tensor | HostWeight): w is HostWeight {
  return 'ref' in w;
}

/** The stored tensor as a 2-D weight of `shape` (its bytes unchanged: a reshape). */
export function hostWeight(ref: TensorRef, shape: readonly number[] = ref.shape): HostWeight {
  const [rows, cols] = shape.length === 2 ? shape : [shape.slice(0, -1).reduce((a, b) => a * b, 1), shape[shape.length - 1]];
  if (rows * cols !== ref.shape.reduce((a, b) => a * b, 1)) throw new Error(`${ref.name}: shape [${ref.shape.join(', ')}] viewed as [${shape.join(', ')}]`);
  return { ref, shape: [rows, cols] };
}

/**
 * x (..., K) times the weight [+ bias], (..., N): K and N from the weight's `orientation`
 * ('in,out' = (K,N) as Flax stores it, 'out,in' = (N,K) as PyTorch does). Runs in the wasm
 * backend's thread, synchronously: the weight is read first (into memory outside tfjs's heap),
 * then the output allocated on the heap, then x, the bias and the output viewed there and
 * multiplied with nothing in between (ortProduct checks every operand's size, the bias's too).
 */
export function hostLinear(x: Tensor, weight: HostWeight, orientation: Orientation, bias?: Tensor): Tensor {
  const [rows, cols] = weight.shape;
  const [K, N] = orientation === 'out,in' ? [cols, rows] : [rows, cols];
  if (x.shape[x.shape.length - 1] !== K) throw new Error(`${weight.ref.name}: a (${rows}, ${cols}) ${orientation} weight cannot multiply an input of width ${x.shape[x.shape.length - 1]}`);
  const heap = wasmHeap();
  if (!heap) throw new Error(`--backend ort runs its products on tfjs-wasm's heap, but the active backend is ${tf.getBackend()}`);
  const w = weightValues(weight.ref);
  const M = x.size / K;
  // A tensor at once, so that a product that throws leaves it to the enclosing tidy to free.
  const out = outputTensor(heap.backend.makeOutput([...x.shape.slice(0, -1), N], 'float32'));
  ortProduct({ x: f32View(heap, x, 'the input'), M, K, w, N, orientation, bias: bias && f32View(heap, bias, 'the bias'), out: f32View(heap, out, 'the output') });
  return out;
}
