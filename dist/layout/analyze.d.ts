import type { TensorIndex, TensorRef } from '../format/types.js';
import { type LayerGroup, type StackGroup } from './groups.js';
import { type LayerNaming } from './naming.js';
import { type BlockGroup, type BlockSizeSource } from './blocks.js';
export type Layout = 'pyloop' | 'scan' | 'shared';
export declare const LAYOUTS: readonly Layout[];
export interface LayoutOptions {
    /**
     * Regex with one capture group for the index. Default: `layer_N` anywhere, and numeric
     * children of a `layers`, `h`, `layer` or `block` node (Hugging Face trees).
     */
    layerPattern?: string;
    /** Name of the stacked node (default `blocks`). */
    stack: string;
    /** Axis that holds the layers in the scan layout (default 0). */
    axis: number;
    /** Layer count of every group of a shared checkpoint whose metadata lacks it (replaces the metadata's). */
    numLayers?: number;
    /** Layout of the input when it cannot be told from the tree (a shared file without metadata). */
    from?: Layout;
    /**
     * Layers per block of MaxText's blocks of layers (`layers.layers_0 … layers_{K-1}`, blocks.ts):
     * read from a blocks tree itself; needed to scan per-layer layers into blocks.
     */
    blockSize?: number;
}
/** LayoutOptions as an analysis resolves them, and as carriedOptions hands them to the next analysis (never a caller's option). */
export interface AnalysisOptions extends LayoutOptions {
    /** Where `blockSize` came from, so refusals name it; a caller's own blockSize is the flag's. */
    blockSizeFrom?: BlockSizeSource;
}
export interface LayoutAnalysis {
    readonly layout: Layout;
    /** Layers over all groups (the depth, when there is one group; see `depths`). */
    readonly layers: number;
    /** Each group's depth, by its path: the parent of its layer children or stack node, joined with `sep` ('' = root). */
    readonly depths: ReadonlyMap<string, number>;
    readonly layerGroups: readonly LayerGroup[];
    readonly stackGroups: readonly StackGroup[];
    /**
     * MaxText's blocks of layers (blocks.ts), stored as blocks (layout scan) or per layer with a
     * known block size (pyloop). When present, they are the layers: `stackGroups` is empty, and
     * `layerGroups` holds them only in the pyloop layout, when every block holds the same tensors.
     */
    readonly blocks: readonly BlockGroup[];
    /** Tensors outside every group: carried unchanged by any conversion. */
    readonly carried: readonly TensorRef[];
    readonly options: AnalysisOptions;
    readonly naming: LayerNaming;
    readonly sep: string;
}
/** `12`, or `32+2` for groups of different depths. */
export declare function layerCount(depths: Iterable<number>): string;
export declare function analyzeLayout(index: TensorIndex, flags?: Partial<AnalysisOptions>): LayoutAnalysis;
