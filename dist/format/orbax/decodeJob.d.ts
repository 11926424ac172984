import { type SerializedError } from '../../verify/workerErrors.js';
import type { ChunkJob } from './decodePool.js';
import type { RunColumns } from '../positional.js';
import type { FileRange } from './files.js';
export interface DecodeRequest {
    id: number;
    /** Where the stored bytes lie in an open file: the thread reads them itself, into its decoder's buffer. */
    source?: FileRange;
    /** Stored bytes held in memory (an inline value), or null for an absent chunk (then `fill`, the fill value's chunk). */
    raw: Uint8Array | null;
    fill?: Uint8Array;
    codecs: string[];
    size: number;
    where: string;
    bigEndian: boolean;
    swapSize: number;
    fds: number[];
    inChunk: Uint32Array;
    length: Uint32Array;
    file: Int32Array;
    at: Float64Array;
}
export type DecodeReply = {
    id: number;
    bytes: number;
} | {
    id: number;
    error: SerializedError;
};
export declare class DecodeWorkers {
    private readonly threads;
    private readonly idle;
    private readonly all;
    private nextId;
    constructor(threads: number);
    private worker;
    /** Run every job; resolves when all are written, rejects with the first error (the rest finish first). */
    run(jobs: readonly ChunkJob[], columns: RunColumns, fds: readonly number[], progress: (bytes: number) => Promise<void>): Promise<void>;
    private post;
    close(): Promise<void>;
}
