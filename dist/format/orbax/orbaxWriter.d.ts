import { FormatError } from '../../errors.js';
import { type OutputTensor, type WriteProgress } from '../stream.js';
import type { ScatterOptions } from '../scatter.js';
export declare const ORBAX_ITEM = "items";
/** MaxText's `param_scan_axis`: the axis of the layers in its scanned checkpoints. */
export declare const MAXTEXT_SCAN_AXIS = 1;
export declare const DEFAULT_CHUNK_BYTES: number;
export declare const DEFAULT_ZSTD_LEVEL = 1;
export declare class OrbaxWriteError extends FormatError {
    constructor(detail: string, code?: 'BAD_ORBAX_NAME' | 'BAD_ORBAX_SHAPE');
}
export interface OrbaxWriteOptions {
    /** zstd level of the chunks (default 1); null writes them with the `bytes` codec only. */
    zstdLevel?: number | null;
    /** Largest inner chunk in bytes (default 64 MiB); memory is about one chunk. */
    chunkBytes?: number;
    /** Replace an existing Orbax checkpoint directory at `out`. */
    force?: boolean;
    onProgress?: WriteProgress;
    /**
     * Tensors read from stored chunks (Orbax input): stage them decoded first, each chunk decoded
     * once with these scatter options (staging.ts), and compress from the staging file.
     */
    stage?: ScatterOptions;
    /** Threads that compress chunks (0: this thread; default: compressPool.ts's defaultCompressThreads). */
    compressThreads?: number;
}
/** Largest chunk: zstd in WebAssembly holds a chunk and its compressed bound in a 32-bit memory. */
export declare const MAX_CHUNK_BYTES: number;
export declare const MAX_ZSTD_LEVEL = 22;
export declare function checkOrbaxOptions(zstdLevel: number | null | undefined, chunkBytes: number | undefined): void;
/**
 * Before any work: the output directory is absent (or, with `force`, an Orbax checkpoint), and
 * no input lies inside it (replacing it would delete what is being read).
 */
export declare function checkOrbaxOutput(out: string, inputs: readonly string[], force: boolean): void;
export declare function writeOrbax(out: string, tensors: readonly OutputTensor[], metadata: Readonly<Record<string, string>>, sep: string, options?: OrbaxWriteOptions): Promise<number>;
