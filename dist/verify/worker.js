/** Worker-thread entry: runs one form request with its own tfjs (wasm) instance. */
import { parentPort } from 'node:worker_threads';
import { ScanconvError } from '../errors.js';
import { runForm, transferables } from './forms.js';
parentPort.once('message', (req) => {
    // Progress at most every 100 ms: a message per layer would cost more than it shows.
    let last = 0;
    const onLayer = (layer, layers) => {
        const now = performance.now();
        if (now - last < 100 && layer < layers)
            return;
        last = now;
        parentPort.postMessage({ progress: [layer, layers] });
    };
    // Each layer's intermediates go to the main thread as soon as they exist (transferred, not
    // copied), so it can compare them with the other form's and let them go.
    const onTrace = (layer, trace) => parentPort.postMessage({ trace: [layer, trace] }, transferables(trace));
    runForm(req, onLayer, onTrace).then((result) => parentPort.postMessage({ result }, transferables(result)), (e) => {
        const err = e;
        parentPort.postMessage({ error: { message: err.message, code: err.code ?? 'INTERNAL', scanconv: e instanceof ScanconvError, exitCode: err.exitCode, stack: err.stack } });
    });
});
