import { tf } from '../tf.js';
let cached;
/** The active wasm backend's heap, or null when the active backend is not tfjs-wasm (or not one we know). */
export function wasmHeap() {
    if (tf.getBackend() !== 'wasm')
        return null;
    const backend = tf.backend();
    if (cached?.backend === backend)
        return cached.heap;
    if (typeof backend.makeOutput !== 'function' || typeof backend.typedArrayFromHeap !== 'function' || typeof backend.getMemoryOffset !== 'function')
        return null;
    const memory = backend.wasm?.asm?.memory;
    const heap = { backend: backend, memory: memory instanceof WebAssembly.Memory ? memory : null };
    cached = { backend, heap };
    return heap;
}
/** A float32 tensor's values in place on the heap (valid until the heap next grows). */
export function f32View(heap, t, what) {
    const v = heap.backend.typedArrayFromHeap(t);
    if (!(v instanceof Float32Array))
        throw new Error(`${what}: expected float32 values, found ${t.dtype}`);
    return v;
}
/** The tensor made from an output allocated by `makeOutput` (tracked by the enclosing tidy). */
export function outputTensor(info) {
    return tf.engine().makeTensorFromTensorInfo(info);
}
