/**
 * Run several form requests: concurrently in worker threads (one wasm instance each, so the
 * two forms use both cores), one worker after another (clean timings for profile), or in
 * this thread. On webgpu a "worker" is a child process instead: Dawn writes to file descriptor 2
 * itself (captured there, so the CLI's stderr stays its own) and a worker thread terminated
 * while inside Dawn aborts the whole process (exit 134), where a child process dies alone.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { reviveError } from './workerErrors.js';
import { takeFormWorker, WORKER_FROM_SOURCE, WORKER_URL } from './workerPool.js';
function startWorker() {
    // Prestarted by the CLI (workerPool.ts) when it could guess, else started here.
    const worker = takeFormWorker();
    return {
        post: (req) => worker.postMessage(req),
        recycle: (trace) => {
            // (forms.ts's transferables, not imported: this thread never loads the model code.)
            const buffers = [...new Set(Object.values(trace).map((a) => a.buffer))];
            worker.postMessage({ recycle: buffers }, buffers);
        },
        onMessage: (f) => worker.on('message', f),
        onEnd: (f) => {
            worker.once('error', (e) => f(e.message, e));
            worker.once('exit', (code) => f(`exit code ${code}`));
        },
        stop: () => void worker.terminate(),
    };
}
/** Dawn's own lines are kept for an error message (or shown with SCANCONV_DEBUG), never printed. */
function startChild() {
    const debug = Boolean(process.env.SCANCONV_DEBUG);
    const child = fork(fileURLToPath(WORKER_URL), [], {
        serialization: 'advanced',
        stdio: debug ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'pipe', 'ipc'],
        execArgv: WORKER_FROM_SOURCE ? ['--import', import.meta.resolve('tsx')] : [],
    });
    let output = '';
    const keep = (chunk) => void (output = (output + chunk.toString()).slice(-4000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return {
        post: (req) => child.send(req),
        // Its traces arrive as copies over IPC: there is nothing to hand back.
        recycle: () => undefined,
        onMessage: (f) => child.on('message', f),
        onEnd: (f) => {
            child.once('error', (e) => f(e.message, e));
            child.once('exit', (code, signal) => {
                const last = output.trim().split('\n').pop()?.trim();
                f(`${signal ? `signal ${signal}` : `exit code ${code}`}${last ? `: ${last.slice(0, 300)}` : ''}`);
            });
        },
        stop: () => void child.kill(),
    };
}
function inWorker(req, onLayer, onTrace) {
    const host = req.backend === 'webgpu' ? startChild() : startWorker();
    const result = new Promise((resolve, reject) => {
        const fail = (e) => {
            host.stop();
            reject(e);
        };
        host.onMessage((reply) => {
            if (reply.progress)
                return onLayer?.(...reply.progress);
            if (reply.trace) {
                // The sink may refuse a trace (a golden file of the wrong shape): stop this form there.
                try {
                    return onTrace?.(...reply.trace);
                }
                catch (e) {
                    return fail(e);
                }
            }
            host.stop();
            if (reply.result)
                return resolve(reply.result);
            const e = reply.error;
            // A typed error comes back as its own class and code (workerErrors.ts); a bug, with the form named.
            const typed = reviveError(e);
            if (typed)
                return reject(typed);
            const err = new Error(`${req.form} form failed: ${e.message}`);
            err.stack = e.stack;
            reject(err);
        });
        // A worker that ends without a result or an error must not leave this promise pending:
        // with nothing else to wait for, the process would exit 0 having printed nothing.
        host.onEnd((why, error) => fail(error ?? new Error(`the ${req.form} form's worker stopped (${why}) before it finished`)));
        host.post(req);
    });
    return { result, stop: () => host.stop(), recycle: (trace) => host.recycle(trace) };
}
/**
 * `onProgress(done, total, perForm)` counts layers reached over all forms, and by each;
 * `onTrace(k, layer, trace)` receives request k's layer intermediates (trace tasks) and may
 * return the traces it no longer reads, indexed by request (`freed[j]` came from request j):
 * their arrays go back to that request's worker, which copies later layers into them.
 */
export async function runForms(reqs, mode = 'parallel', onProgress, onTrace, 
/** Aborting stops the workers (and, in this thread, the forms not yet started). */
signal) {
    const done = reqs.map(() => 0);
    const total = reqs.length * (reqs[0]?.spec.layers ?? 0);
    const tracker = (k) => (layer) => {
        done[k] = layer;
        onProgress?.(done.reduce((a, b) => a + b, 0), total, done);
    };
    // In this thread the freed traces are simply dropped; in workers they go back (see above).
    let running = [];
    const sink = (k) => onTrace &&
        ((layer, trace) => {
            const freed = onTrace(k, layer, trace);
            if (freed)
                running.forEach((f, j) => freed[j] && f.recycle(freed[j]));
        });
    if (mode === 'parallel') {
        running = reqs.map((r, k) => inWorker(r, tracker(k), sink(k)));
        signal?.addEventListener('abort', () => running.forEach((f) => f.stop()), { once: true });
        try {
            return await Promise.all(running.map((f) => f.result));
        }
        catch (e) {
            // One form failed: the other's result no longer matters, so do not wait for it.
            for (const f of running)
                f.stop();
            throw e;
        }
    }
    const out = [];
    // In-process mode loads tfjs into this thread only when asked for; never Dawn (see above).
    const runForm = mode === 'in-process' && reqs[0]?.backend !== 'webgpu' ? (await import('./forms.js')).runForm : undefined;
    for (const [k, r] of reqs.entries()) {
        if (signal?.aborted)
            throw new Error('stopped');
        out.push(await (runForm ? runForm(r, tracker(k), sink(k)) : inWorker(r, tracker(k), sink(k)).result));
    }
    return out;
}
export function expectKind(r, kind) {
    if (r.kind !== kind)
        throw new Error(`expected a ${kind} result, got ${r.kind}`);
    return r;
}
