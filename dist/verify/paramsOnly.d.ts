/**
 * `verify A B --params-only`: the bit-exact parameter check of a pair alone, for any tree,
 * known to a model family or not, and any two layouts (pyloop, scan or shared, the same or
 * not: a round trip A -> B -> A is checked as A against A'). No model runs, so nothing about
 * the architecture is needed: layer by layer (a slice of a stacked tensor against its layer's
 * tensor), everything else by name. Metadata (provenance included) is not compared: only tensors.
 * Trees without layer groups are compared tensor by tensor by name.
 */
import type { ChalkInstance } from 'chalk';
import { type Layout, type LayoutOptions } from '../layout/analyze.js';
import { type ParamCheck } from './paramCheck.js';
import { type TensorDiff } from './tensorDiff.js';
export interface ParamsOnlyReport {
    passed: boolean;
    paramsOnly: true;
    /** Each checkpoint's layout; 'none' for a tree without layer groups. */
    forms: {
        name: Layout | 'none';
        checkpoint: string;
    }[];
    layers: number;
    params: ParamCheck;
    /**
     * Tensors holding NaN or infinity, in either checkpoint (the first few): a failure even when the
     * two are bit-identical, since a NaN never counts as agreement.
     */
    nonfinite: NonfiniteTensor[];
    /** Orbax checkpoints that were not decoded once into a temporary file, and why (slower, as exact). */
    staging?: string[];
    seconds: number;
}
export interface NonfiniteTensor {
    checkpoint: string;
    tensor: string;
    /** NaN and infinite values in it. */
    count: number;
}
export interface ParamsOnlyOptions extends Partial<LayoutOptions> {
    sep?: string;
    /** Orbax/T5X inputs: keep the optimizer state. */
    optimizerState?: boolean;
    /** false: read Orbax checkpoints by byte range, decoding nothing ahead (tests compare both ways). */
    stage?: boolean;
}
/**
 * Compare two checkpoints parameter by parameter. Orbax checkpoints are first decoded once into
 * a temporary file (orbax/stagedIndex.ts) unless `stage` is false or the temporary directory
 * cannot take them; `staging` in the report says why one was not.
 */
export declare function verifyParamsOnly(checkpoint: string, other: string, options?: ParamsOnlyOptions): Promise<ParamsOnlyReport>;
/** One line per differing tensor: how much, where first, and whether a cast explains it. */
export declare function diffLine(key: string, layer: number | null, d: TensorDiff): string;
/** Why a params-only run failed, in a few words (the text and the HTML report). */
export declare function paramsOnlyVerdict(report: ParamsOnlyReport): string;
export declare function renderParamsOnly(report: ParamsOnlyReport, c: ChalkInstance): string;
