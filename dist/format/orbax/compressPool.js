/**
 * The Orbax writer's inner chunks, compressed in worker threads and written in order. The writer
 * fills a chunk and submits it; a free thread compresses it (the chunk moved there and back, not
 * copied); frames and the writer's other steps (a shard's start, its index) run strictly in the
 * order they were queued, so the files are the same bytes whatever the thread count. With 0
 * threads (or no compression) each chunk is compressed and written at once, in this thread.
 *
 * Memory: each thread's zstd (its WebAssembly memory holds a chunk and its bound, ~22 MB besides),
 * the chunks in flight (one per thread, one being filled, at times one waiting) and a frame buffer
 * per thread, all reused from chunk to chunk.
 */
import os from 'node:os';
import { reviveError } from '../../verify/workerErrors.js';
import { startWorker } from './threadWorker.js';
import { frameBound, zstdCompress } from './zstdCompress.js';
/** Most compression threads (convertOptions.ts checks 0..MAX_COMPRESS_THREADS). */
export const MAX_COMPRESS_THREADS = 64;
/** Memory the compression threads may take (the bound for readers: 256 MB beyond a chunk). */
const THREADS_BUDGET = 256 << 20;
/** Checkpoints smaller than this are compressed in this thread: starting threads costs more. */
const MIN_THREADED_BYTES = 32 << 20;
/**
 * Compression threads by default: as many as fit 256 MB at about five of the largest inner chunk
 * each plus 24 MB (measured, 919 MB to per-layer Orbax in chunks of up to 29.5 MB on Node 20:
 * 161 MB for one thread, 205 MB each for two: the thread's zstd memory holds the chunk and its
 * bound, and this thread a chunk waiting, one being filled and a frame buffer), at most 4 and
 * one fewer than the CPUs (this thread reads the tensors and writes the frames); none on one
 * CPU, without compression or for checkpoints under 32 MiB. So the default 64 MiB chunks get
 * none; smaller chunks (--chunk-size) or --compress-threads buy speed with memory.
 */
export function defaultCompressThreads(largestChunk, totalBytes, compressed) {
    const cpus = os.availableParallelism();
    if (!compressed || cpus < 2 || totalBytes < MIN_THREADED_BYTES)
        return 0;
    const fit = Math.floor(THREADS_BUDGET / (5 * largestChunk + (24 << 20)));
    return Math.max(0, Math.min(4, cpus - 1, fit));
}
/**
 * Buffers handed out and given back: one given back is reused when large enough, and a fresh one
 * has the largest size asked so far. Arrays' chunk sizes alternate (a layer's query, then its
 * MLP); a buffer of each size in turn was garbage the collector freed late (2 GB staged to Orbax:
 * 688 MB peak RSS).
 */
class ReusedBuffers {
    free = [];
    largest = 0;
    take(size) {
        while (this.free.length) {
            const b = this.free.pop();
            if (b.byteLength >= size)
                return new Uint8Array(b, 0, size);
        }
        this.largest = Math.max(this.largest, size);
        return new Uint8Array(new ArrayBuffer(this.largest), 0, size);
    }
    give(bytes) {
        this.free.push(bytes.buffer);
    }
}
export class CompressPool {
    threads;
    level;
    steps = [];
    head = 0;
    chunks = new ReusedBuffers();
    frames = new ReusedBuffers();
    idle = [];
    all = [];
    waiting = [];
    inFlight = new Map();
    nextId = 0;
    failed;
    wake;
    constructor(threads, 
    /** zstd level; undefined: chunks are written as they are. */
    level) {
        this.threads = threads;
        this.level = level;
    }
    get threaded() {
        return this.threads > 0 && this.level !== undefined;
    }
    /** A buffer for the next chunk of `size` bytes (see ReusedBuffers). */
    buffer(size) {
        return this.chunks.take(size);
    }
    /** Compress a filled chunk (from `buffer`; it is this pool's again) and hand its frame to `emit`, in order. */
    submit(chunk, emit) {
        this.check();
        if (!this.threaded) {
            if (this.level === undefined)
                emit(chunk);
            else {
                const frame = zstdCompress(chunk, this.level, (n) => this.frames.take(n));
                emit(frame);
                this.frames.give(frame);
            }
            this.chunks.give(chunk);
            return;
        }
        const step = { ready: false, emit };
        this.steps.push(step);
        const req = { id: this.nextId++, chunk, level: this.level };
        const w = this.idle.pop() ?? this.spawn();
        if (w)
            this.send(w, req, step);
        else
            this.waiting.push({ req, step });
    }
    /** Run `action` once every step queued before it is done (at once when none is pending). */
    then(action) {
        this.check();
        if (this.head === this.steps.length)
            action();
        else
            this.steps.push({ ready: true, action });
    }
    /** Back-pressure: a promise while a chunk waits for a free thread, undefined otherwise. */
    ready() {
        this.check();
        if (!this.waiting.length)
            return undefined;
        return new Promise((resolve) => (this.wake = resolve)).then(() => this.ready());
    }
    /** Wait until every step is done; throws the first failure. */
    async drain() {
        while (this.head < this.steps.length && !this.failed)
            await new Promise((resolve) => (this.wake = resolve));
        this.check();
    }
    async close() {
        // Ended on purpose: their exit is no failure.
        await Promise.all(this.all.splice(0).map((w) => (w.removeAllListeners(), w.terminate())));
        this.idle.length = 0;
    }
    check() {
        if (this.failed)
            throw this.failed.error;
    }
    spawn() {
        if (this.all.length >= this.threads)
            return undefined;
        const w = startWorker('compressWorker');
        this.all.push(w);
        w.on('message', (reply) => this.onReply(w, reply));
        w.on('error', (e) => this.fail(e));
        w.on('exit', (code) => this.fail(new Error(`a compression thread ended (exit code ${code})`)));
        return w;
    }
    /** Hand a chunk to a thread, with a frame buffer taken only now (none for chunks still waiting). */
    send(w, job, step) {
        this.inFlight.set(job.id, step);
        const req = { ...job, frame: this.frames.take(frameBound(job.chunk.byteLength)) };
        w.postMessage(req, [req.chunk.buffer, req.frame.buffer]);
    }
    onReply(w, reply) {
        const step = this.inFlight.get(reply.id);
        this.inFlight.delete(reply.id);
        this.chunks.give(reply.chunk);
        if ('error' in reply)
            this.frames.give(reply.frame);
        const next = this.waiting.shift();
        if (next)
            this.send(w, next.req, next.step);
        else
            this.idle.push(w);
        if ('error' in reply)
            this.fail(reviveError(reply.error) ?? new Error(reply.error.message));
        else {
            step.frame = reply.frame;
            step.ready = true;
            this.pump();
        }
        this.notify();
    }
    /** Run the ready steps at the head of the queue, in order. */
    pump() {
        while (!this.failed && this.head < this.steps.length && this.steps[this.head].ready) {
            const step = this.steps[this.head];
            this.steps[this.head++] = { ready: true };
            try {
                if (step.action)
                    step.action();
                else {
                    // Written synchronously (a data file append, or copied): the frame's buffer is free again.
                    step.emit(step.frame);
                    this.frames.give(step.frame);
                }
            }
            catch (e) {
                this.fail(e);
            }
        }
        // Done steps are dropped: a long write never lets the queue grow with its chunks.
        if (this.head === this.steps.length || this.head >= 1024) {
            this.steps.splice(0, this.head);
            this.head = 0;
        }
    }
    fail(error) {
        this.failed ??= { error };
        this.notify();
    }
    notify() {
        const wake = this.wake;
        this.wake = undefined;
        wake?.();
    }
}
