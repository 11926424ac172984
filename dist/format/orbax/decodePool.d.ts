import type { ZarrArray } from './zarrArray.js';
import type { RunColumns } from '../positional.js';
/** Most decode threads (convertOptions.ts checks 0..MAX_DECODE_THREADS). */
export declare const MAX_DECODE_THREADS = 64;
/**
 * Decode threads by default: one per CPU but one, at most 4, and no more than fit the memory
 * budget (each thread holds a stored and a decoded chunk in its zstd buffers, ~2.25 chunks, and
 * ~40 MB of its own); none on 1 or 2 CPUs, where threads measured barely faster (2.96 s against
 * 3.32 s for 482 MB) at nearly twice the memory.
 */
export declare function defaultDecodeThreads(largestChunk: number): number;
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
