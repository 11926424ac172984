/**
 * Where the scatter writer's chunks are decoded: in this thread (0 threads), or in worker threads
 * that read a chunk's stored bytes, decode it and write its runs themselves (positional reads and
 * writes on the process's descriptors), so only file ranges and run lists cross threads. One
 * chunk per thread is in flight: memory is about that many chunks whatever the checkpoint's size.
 */
import os from 'node:os';
import { zarrArrayOf } from './zarrArray.js';
import { DecodeWorkers } from './decodeJob.js';
import { zstdName } from './bytes.js';
/** Most decode threads (convertOptions.ts checks 0..MAX_DECODE_THREADS). */
export const MAX_DECODE_THREADS = 64;
/** Arrays of fewer bytes than this in all are decoded in the calling thread by default. */
const MIN_THREADED_BYTES = 32 << 20;
/** Memory the decode threads may take beyond the main thread's chunk (issue 20: largest chunk + 256 MB in all). */
const THREADS_BUDGET = 256 << 20;
/**
 * Decode threads by default: one per CPU (the main thread only hands out file ranges), at most 4,
 * and no more than fit the memory budget; none on one CPU, and none where only one would. Each thread of the WebAssembly zstd
 * holds a stored and a decoded chunk in its buffers (~2.25 chunks) and its own few MB (40 MB is
 * allowed); Node's own zstd returns fresh memory for every chunk, which the collector frees late:
 * ~5 chunks a thread (measured: about 170 MB a thread for 32 MiB chunks on Node 22). On 2 CPUs, a
 * 2 GB unscan of 32 MiB chunks (bench:orbax --cli, Node 20) took 8.0-8.3 s with 0 or 1 thread,
 * 5.4-5.6 s with 2 (peak RSS 223-227 MB) and 5.7 s with 3 (300 MB); where only one thread fits
 * the budget none is used (a per-layer Orbax checkpoint of 64 MiB chunks: 7.07 s with none,
 * 7.45 s with one). Arrays of under 32 MiB in all are decoded here: starting threads would cost
 * more than they save.
 */
export function defaultDecodeThreads(largestChunk, totalBytes = Infinity, decoder = zstdName()) {
    const cpus = os.availableParallelism();
    if (cpus < 2 || totalBytes < MIN_THREADED_BYTES)
        return 0;
    const perThread = (decoder === 'node' ? 5 : 2.25) * largestChunk + (40 << 20);
    const fit = Math.min(4, cpus, Math.floor(THREADS_BUDGET / perThread));
    // One thread alone only moves the decoding off a main thread that then waits for it.
    return fit >= 2 ? fit : 0;
}
/** Decode threads by default for these tensors' zarr arrays: from the largest decoded chunk and their bytes. */
export function decodeThreadsFor(tensors) {
    let largest = 0;
    let total = 0;
    for (const ref of tensors) {
        const array = zarrArrayOf(ref);
        if (!array)
            continue;
        largest = Math.max(largest, array.chunkBytes);
        total += array.byteLength;
    }
    return defaultDecodeThreads(largest, total);
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
