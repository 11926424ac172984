import { type SerializedError } from '../../verify/workerErrors.js';
export interface CompressRequest {
    id: number;
    chunk: Uint8Array;
    level: number;
    /** Where the thread puts the frame (frameBound of the chunk): a buffer reused, not garbage. */
    frame: Uint8Array;
}
export type CompressReply = {
    id: number;
    chunk: Uint8Array;
    frame: Uint8Array;
} | {
    id: number;
    chunk: Uint8Array;
    frame: Uint8Array;
    error: SerializedError;
};
/** Most compression threads (convertOptions.ts checks 0..MAX_COMPRESS_THREADS). */
export declare const MAX_COMPRESS_THREADS = 64;
/**
 * Compression threads by default: as many as fit 256 MB at about five of the largest inner chunk
 * each plus 24 MB (measured, 919 MB to per-layer Orbax in chunks of up to 29.5 MB on Node 20:
 * 161 MB for one thread, 205 MB each for two: the thread's zstd memory holds the chunk and its
 * bound, and this thread a chunk waiting, one being filled and a frame buffer), at most 4 and
 * one fewer than the CPUs (this thread reads the tensors and writes the frames); none on one
 * CPU, without compression or for checkpoints under 32 MiB. So the default 64 MiB chunks get
 * none; smaller chunks (--chunk-size) or --compress-threads buy speed with memory.
 */
export declare function defaultCompressThreads(largestChunk: number, totalBytes: number, compressed: boolean): number;
export declare class CompressPool {
    readonly threads: number;
    /** zstd level; undefined: chunks are written as they are. */
    private readonly level;
    private readonly steps;
    private head;
    private readonly chunks;
    private readonly frames;
    private readonly idle;
    private readonly all;
    private readonly waiting;
    private readonly inFlight;
    private nextId;
    private failed;
    private wake;
    constructor(threads: number, 
    /** zstd level; undefined: chunks are written as they are. */
    level: number | undefined);
    private get threaded();
    /** A buffer for the next chunk of `size` bytes (see ReusedBuffers). */
    buffer(size: number): Uint8Array;
    /** Compress a filled chunk (from `buffer`; it is this pool's again) and hand its frame to `emit`, in order. */
    submit(chunk: Uint8Array, emit: (frame: Uint8Array) => void): void;
    /** Run `action` once every step queued before it is done (at once when none is pending). */
    then(action: () => void): void;
    /** Back-pressure: a promise while a chunk waits for a free thread, undefined otherwise. */
    ready(): Promise<void> | undefined;
    /** Wait until every step is done; throws the first failure. */
    drain(): Promise<void>;
    close(): Promise<void>;
    private check;
    private spawn;
    /** Hand a chunk to a thread, with a frame buffer taken only now (none for chunks still waiting). */
    private send;
    private onReply;
    /** Run the ready steps at the head of the queue, in order. */
    private pump;
    private fail;
    private notify;
}
