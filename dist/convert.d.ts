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
    /** Replace an existing output (never an input, never a non-regular file such as a FIFO). */
    force?: boolean;
    /** Split safetensors output into shards of at most this many bytes (Hugging Face naming). */
    shardSize?: number;
    onProgress?: WriteProgress;
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
    output: string;
    /** Every file written: the output, or its shards and then its index. */
    files: string[];
    /** Temporary files of killed runs found in the output's directory (removed or left alone). */
    staleTemps: StaleTemps;
}
export declare function defaultTarget(from: Layout): Layout;
export declare function convert(input: string, output: string, options?: ConvertOptions): Promise<ConvertResult>;
