import { type WritableFormat } from './format/open.js';
import type { WriteProgress } from './format/stream.js';
import { type Layout, type LayoutOptions } from './layout/plan.js';
export interface ConvertOptions extends Partial<LayoutOptions> {
    /** Target layout; detected (pyloop <-> scan) when omitted. */
    to?: Layout;
    /** Output format; from the output's extension when omitted. */
    format?: WritableFormat;
    /** Key separator of the input; detected when omitted. */
    sep?: string;
    /** Overwrite an existing output. */
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
}
export declare function defaultTarget(from: Layout): Layout;
export declare function convert(input: string, output: string, options?: ConvertOptions): Promise<ConvertResult>;
