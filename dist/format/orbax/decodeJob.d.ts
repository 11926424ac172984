import { type SerializedError } from '../../verify/workerErrors.js';
import type { ChunkJob } from './decodePool.js';
import type { RunColumns } from '../positional.js';
export interface DecodeRequest {
    id: number;
    /** Stored bytes, or null for an absent chunk (then `fill`, the fill value's chunk). */
    raw: Uint8Array | null;
    fill?: Uint8Array;
    codecs: string[];
    size: number;
    where: string;
    bigEndian: boolean;
    itemSize: number;
    fds: number[];
    inChunk: Uint32Array;
    length: Uint32Array;
    file: Int32Array;
    at: Float64Array;
}
/** The request's `raw` buffer comes back with the reply, for the next chunk's bytes. */
export type DecodeReply = {
    id: number;
    bytes: number;
    buffer?: ArrayBuffer;
} | {
    id: number;
    error: SerializedError;
    buffer?: ArrayBuffer;
};
export declare class DecodeWorkers {
    private readonly threads;
    private readonly idle;
    /**
     * Buffers that stored chunks are read into and moved (not copied) to a thread, which moves them
     * back: fresh memory for every chunk cost more than decoding it (page faults, and a copy to clone it).
     */
    private readonly buffers;
    private readonly all;
    private nextId;
    constructor(threads: number);
    private worker;
    /** Run every job; resolves when all are written, rejects with the first error (the rest finish first). */
    run(jobs: readonly ChunkJob[], columns: RunColumns, fds: readonly number[], progress: (bytes: number) => Promise<void>): Promise<void>;
    private post;
    /** A buffer of at least `length` bytes: a returned one when one is large enough. */
    private buffer;
    close(): Promise<void>;
}
