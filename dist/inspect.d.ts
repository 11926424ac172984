import type { FormatName } from './format/types.js';
import { type Layout, type LayoutOptions } from './layout/analyze.js';
export interface GroupSummary {
    /** Where the repeated block sits, e.g. `params.layer_{0..11}` or `params.blocks`. */
    where: string;
    /** `blocks`: MaxText's blocks of layers stacked (`decoder.layers.layers_{0..K-1}`). */
    kind: 'layers' | 'stack' | 'blocks';
    layers: number;
    tensorsPerLayer: number;
    /** Layers per block, for MaxText's blocks of layers (either layout). */
    blockSize?: number;
}
export interface InspectReport {
    path: string;
    /** The checkpoint file read: `path` itself, or the one a model directory holds (modelDir.ts). */
    read: string;
    /** Other checkpoint forms in that directory, not read. */
    notRead: string[];
    format: FormatName;
    /** The weights' files (an index and its shards), not the directory's other files. */
    files: string[];
    /** Their size together. */
    fileBytes: number;
    sep: string;
    layout: Layout | 'unknown';
    /** Why no layout was recognised, when layout is 'unknown' (with `repeatsEvery`, why K is needed). */
    layoutProblem?: string;
    /** Per-layer layers that differ but repeat every this many layers, K unknown (BLOCK_SIZE_UNKNOWN): --block-size K, a multiple of it, scans them. */
    repeatsEvery?: number;
    /** Layers over all groups (each group's are in `groups`). */
    layers: number;
    axis?: number;
    groups: GroupSummary[];
    tensors: number;
    parameters: Record<string, number>;
    tensorBytes: number;
    metadata: Record<string, string>;
    /** How the tensors are stored (Orbax: layout, zarr version, compression, chunking, OCDBT). */
    storage?: Record<string, string>;
}
export declare function inspect(file: string, options?: Partial<LayoutOptions> & {
    sep?: string;
    optimizerState?: boolean;
}): InspectReport;
