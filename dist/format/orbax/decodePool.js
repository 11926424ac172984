/**
 * Where the scatter writer's chunks are decoded: in this thread (0 threads), or in worker threads
 * that decode a chunk and write its runs themselves (positional writes to the same descriptors),
 * so only compressed bytes and run lists cross threads. At most threads + 1 chunks are in flight:
 * memory is about that many chunks whatever the checkpoint's size.
 */
import os from 'node:os';
import { DecodeWorkers } from './decodeJob.js';
/** Most decode threads (convertOptions.ts checks 0..MAX_DECODE_THREADS). */
export const MAX_DECODE_THREADS = 64;
/** Memory the decode threads may take beyond the main thread's chunk (issue 20: largest chunk + 256 MB in all). */
const THREADS_BUDGET = 256 << 20;
/**
 * Decode threads by default: one per CPU but one, at most 4, and no more than fit the memory
 * budget (each thread holds a stored and a decoded chunk in its zstd buffers, ~2.25 chunks, and
 * ~40 MB of its own); none on 1 or 2 CPUs, where threads measured barely faster (2.96 s against
 * 3.32 s for 482 MB) at nearly twice the memory.
 */
export function defaultDecodeThreads(largestChunk) {
    const cpus = os.availableParallelism();
    if (cpus <= 2)
        return 0;
    const fit = Math.floor(THREADS_BUDGET / (2.25 * largestChunk + (40 << 20)));
    return Math.max(0, Math.min(4, cpus - 1, fit));
}
export class DecodePool {
    threads;
    workers;
    constructor(threads) {
        this.threads = threads;
    }
    /**
     * Decode every job's chunk and place its runs; `progress` after each (it may yield). With
     * threads, `columns` and `fds` say where runs go (the workers write them).
     */
    async each(jobs, place, progress, columns, fds) {
        if (this.threads === 0 || !columns || !fds) {
            for (const job of jobs)
                await progress(place(job, job.array.transient(job.position)));
            return;
        }
        this.workers ??= new DecodeWorkers(this.threads);
        await this.workers.run(jobs, columns, fds, progress);
    }
    async close() {
        const w = this.workers;
        this.workers = undefined;
        await w?.close();
    }
}
