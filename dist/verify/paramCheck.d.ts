import { type TensorRef } from '../format/types.js';
import { type LayoutAnalysis } from '../layout/plan.js';
export interface ParamCheck {
    checked: number;
    equal: boolean;
    mismatches: {
        key: string;
        layer: number | null;
    }[];
}
/** Equal dtype, shape and bytes; a view that reads the very bytes of the other is equal unread. */
export declare function sameBytes(a: TensorRef, b: TensorRef): boolean;
export declare function paramCheck(a: LayoutAnalysis, b: LayoutAnalysis): ParamCheck;
