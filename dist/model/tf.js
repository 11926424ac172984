/**
 * tfjs-core for the model code, loaded with `require`. The package's Node entry is one
 * CommonJS bundle (1.2 MB); importing it from ESM makes Node scan the whole bundle for export
 * names first: 150 ms against 35-44 ms for require, paid again by each worker thread. Types
 * come from the package as usual (`import type { Tensor } from '@tensorflow/tfjs-core'`).
 * Backends (backendInit.ts) are required the same way so they register on this instance.
 */
import { createRequire } from 'node:module';
export const requireTfjs = createRequire(import.meta.url);
let loaded;
/**
 * tfjs-core, required on first use, not on import: a family file holds its config checks (run
 * on the main thread) and its math (run in the workers) side by side, and importing it must not
 * load tfjs where only the checks run (a startup test guards that).
 */
export const tf = new Proxy({}, {
    get: (_, key) => (loaded ??= requireTfjs('@tensorflow/tfjs-core'))[key],
});
/**
 * True when the active backend copies values: into its own memory when a tensor is made, and
 * out of it again when read (wasm). Then a caller may reuse the array it passed in, and owns
 * the array it gets back. cpu (and GPU backends' CPU-side caches) keep and hand out the very
 * array, so reusing or transferring it would corrupt live tensors.
 */
export function backendCopiesValues() {
    return tf.getBackend() === 'wasm';
}
/**
 * A tensor's values, in an array the caller owns (it may keep, reuse or transfer it to another
 * thread). The one way the model code reads a tensor: always asynchronously, because GPU
 * backends cannot read synchronously in Node (tfjs-backend-webgpu's dataSync needs
 * OffscreenCanvas). On wasm the read is already a copy out of the module's memory; elsewhere
 * (cpu's storage, webgpu's CPU-side cache) the tensor keeps the array it hands out, so it is
 * copied.
 */
export async function readTensor(t, dtype = 'float32') {
    if (t.dtype !== dtype)
        throw new Error(`expected a ${dtype} tensor, got ${t.dtype} [${t.shape.join(', ')}]`);
    const values = (await t.data());
    return backendCopiesValues() ? values : values.slice();
}
