/** Starting a tfjs backend in the thread that runs a model form (see backend.ts for the choice). */
import { requireTfjs, tf } from '../model/tf.js';
import { BackendError, describeAdapter, HOW_TO_GET, vulkanLoaderPresent, webgpuAdapter } from './backend.js';
async function load(name) {
    switch (name) {
        case 'wasm':
            requireTfjs('@tensorflow/tfjs-backend-wasm');
            return 'wasm';
        case 'cpu': {
            // The pure-JS backend greets Node users with a banner on console.warn; it was asked for
            // by name, so the advice is noise in a report.
            const warn = console.warn;
            console.warn = (...a) => (String(a[0]).includes('running TensorFlow.js in Node.js') ? undefined : warn(...a));
            try {
                requireTfjs('@tensorflow/tfjs-backend-cpu');
                await tf.setBackend('cpu');
                tf.tensor([0]).dispose(); // the banner comes with the first tensor written
            }
            finally {
                console.warn = warn;
            }
            return 'cpu';
        }
        case 'tensorflow':
            requireTfjs('@tensorflow/tfjs-node');
            return 'tensorflow';
        case 'webgpu': {
            const adapter = await webgpuAdapter();
            if (!adapter)
                throw new BackendError(`backend "webgpu": no GPU adapter found (${vulkanLoaderPresent() ? 'Dawn found no Vulkan device' : 'no Vulkan loader, libvulkan.so.1, on this machine'}); use --backend wasm, or auto`, 'NO_GPU_ADAPTER');
            requireTfjs('@tensorflow/tfjs-backend-webgpu');
            return `webgpu (${describeAdapter(adapter)})`;
        }
    }
}
/** Load and activate a backend in this thread; returns a description naming the device. */
export async function initBackend(name) {
    let description;
    try {
        description = await load(name);
    }
    catch (e) {
        if (e instanceof BackendError)
            throw e;
        throw new BackendError(`backend "${name}" is not available (${e.message.split('\n')[0]}); to get it: ${HOW_TO_GET[name]}`, 'BACKEND_UNAVAILABLE');
    }
    const ok = await tf.setBackend(name).catch(() => false);
    if (!ok)
        throw new BackendError(`backend "${name}" failed to start; to get it: ${HOW_TO_GET[name]}`, 'BACKEND_UNAVAILABLE');
    await tf.ready();
    return description;
}
