/**
 * tfjs-wasm's heap, where every tensor's values live at a fixed offset: what the ort products
 * (model/ort/linear.ts) and the attention kernels (attention.ts) use to read and write tensors
 * in place instead of copying them out (`dataSync`) and back in (`tf.tensor`). At the notebook's
 * size those copies were about a fifth of a form's time on ort (docs/ORT.md).
 *
 * Typed here by what scanconv touches of BackendWasm (its public methods) and of the Emscripten
 * module under it (`asm.memory`, the WebAssembly.Memory the heap is, which our SIMD kernels
 * import): nothing in dist's declarations names tfjs-backend-wasm's internals.
 */
import type { Tensor, TensorInfo } from '@tensorflow/tfjs-core';
interface BackendWasmHeap {
    /** Allocates an output tensor's values on the heap (may grow it: take views afterwards). */
    makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
    /** A view of a tensor's values in place, valid until the heap next grows. */
    typedArrayFromHeap(t: TensorInfo): ArrayBufferView;
    /** A tensor's byte offset on the heap (stable for its life: growing keeps offsets). */
    getMemoryOffset(dataId: object): number;
    wasm?: {
        asm?: {
            memory?: unknown;
        };
    };
}
export interface WasmHeap {
    backend: BackendWasmHeap;
    /** The heap itself, for kernels that import it; null where this tfjs-wasm does not expose it. */
    memory: WebAssembly.Memory | null;
}
/** The active wasm backend's heap, or null when the active backend is not tfjs-wasm (or not one we know). */
export declare function wasmHeap(): WasmHeap | null;
/** A float32 tensor's values in place on the heap (valid until the heap next grows). */
export declare function f32View(heap: WasmHeap, t: TensorInfo, what: string): Float32Array;
/** The tensor made from an output allocated by `makeOutput` (tracked by the enclosing tidy). */
export declare function outputTensor(info: TensorInfo): Tensor;
export {};
