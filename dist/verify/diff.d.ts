/** Difference statistics between two traces of the same shape (computed in f64). */
export interface DiffStats {
    maxAbsDiff: number;
    minAbsDiff: number;
    meanAbsDiff: number;
    stdAbsDiff: number;
    /** Percentage of elements with |diff| <= threshold. */
    withinPct: number;
    passed: boolean;
}
/** Index of the first NaN or ±Inf in `a`, or -1 (x - x is 0 for every finite x, NaN otherwise). */
export declare function firstNonfinite(a: ArrayLike<number>): number;
export declare function diffStats(a: ArrayLike<number>, b: ArrayLike<number>, threshold: number): DiffStats;
/** Max |a - b| only: the per-layer table needs no more, so skip the other statistics. */
export declare function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number;
/**
 * Scale-aware error against a reference: max|diff| / max(1, max|expected|). Logits of a model
 * without norms grow with depth, so an absolute bound would be meaningless there. A NaN or
 * infinity on either side is an infinite error.
 */
export declare function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): {
    maxAbsDiff: number;
    relError: number;
};
