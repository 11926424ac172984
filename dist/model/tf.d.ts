import type * as TF from '@tensorflow/tfjs-core';
export declare const requireTfjs: NodeJS.Require;
export declare const tf: typeof TF;
/**
 * True when the active backend copies values: into its own memory when a tensor is made, and
 * out of it again on dataSync (wasm). Then a caller may reuse the array it passed in, and owns
 * the array it gets back. cpu (and GPU backends' CPU-side caches) keep and hand out the very
 * array, so reusing or transferring it would corrupt live tensors.
 */
export declare function backendCopiesValues(): boolean;
