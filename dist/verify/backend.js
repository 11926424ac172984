/**
 * Choosing the tfjs backend. wasm (SIMD, one thread per instance) is always installed;
 * `tensorflow` is @tensorflow/tfjs-node and `webgpu` is tfjs-backend-webgpu on Dawn (the
 * `webgpu` package), both optional peers; `cpu` is the pure-JS backend, only when asked for by
 * name (about 20x slower: never a silent fallback). `auto` picks tensorflow when installed,
 * else webgpu when a hardware GPU adapter is found (never a software one such as lavapipe),
 * else ort (onnxruntime-node, an optional peer, multiplies the weights; the rest is wasm) when
 * it loads, else wasm. This module chooses (in the main thread, without tfjs); backendInit.ts starts the
 * chosen backend where the model runs.
 */
import { ScanconvError } from '../errors.js';
import { loadOrt, ORT_HOW_TO_GET, ortPackageDir } from '../model/ort/runtime.js';
import { isSoftwareAdapter, packageDir, probeAdapter } from './gpu.js';
export const BACKENDS = ['auto', 'wasm', 'webgpu', 'tensorflow', 'ort', 'cpu'];
export class BackendError extends ScanconvError {
}
export const HOW_TO_GET = {
    wasm: 'reinstall scanconv (npm ci): @tensorflow/tfjs-backend-wasm is a dependency',
    tensorflow: 'npm install @tensorflow/tfjs-node@4.22.0 (its install script downloads libtensorflow, so it needs internet)',
    cpu: 'npm install @tensorflow/tfjs-backend-cpu@4.22.0',
    ort: ORT_HOW_TO_GET,
    webgpu: 'npm install webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0, on a machine with a GPU, its driver and the Vulkan loader (libvulkan1); see the GPU section of the README',
};
/**
 * Resolve the choice once, in the main thread, before any form starts, so both forms run on the
 * same backend and a missing one is one clear error (exit 2) before any work. Nothing here loads
 * tfjs or Dawn into this thread (gpu.ts probes in a child process).
 */
export async function resolveBackend(choice = 'auto') {
    if (choice === 'webgpu') {
        const probe = await probeAdapter();
        if (probe.found)
            return 'webgpu';
        if (probe.code === 'BACKEND_UNAVAILABLE')
            throw new BackendError(`backend "webgpu" is not available (${probe.reason}); to get it: ${HOW_TO_GET.webgpu}`, probe.code);
        throw new BackendError(`backend "webgpu": no GPU adapter found (${probe.reason}); use --backend wasm, or auto`, probe.code);
    }
    if (choice === 'ort') {
        const why = ortUnavailable();
        if (why)
            throw new BackendError(`backend "ort" is not available (${why}); to get it: ${HOW_TO_GET.ort}`, 'BACKEND_UNAVAILABLE');
        return 'ort';
    }
    if (choice !== 'auto')
        return choice;
    if (packageDir('@tensorflow/tfjs-node'))
        return 'tensorflow';
    const probe = await probeAdapter();
    // A software adapter computes correctly but slower than wasm: only by name (--backend webgpu).
    if (probe.found && !isSoftwareAdapter(probe.adapter))
        return 'webgpu';
    if (!ortPackageDir())
        return 'wasm';
    const why = ortUnavailable();
    if (!why)
        return 'ort';
    if (!saidOrtFallback)
        process.stderr.write(`scanconv: onnxruntime-node is installed but cannot load (${why}); using the wasm backend\n`);
    saidOrtFallback = true;
    return 'wasm';
}
let saidOrtFallback = false;
/** Why onnxruntime-node cannot load in this process (one line), or null when it loads. */
function ortUnavailable() {
    try {
        loadOrt();
        return null;
    }
    catch (e) {
        return e.message.split('\n')[0];
    }
}
