import type { Tensor } from '@tensorflow/tfjs-core';
import { type TensorIndex, type TensorRef } from '../format/types.js';
import type { Layout, LayoutOptions } from '../layout/analyze.js';
import { type ModelTree } from './tree.js';
/**
 * Layer-relative or global tensor, by path segments (e.g. ['self_attention', 'query', 'kernel']).
 * `transposed` reads a 2-D (in,out) kernel as the (out,in) weight (see `refToTransposedTensor`).
 */
export interface ParamGetter {
    (path: readonly string[], read?: {
        transposed?: boolean;
    }): Tensor;
    /** The stored tensor at `path`, unread: for a product that reads its weight itself (model/ort). */
    ref(path: readonly string[]): TensorRef;
}
export interface ModelParams extends Pick<ModelTree, 'form' | 'layers' | 'layerLeaves' | 'globalLeaves'> {
    layer(i: number): ParamGetter;
    global: ParamGetter;
    /** A tensor outside the block, by its full name. */
    named(name: string): Tensor;
    /** The same, unread (model/ort reads its head chunks itself). */
    ref(name: string): TensorRef;
    /** Rows `ids` of a 2-D tensor outside the block, (ids.length, cols): an embedding lookup that reads only those rows. */
    rows(name: string, ids: ArrayLike<number>): Tensor;
    /** Rows start..start+count-1 of a 2-D tensor outside the block: a vocabulary chunk of a (V, D) head. */
    rowRange(name: string, start: number, count: number): Tensor;
    /** Columns start..start+count-1 of a 2-D tensor outside the block, (rows, count), or transposed (count, rows): a vocabulary chunk of a Flax (D, V) head kernel. */
    columnRange(name: string, start: number, count: number, read?: {
        transposed?: boolean;
    }): Tensor;
}
/**
 * A weight's f32 values. Where the backend copies them (wasm), they may be a reused buffer's:
 * f32 bytes are read into `scratch`, and bf16 bytes straight into a SIMD kernel's memory and
 * widened there (wasm/weights.ts: at a 1B model's size, fresh arrays per weight were a fifth
 * of verify's time, and widening in JavaScript 19 ms per 11.5M values).
 */
export declare function weightValues(ref: TensorRef): Float32Array;
/** Widen a stored tensor to an f32 tfjs tensor (exact for bf16/f16; files are never changed). */
export declare function refToTensor(ref: TensorRef, shape?: readonly number[]): Tensor;
/**
 * A 2-D (in,out) kernel read as its (out,in) transpose, for layers.ts `linearOutIn`: in a
 * forward call each weight is used once, and XNNPACK's packing of an (in,out) kernel reads it
 * column by column (184 ms for 2048 x 5632 against 43 ms for the whole (out,in) product at 32
 * tokens, bench/matmul.ts). On wasm the bytes go straight into a SIMD kernel's memory, which
 * widens and transposes them (wasm/weights.ts: 24 ms for that kernel in bf16); elsewhere, or
 * for sizes that are not multiples of 4, a blocked copy here (about 90 ms).
 */
export declare function refToTransposedTensor(ref: TensorRef): Tensor;
/**
 * out (cols, rows) = src (rows, cols) transposed, in 64 x 64 blocks so both sides stay in cache.
 * Moved as 32-bit integers: through a float, an optimised load may quiet a signaling NaN (x86's
 * cvtss2sd sets its top mantissa bit), and these values are copied, not computed on.
 */
export declare function transposeInto(src: Float32Array, rows: number, cols: number, out: Float32Array): void;
/** The weights of `index` as seen by the `form` model, converting in memory when needed. */
export declare function modelParams(index: TensorIndex, form: Layout, options?: Partial<LayoutOptions>): ModelParams;
