import type { TensorIndex, TensorRef } from '../format/types.js';
import { type OutputTensor } from '../format/stream.js';
import { type Layout, type LayoutAnalysis, type AnalysisOptions } from './analyze.js';
export { META, MAX_LAYERS } from './metadata.js';
/**
 * Most tensors a conversion may plan (each planned tensor is an object in memory before the
 * first byte is written); a real checkpoint has thousands. Larger plans come from a layer count
 * nothing in the file backs (a zero-size or shared stack), and are refused.
 */
export declare const MAX_OUTPUT_TENSORS = 1000000;
export interface LayoutPlan {
    readonly from: Layout;
    readonly to: Layout;
    /** Layers over all groups; `depths` has each group's. */
    readonly layers: number;
    readonly depths: ReadonlyMap<string, number>;
    /** Output tensors, sorted by name (the order Flax's flatten + sort gives). */
    readonly outputs: readonly OutputTensor[];
    /** Provenance to merge into the output's metadata. */
    readonly metadata: Record<string, string>;
}
/** Plan the conversion of an analysed checkpoint to `to`. */
export declare function planConversion(a: LayoutAnalysis, to: Layout): LayoutPlan;
/** The checkpoint's metadata with its own provenance replaced by the plan's: provenance describes the output. */
export declare function withProvenance(metadata: Readonly<Record<string, string>>, plan: Pick<LayoutPlan, 'metadata'>): Record<string, string>;
/** The checkpoint as it would be after conversion, without writing it (refs over byte pieces). */
export declare function convertedIndex(index: TensorIndex, analysis: LayoutAnalysis, to: Layout): TensorIndex;
/** The index a plan's output will have once written (with its provenance metadata). */
export declare function plannedIndex(index: TensorIndex, plan: LayoutPlan): TensorIndex;
/**
 * Layout options that reproduce `analysis` on its converted form, whose metadata records the
 * depths and the pattern (a pattern from a file stays there: it is read back as plain strings).
 */
export declare function carriedOptions(analysis: LayoutAnalysis): Partial<AnalysisOptions>;
/**
 * Per-layer tensors of every leaf of the block, keyed by the leaf's scan-layout name
 * (`params.blocks.Dense_0.kernel`) whatever the layout: stacked leaves are sliced lazily.
 */
export declare function blockLeafRefs(a: LayoutAnalysis): Map<string, {
    refs: TensorRef[];
}>;
