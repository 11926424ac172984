import { type TensorRef } from '../format/types.js';
import { type LayoutAnalysis } from '../layout/analyze.js';
import { type TensorDiff } from './tensorDiff.js';
export interface ParamCheck {
    checked: number;
    equal: boolean;
    /** Each differing tensor (by its layer-free key and layer) and how much it differs. */
    mismatches: {
        key: string;
        layer: number | null;
        diff?: TensorDiff;
    }[];
}
/** Equal dtype, shape and bytes; a view that reads the very bytes of the other is equal unread. */
export declare function sameBytes(a: TensorRef, b: TensorRef): boolean;
/** The names of the two checkpoints of a pair, for messages. */
export interface PairNames {
    first: string;
    second: string;
}
/**
 * Both checkpoints hold the same model: the same parameter names, depth and shapes (dtypes may
 * differ: that is a parameter mismatch, not another model). Reads no tensor bytes, so it runs
 * before any form starts; a pair that fails it is bad input (exit 2), not a failed check.
 */
export declare function checkSameModel(a: LayoutAnalysis, b: LayoutAnalysis, names?: PairNames): void;
export declare function paramCheck(a: LayoutAnalysis, b: LayoutAnalysis, names?: PairNames): ParamCheck;
