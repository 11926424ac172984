import type { DType } from './dtype.js';
import type { Piece, TensorRef } from './types.js';
import type { AtomicFile } from './atomic.js';
export type { Piece } from './types.js';
/**
 * A tensor to be written: its header facts and, in output byte order, the pieces of source
 * tensors that make it up. `pieces()` is a generator so a 10^6-piece strided gather costs no
 * memory until it is walked.
 */
export interface OutputTensor {
    readonly name: string;
    readonly dtype: DType;
    readonly shape: readonly number[];
    readonly byteLength: number;
    pieces(): Iterable<Piece>;
}
export interface WriteProgress {
    (bytesDone: number, bytesTotal: number): void;
}
/**
 * Copies pieces into an AtomicFile through one fixed buffer: memory stays bounded by
 * WRITE_BUFFER + MAX_CACHED_BLOCKS * BLOCK whatever the checkpoint's size.
 */
export declare class PieceWriter {
    /** Where the bytes go; `ready`, when given, is awaited before each full buffer is handed on (back-pressure from a pipeline). */
    private readonly file;
    private readonly total;
    private readonly onProgress?;
    /** No larger than the output (small checkpoints do not pay for 8 MB of zeroed memory each). */
    private readonly buf;
    private used;
    private written;
    private sinceYield;
    private readonly cache;
    constructor(
    /** Where the bytes go; `ready`, when given, is awaited before each full buffer is handed on (back-pressure from a pipeline). */
    file: Pick<AtomicFile, 'write'> & {
        ready?(): Promise<void> | undefined;
    }, total: number, onProgress?: WriteProgress | undefined);
    writeBytes(bytes: Uint8Array): void;
    writeTensor(tensor: OutputTensor): Promise<void>;
    private readPiece;
    flush(): void;
}
/** Assemble a (small) output tensor in memory, e.g. for a model or a JSON writer. */
export declare function materialize(tensor: OutputTensor): Uint8Array;
/** An OutputTensor that is simply an existing tensor, unchanged. */
export declare function copyOf(ref: TensorRef, name?: string): OutputTensor;
/** View an OutputTensor as a TensorRef (random access walks its pieces): in-memory conversion. */
export declare function outputAsRef(tensor: OutputTensor): TensorRef;
