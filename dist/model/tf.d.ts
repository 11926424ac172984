import type * as TF from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
export declare const requireTfjs: NodeJS.Require;
/**
 * tfjs-core, required on first use, not on import: a family file holds its config checks (run
 * on the main thread) and its math (run in the workers) side by side, and importing it must not
 * load tfjs where only the checks run (a startup test guards that).
 */
export declare const tf: typeof TF;
/**
 * True when the active backend copies values: into its own memory when a tensor is made, and
 * out of it again when read (wasm). Then a caller may reuse the array it passed in, and owns
 * the array it gets back. cpu (and GPU backends' CPU-side caches) keep and hand out the very
 * array, so reusing or transferring it would corrupt live tensors.
 */
export declare function backendCopiesValues(): boolean;
interface TensorValues {
    float32: Float32Array;
    int32: Int32Array;
}
/**
 * A tensor's values, in an array the caller owns (it may keep, reuse or transfer it to another
 * thread). The one way the model code reads a tensor: always asynchronously, because GPU
 * backends cannot read synchronously in Node (tfjs-backend-webgpu's dataSync needs
 * OffscreenCanvas). On wasm the read is already a copy out of the module's memory; elsewhere
 * (cpu's storage, webgpu's CPU-side cache) the tensor keeps the array it hands out, so it is
 * copied.
 */
export declare function readTensor<D extends keyof TensorValues = 'float32'>(t: Tensor, dtype?: D): Promise<TensorValues[D]>;
export {};
