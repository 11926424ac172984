/**
 * Choosing the tfjs backend. wasm (SIMD, one thread per instance) is always installed;
 * `tensorflow` is @tensorflow/tfjs-node and `webgpu` is tfjs-backend-webgpu on Dawn (the
 * `webgpu` package), both optional peers; `cpu` is the pure-JS backend, only when asked for by
 * name (about 20x slower: never a silent fallback). `auto` picks tensorflow when installed,
 * else webgpu when a GPU adapter is found, else wasm. This module chooses (in the main thread,
 * without tfjs); backendInit.ts starts the chosen backend where the model runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../errors.js';
export const BACKENDS = ['auto', 'wasm', 'webgpu', 'tensorflow', 'cpu'];
export class BackendError extends ScanconvError {
}
export const HOW_TO_GET = {
    wasm: 'reinstall scanconv (npm ci): @tensorflow/tfjs-backend-wasm is a dependency',
    tensorflow: 'npm install @tensorflow/tfjs-node@4.22.0 (its install script downloads libtensorflow, so it needs internet)',
    cpu: 'npm install @tensorflow/tfjs-backend-cpu@4.22.0',
    webgpu: 'npm install webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0, on a machine with a GPU, its driver and the Vulkan loader (libvulkan1)',
};
/** Dawn reaches NVIDIA/AMD GPUs through Vulkan; without the loader there is no adapter to find. */
export function vulkanLoaderPresent() {
    const dirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/usr/local/lib', ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean)];
    return dirs.some((d) => fs.existsSync(path.join(d, 'libvulkan.so.1')));
}
/** Make WebGPU's globals exist (before tfjs-backend-webgpu is evaluated) and find an adapter. */
export async function webgpuAdapter() {
    if (!vulkanLoaderPresent())
        return null;
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    const gpu = create([]);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
    return gpu.requestAdapter();
}
export function describeAdapter(a) {
    const i = a.info ?? {};
    return [i.vendor, i.architecture, i.device, i.description].filter((s) => s).join(' ') || 'unknown adapter';
}
/** Resolve `auto` once, in the main thread, so both forms run on the same backend. */
export async function resolveBackend(choice = 'auto') {
    if (choice !== 'auto')
        return choice;
    try {
        await import('@tensorflow/tfjs-node');
        return 'tensorflow';
    }
    catch {
        /* not installed */
    }
    try {
        if (await webgpuAdapter())
            return 'webgpu';
    }
    catch {
        /* webgpu not installed */
    }
    return 'wasm';
}
