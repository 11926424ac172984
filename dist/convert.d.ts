import { UsageError } from './errors.js';
import { type WritableFormat } from './format/open.js';
import type { WriteProgress } from './format/stream.js';
import { type Layout, type LayoutOptions } from './layout/analyze.js';
import type { StaleTemps } from './format/staleTemps.js';
export interface ConvertOptions extends Partial<LayoutOptions> {
    /** Target layout; detected (pyloop <-> scan) when omitted. */
    to?: Layout;
    /** Output format; from the output's extension when omitted. */
    format?: WritableFormat;
    /** Key separator of the input; detected when omitted. */
    sep?: string;
    /** Orbax/T5X input: keep the optimizer state. */
    optimizerState?: boolean;
    /** Replace an existing output (never an input, never a non-regular file such as a FIFO). */
    force?: boolean;
    /** Split safetensors output into shards of at most this many bytes (Hugging Face naming). */
    shardSize?: number;
    /** false: write no `scanconv.*` provenance (the reverse conversion then needs the layout flags). */
    provenance?: boolean;
    /** Orbax output: zstd level of the chunks (default 1), null for none. */
    zstdLevel?: number | null;
    /** Orbax output: largest chunk in bytes (default 64 MiB). */
    chunkBytes?: number;
    /**
     * Orbax input to safetensors, msgpack or Orbax: threads that decode chunks, 0 to 64 (0: the calling thread;
     * default: one per CPU, at most 4 and as many as 256 MB holds, none on one CPU). Memory is
     * about 2.25 chunks per thread.
     */
    decodeThreads?: number;
    /**
     * Orbax output: threads that compress chunks, 0 to 64 (0: the calling thread; default: one
     * fewer than the CPUs, at most 4 and as many as 256 MB holds at ~5 of the largest chunk + 24 MB
     * each, so none for 64 MiB chunks).
     */
    compressThreads?: number;
    onProgress?: WriteProgress;
    /**
     * Stops the conversion: the write fails with ABORTED at its next buffer and its temporary
     * files are removed. convert installs no signal handler; a host that wants Ctrl-C to stop it
     * aborts this signal from its own handler.
     */
    signal?: AbortSignal;
}
export interface ConvertResult {
    from: Layout;
    to: Layout;
    /** Layers over all groups. */
    layers: number;
    /** Each group's depth, by the group's path (the parent of its layers / stack node). */
    depths: Record<string, number>;
    tensors: number;
    bytes: number;
    seconds: number;
    /** The file named, or the model directory written. */
    output: string;
    /** Every weights file written: the output, or its shards and then its index. */
    files: string[];
    /** Small files of the input directory copied unchanged into the output directory. */
    copied: string[];
    /** Files of the input directory not copied, and why (other weights, subdirectories, big files). */
    notCopied: {
        file: string;
        why: string;
    }[];
    /** Another checkpoint form the output directory held, removed (with `force`). */
    removed: string[];
    /** Temporary files of killed runs found in the output's directory (removed or left alone). */
    staleTemps: StaleTemps;
}
/** A model directory that holds another checkpoint form: writing beside it would leave two. */
export declare class OtherCheckpointError extends UsageError {
    readonly dir: string;
    readonly others: readonly string[];
    readonly writing: string;
    constructor(dir: string, others: readonly string[], writing: string, flag?: string);
}
export declare function defaultTarget(from: Layout): Layout;
export declare function convert(input: string, output: string, options?: ConvertOptions): Promise<ConvertResult>;
