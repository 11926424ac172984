import { type ZarrArray } from './zarrArray.js';
import type { TensorRef } from '../types.js';
import type { RunColumns } from '../positional.js';
/** Most decode threads (convertOptions.ts checks 0..MAX_DECODE_THREADS). */
export declare const MAX_DECODE_THREADS = 64;
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
export declare function defaultDecodeThreads(largestChunk: number, totalBytes?: number, decoder?: 'node' | 'wasm'): number;
/** Decode threads by default for these tensors' zarr arrays: from the largest decoded chunk and their bytes. */
export declare function decodeThreadsFor(tensors: Iterable<TensorRef>): number;
export interface ChunkJob {
    array: ZarrArray;
    /** Grid position of the chunk (inner chunk when sharded). */
    position: number[];
    /** Which runs of the batch's table come from this chunk. */
    runs: Uint32Array;
}
/** Writes a decoded chunk's runs; returns the bytes written. */
export type PlaceRuns = (job: ChunkJob, chunk: Uint8Array) => number;
export declare class DecodePool {
    readonly threads: number;
    private workers?;
    constructor(threads: number);
    /**
     * Decode every job's chunk and place its runs; `progress` after each (it may yield). With
     * threads, `columns` and `fds` say where runs go (the workers write them).
     */
    each(jobs: readonly ChunkJob[], place: PlaceRuns, progress: (bytes: number) => Promise<void>, columns?: RunColumns, fds?: readonly number[]): Promise<void>;
    close(): Promise<void>;
}
