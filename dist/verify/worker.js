/**
 * Entry of a form's worker: runs one form request with its own tfjs instance. A worker thread
 * (wasm, cpu, tensorflow: results are transferred) or, on webgpu, a child process (run.ts says
 * why: results are copied over its IPC channel).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { preloadBackend } from './backendInit.js';
import { runForm, transferables } from './forms.js';
import { TraceArrays } from './traceArrays.js';
import { serializeError } from './workerErrors.js';
const send = parentPort ? (reply, transfer) => parentPort.postMessage(reply, transfer) : (reply) => process.send(reply);
const traceArrays = new TraceArrays();
const onRequest = (f) => {
    if (!parentPort)
        return process.once('message', f);
    parentPort.on('message', (m) => ('recycle' in m ? traceArrays.give(m.recycle) : f(m)));
};
// A child process whose parent is gone has no one to answer: stop.
if (!parentPort)
    process.once('disconnect', () => process.exit(0));
onRequest((req) => {
    // Progress at most every 100 ms: a message per layer would cost more than it shows.
    let last = 0;
    const onLayer = (layer, layers) => {
        const now = performance.now();
        if (now - last < 100 && layer < layers)
            return;
        last = now;
        send({ progress: [layer, layers] });
    };
    // Each layer's intermediates go to the main thread as soon as they exist (transferred, not
    // copied), so it can compare them with the other form's and let them go.
    const onTrace = (layer, trace) => send({ trace: [layer, trace] }, transferables(trace));
    runForm(req, onLayer, onTrace, traceArrays).then((result) => send({ result }, transferables(result)), (e) => send({ error: serializeError(e) }));
});
// A worker the CLI prestarted (workerPool.ts) usually waits a few hundred milliseconds for its
// request while the CLI loads and analyses the checkpoint: it loads its backend's modules meanwhile.
const warm = workerData?.backendHint;
if (warm)
    setImmediate(() => preloadBackend(warm));
