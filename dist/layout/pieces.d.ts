import type { TensorRef } from '../format/types.js';
import type { OutputTensor } from '../format/stream.js';
export declare function stackedShape(shape: readonly number[], count: number, axis: number): number[];
export declare function unstackedShape(shape: readonly number[], axis: number): number[];
/** `refs` (same dtype and shape) stacked on a new `axis`. */
export declare function stackTensors(name: string, refs: readonly TensorRef[], axis: number): OutputTensor;
/** Slice `index` of `ref` along `axis`, dropping that axis. */
export declare function unstackTensor(name: string, ref: TensorRef, axis: number, index: number): OutputTensor;
