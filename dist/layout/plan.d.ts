import type { TensorIndex, TensorRef } from '../format/types.js';
import { type OutputTensor } from '../format/stream.js';
import { type LayerGroup, type StackGroup } from './groups.js';
export type Layout = 'pyloop' | 'scan' | 'shared';
export declare const LAYOUTS: readonly Layout[];
export interface LayoutOptions {
    /** Regex with one capture group for the index (default `^layer_(\d+)$`). */
    layerPattern: string;
    /** Name of the stacked node (default `blocks`). */
    stack: string;
    /** Axis that holds the layers in the scan layout (default 0). */
    axis: number;
    /** Layer count for a shared checkpoint whose metadata lacks it. */
    numLayers?: number;
    /** Layout of the input when it cannot be told from the tree (a shared file without metadata). */
    from?: Layout;
}
/** Metadata keys scanconv writes so the reverse conversion needs no flags. */
export declare const META: {
    readonly version: "scanconv.version";
    readonly layout: "scanconv.layout";
    readonly stack: "scanconv.stack";
    readonly axis: "scanconv.axis";
    readonly pattern: "scanconv.layer_pattern";
    readonly layers: "scanconv.layers";
};
/** Options given explicitly win; then what the checkpoint's own provenance says; then defaults. */
export declare function resolveOptions(metadata: Readonly<Record<string, string>>, given: Partial<LayoutOptions>): LayoutOptions;
export interface LayoutAnalysis {
    readonly layout: Layout;
    readonly layers: number;
    readonly layerGroups: readonly LayerGroup[];
    readonly stackGroups: readonly StackGroup[];
    /** Tensors outside every group: carried unchanged by any conversion. */
    readonly carried: readonly TensorRef[];
    readonly options: LayoutOptions;
    readonly sep: string;
}
export declare function analyzeLayout(index: TensorIndex, given?: Partial<LayoutOptions>): LayoutAnalysis;
export interface LayoutPlan {
    readonly from: Layout;
    readonly to: Layout;
    readonly layers: number;
    /** Output tensors, sorted by name (the order Flax's flatten + sort gives). */
    readonly outputs: readonly OutputTensor[];
    /** Provenance to merge into the output's metadata. */
    readonly metadata: Record<string, string>;
}
/** Plan the conversion of an analysed checkpoint to `to`. */
export declare function planConversion(a: LayoutAnalysis, to: Layout): LayoutPlan;
/** The checkpoint as it would be after conversion, without writing it (refs over byte pieces). */
export declare function convertedIndex(index: TensorIndex, analysis: LayoutAnalysis, to: Layout): TensorIndex;
/** Layout options that reproduce `analysis` on its converted form. */
export declare function carriedOptions(analysis: LayoutAnalysis): Partial<LayoutOptions>;
/**
 * Per-layer tensors of every leaf of the block, keyed by the leaf's scan-layout name
 * (`params.blocks.Dense_0.kernel`) whatever the layout: stacked leaves are sliced lazily.
 */
export declare function blockLeafRefs(a: LayoutAnalysis): Map<string, {
    refs: TensorRef[];
}>;
