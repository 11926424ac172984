/** Starting a tfjs backend in the thread that runs a model form (see backend.ts for the choice). */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { requireTfjs, tf } from '../model/tf.js';
import { ortThreads, startOrt, stopOrt, warmOrt } from '../model/ort/runtime.js';
import { BackendError, HOW_TO_GET } from './backend.js';
import { describeAdapter, packageDir } from './gpu.js';
let dawn;
/**
 * Dawn's one instance in this thread (a second one in the same thread is asking for trouble),
 * installed as WebGPU's globals, which tfjs-backend-webgpu looks for when it is evaluated. Its
 * requestAdapter is wrapped so the report names the adapter tfjs itself got, not a second one.
 */
function startDawn() {
    dawn ??= (async () => {
        const dir = packageDir('webgpu');
        if (!dir)
            throw new Error('the webgpu package is not installed');
        const webgpu = (await import(pathToFileURL(path.join(dir, 'index.js')).href));
        Object.assign(globalThis, webgpu.globals);
        const gpu = webgpu.create([]);
        const state = { adapter: null };
        const requestAdapter = async (o) => {
            const a = await gpu.requestAdapter(o);
            const i = a?.info ?? {};
            state.adapter = a && { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description, isFallbackAdapter: i.isFallbackAdapter ?? a.isFallbackAdapter };
            return a;
        };
        Object.defineProperty(globalThis, 'navigator', { value: { gpu: { requestAdapter } }, configurable: true, writable: true });
        return state;
    })();
    return dawn;
}
/** The tfjs backend module each backend's forms run on (ort: its products with a weight in onnxruntime, the rest on wasm). */
const TFJS_BACKEND = {
    wasm: '@tensorflow/tfjs-backend-wasm',
    ort: '@tensorflow/tfjs-backend-wasm',
    cpu: '@tensorflow/tfjs-backend-cpu',
    tensorflow: '@tensorflow/tfjs-node',
    webgpu: '@tensorflow/tfjs-backend-webgpu',
};
async function load(name) {
    switch (name) {
        case 'wasm':
        case 'tensorflow':
            requireTfjs(TFJS_BACKEND[name]);
            return name;
        case 'cpu': {
            // The pure-JS backend greets Node users with a banner on console.warn; it was asked for
            // by name, so the advice is noise in a report.
            const warn = console.warn;
            console.warn = (...a) => (String(a[0]).includes('running TensorFlow.js in Node.js') ? undefined : warn(...a));
            try {
                requireTfjs(TFJS_BACKEND.cpu);
                await tf.setBackend('cpu');
                tf.tensor([0]).dispose(); // the banner comes with the first tensor written
            }
            finally {
                console.warn = warn;
            }
            return 'cpu';
        }
        case 'ort': {
            requireTfjs(TFJS_BACKEND.ort);
            const { version, threads } = startOrt(ortThreads());
            return `ort (onnxruntime-node ${version}, ${threads} thread${threads === 1 ? '' : 's'} per form; the rest on wasm)`;
        }
        case 'webgpu': {
            await startDawn();
            requireTfjs(TFJS_BACKEND.webgpu);
            return 'webgpu';
        }
    }
}
/** Load and activate a backend in this thread; returns a description naming the device. */
export async function initBackend(name) {
    let description;
    if (name !== 'ort')
        stopOrt();
    try {
        description = await load(name);
    }
    catch (e) {
        if (e instanceof BackendError)
            throw e;
        throw new BackendError(`backend "${name}" is not available (${e.message.split('\n')[0]}); to get it: ${HOW_TO_GET[name]}`, 'BACKEND_UNAVAILABLE');
    }
    const ok = await tf.setBackend(name === 'ort' ? 'wasm' : name).catch(() => false);
    if (!ok)
        throw new BackendError(`backend "${name}" failed to start; to get it: ${HOW_TO_GET[name]}`, 'BACKEND_UNAVAILABLE');
    await tf.ready();
    if (name === 'webgpu') {
        const { adapter } = await startDawn();
        return `webgpu (${adapter ? describeAdapter(adapter) : 'unknown adapter'})`;
    }
    return description;
}
/**
 * Load, without activating anything, what the `hint` backend will need (the --backend of the
 * command line; 'auto' when it named none): tfjs-core always, tfjs-wasm for wasm and ort, and for
 * ort onnxruntime itself, started with its first session made (warmOrt; its products stay off
 * until initBackend). Only what `initBackend` would do anyway, so a wrong hint costs time, never
 * a result; a failure here is left for `initBackend` to report.
 */
export function preloadBackend(hint) {
    try {
        requireTfjs('@tensorflow/tfjs-core');
        if (hint === 'wasm' || hint === 'ort')
            requireTfjs(TFJS_BACKEND[hint]);
        if (hint === 'ort')
            warmOrt(ortThreads());
    }
    catch {
        // initBackend loads the same modules and says why they cannot load.
    }
}
