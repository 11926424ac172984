/**
 * Safetensors output (one file or shards) from an Orbax checkpoint, written chunk by chunk
 * rather than tensor by tensor. The headers are planned from the metadata (the same
 * `encodeHeader` as the streaming writer), so every tensor's place in its file is known before a
 * byte is read; then each stored chunk is decoded once and every piece of it that some output
 * holds (a layer's rows of a scanned tensor, for every layer) is written straight to its place
 * with positional writes. A scanned tensor's chunk spans every layer, so the streaming path
 * (stream.ts, in output order: layer 0 of every tensor, then layer 1) decodes it once per layer
 * unless the chunk cache holds it; here memory is about one chunk (per decoding thread), whatever
 * the checkpoint's size, and the files are still put in place atomically, byte for byte what the
 * streaming writer writes.
 *
 * The pieces are gathered into a bounded table of runs (MAX_RUNS), outputs reading the same
 * array next to each other; a batch is written chunk by chunk when the table is full. An array
 * whose runs do not fit one batch has some chunks decoded once per batch it spans.
 */
import { AtomicFile } from './atomic.js';
import { type ShardPlan } from './sharded.js';
import { type OutputTensor, type WriteProgress } from './stream.js';
/** Runs held before a batch is written: 28 bytes each. */
export declare const MAX_RUNS: number;
export interface ScatterOptions {
    onProgress?: WriteProgress;
    /** Threads that decode chunks (0: this thread); see decodePool.ts. */
    decodeThreads?: number;
    /** Runs per batch (tests make it small to exercise the batching). */
    maxRuns?: number;
    /** false: files handed to the caller's group are not synced (a staging file, never put in place). */
    sync?: boolean;
    /** Bytes between rounds of early writeback (writeback.ts; tests make it small). */
    writebackEvery?: number;
}
/**
 * One output file laid out before a byte is read: its bytes in order, each segment either fixed
 * bytes (a header, a msgpack map's keys) or a tensor's data. The streaming writers write the same
 * segments in order, so both paths give the same file.
 */
export interface PlannedFile {
    readonly path: string;
    readonly segments: readonly (Uint8Array | OutputTensor)[];
}
/**
 * Write `plan`'s files (one safetensors file, or shards and their index) from their tensors'
 * pieces, chunk by chunk. Put in place together, or added to `group` for the caller's commit.
 * Returns the bytes written, as the streaming writers count them.
 */
export declare function writeScattered(plan: ShardPlan, metadata: Readonly<Record<string, string>>, options?: ScatterOptions, group?: AtomicFile[]): Promise<number>;
/**
 * Write planned files (scatter's way: each chunk decoded once, its pieces written where they go),
 * put in place together or added to `group`. Returns the bytes written.
 */
export declare function writePlanned(planned: readonly PlannedFile[], options?: ScatterOptions, group?: AtomicFile[]): Promise<number>;
