import type { TensorRef } from '../format/types.js';
export interface TensorDiff {
    dtypes: [string, string];
    /** Elements in each tensor. */
    elements: number;
    /** Elements whose values differ (NaN equals NaN here; the bits are not compared across dtypes). */
    differing: number;
    /** Flat (row-major) index of the first differing element, -1 when every value is equal. */
    firstIndex: number;
    /** Largest |a - b| over the elements (Infinity where one is infinite or NaN and the other is not); null for non-numeric dtypes. */
    maxAbsDiff: number | null;
    /** The dtypes differ and the narrower tensor is exactly the wider one rounded to its dtype. */
    roundingExplains: boolean;
}
export declare function tensorDiff(a: TensorRef, b: TensorRef): TensorDiff;
