import { startWorker } from './threadWorker.js';
import { reviveError } from '../../verify/workerErrors.js';
const pick = (col, which, make) => {
    const out = new make(which.length);
    for (let i = 0; i < which.length; i++)
        out[i] = col[which[i]];
    return out;
};
export class DecodeWorkers {
    threads;
    idle = [];
    all = [];
    nextId = 0;
    constructor(threads) {
        this.threads = threads;
    }
    worker() {
        const w = this.idle.pop();
        if (w)
            return w;
        const fresh = startWorker('decodeWorker');
        this.all.push(fresh);
        return fresh;
    }
    /** Run every job; resolves when all are written, rejects with the first error (the rest finish first). */
    async run(jobs, columns, fds, progress) {
        let failed;
        const inFlight = new Set();
        for (const job of jobs) {
            if (failed)
                break;
            // A chunk in a file is read by the thread that decodes it, straight into its decoder's input
            // buffer: no chunk-sized buffer here. An inline value's bytes (the reader's own) are copied.
            const stored = job.array.storedChunk(job.position);
            const { spec } = job.array;
            const req = {
                id: this.nextId++,
                source: stored?.file,
                // A copy of only its bytes (a view's whole buffer would be cloned), moved to the thread.
                raw: stored && !stored.file ? stored.read().slice() : null,
                fill: stored ? undefined : job.array.filled(),
                codecs: spec.codecs,
                size: job.array.chunkBytes,
                where: stored?.where ?? job.array.name,
                bigEndian: spec.bigEndian,
                swapSize: job.array.swapSize,
                fds: [...fds],
                inChunk: pick(columns.inChunk, job.runs, Uint32Array),
                length: pick(columns.length, job.runs, Uint32Array),
                file: pick(columns.file, job.runs, Int32Array),
                at: pick(columns.at, job.runs, Float64Array),
            };
            const w = this.worker();
            // Never rejects: the first failure (a thread's, or progress's: an abort) is kept and rethrown below.
            const done = this.post(w, req)
                .then(async (bytes) => {
                this.idle.push(w);
                await progress(bytes);
            }, (e) => {
                this.idle.push(w);
                throw e;
            })
                .catch((e) => {
                failed ??= e;
            });
            const tracked = done.finally(() => inFlight.delete(tracked));
            inFlight.add(tracked);
            // One chunk per thread: memory stays about threads chunks (each in its thread's decoder).
            while (inFlight.size >= this.threads)
                await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
        if (failed)
            throw failed;
    }
    post(w, req) {
        return new Promise((resolve, reject) => {
            const onMessage = (reply) => {
                if (reply.id !== req.id)
                    return;
                cleanup();
                if ('error' in reply)
                    reject(reviveError(reply.error) ?? Object.assign(new Error(reply.error.message), { code: reply.error.code }));
                else
                    resolve(reply.bytes);
            };
            const onError = (e) => {
                cleanup();
                reject(e);
            };
            const onExit = (code) => {
                cleanup();
                reject(new Error(`a decode thread ended (exit code ${code})`));
            };
            const cleanup = () => {
                w.off('message', onMessage);
                w.off('error', onError);
                w.off('exit', onExit);
            };
            w.on('message', onMessage);
            w.once('error', onError);
            w.once('exit', onExit);
            const transfer = [req.inChunk.buffer, req.length.buffer, req.file.buffer, req.at.buffer, ...(req.raw ? [req.raw.buffer] : [])];
            w.postMessage(req, transfer);
        });
    }
    async close() {
        await Promise.all(this.all.splice(0).map((w) => w.terminate()));
        this.idle.length = 0;
    }
}
