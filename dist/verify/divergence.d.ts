/**
 * One fault reads as one fault. When layer N of one form diverges, every later layer gets a
 * different input and diverges too; listing them all as failures hides the cause. A run of
 * consecutive failing layers is one divergence: its first layer (whose input still agreed) and
 * first intermediate over the threshold are the cause, and the rest of the run is downstream.
 */
import type { DiffStats } from './diff.js';
import type { ParamCheck } from './paramCheck.js';
import type { LayerRow } from './report.js';
export interface Divergence {
    /** The layer where the forms start to disagree: its input agreed, an intermediate did not. */
    layer: number;
    /** Its first intermediate (in the model's order) over the threshold. */
    intermediate: string;
    maxAbsDiff: number;
    /** The last failing layer of the run that starts here (== layer when only it fails). */
    through: number;
    /** Parameter keys that differ between the two checkpoints at this layer. */
    paramsDiffer: string[];
}
/** Marks each failing row's `downstreamOf` and returns the divergences, in layer order. */
export declare function findDivergences(rows: LayerRow[], threshold: number, params?: ParamCheck): Divergence[];
/** The layer whose divergence the final output inherits: the run that reaches the last layer. */
export declare function finalDownstreamOf(final: DiffStats, rows: readonly LayerRow[], divergences: readonly Divergence[]): number | null;
/** "11" or "11-41": the downstream layers of a divergence. */
export declare function downstreamRange(d: Divergence): string | null;
