/** Difference statistics between two traces of the same shape (computed in f64). */
/**
 * |a - b| elementwise, and Infinity when either is NaN or infinite: NaN in both forms is not
 * agreement (an absurd config value makes every activation NaN in both), so a non-finite value
 * never passes a threshold. a - b is NaN exactly when one is NaN or both are the same infinity,
 * and infinite when one is.
 */
function absDiff(a, b) {
    const d = a - b;
    return d === d ? Math.abs(d) : Infinity;
}
/** Index of the first NaN or ±Inf in `a`, or -1 (x - x is 0 for every finite x, NaN otherwise). */
export function firstNonfinite(a) {
    for (let i = 0; i < a.length; i++) {
        const x = a[i];
        if (x - x !== 0)
            return i;
    }
    return -1;
}
export function diffStats(a, b, threshold) {
    if (a.length !== b.length)
        throw new Error(`diffStats: lengths differ (${a.length} vs ${b.length})`);
    let max = 0;
    let min = Infinity;
    let sum = 0;
    let sumSq = 0;
    let within = 0;
    for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const y = b[i];
        // absDiff inlined (this loop sees every element of every trace).
        const e = x - y;
        const d = e === e ? Math.abs(e) : Infinity;
        if (d > max)
            max = d;
        if (d < min)
            min = d;
        sum += d;
        sumSq += d * d;
        if (d <= threshold)
            within++;
    }
    const n = a.length || 1;
    const mean = sum / n;
    return {
        maxAbsDiff: max,
        minAbsDiff: a.length ? min : 0,
        meanAbsDiff: mean,
        stdAbsDiff: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
        withinPct: a.length ? (100 * within) / a.length : 100,
        passed: max <= threshold,
    };
}
/**
 * Identical bits: every element equal, so every diff is 0 unless one is NaN or infinite. One
 * memcmp and one finiteness scan are about 3x faster than the element loop, and the two forms
 * usually agree exactly.
 */
function sameBits(a, b) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.byteLength !== b.byteLength)
        return false;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
/** Max |a - b| only: the per-layer table needs no more, so skip the other statistics. */
export function maxAbsDiff(a, b) {
    if (sameBits(a, b))
        return firstNonfinite(a) < 0 ? 0 : Infinity;
    let max = 0;
    for (let i = 0; i < a.length; i++) {
        const e = a[i] - b[i];
        const d = e === e ? Math.abs(e) : Infinity;
        if (d > max)
            max = d;
    }
    return max;
}
/**
 * Scale-aware error against a reference: max|diff| / max(1, max|expected|). Logits of a model
 * without norms grow with depth, so an absolute bound would be meaningless there. A NaN or
 * infinity on either side is an infinite error.
 */
export function relativeError(actual, expected) {
    let maxDiff = 0;
    let maxRef = 0;
    for (let i = 0; i < expected.length; i++) {
        const d = absDiff(actual[i], expected[i]);
        if (d > maxDiff)
            maxDiff = d;
        const r = Math.abs(expected[i]);
        if (r > maxRef)
            maxRef = r;
    }
    // An infinite reference would make Infinity / Infinity a NaN that no threshold compares with.
    return { maxAbsDiff: maxDiff, relError: maxDiff === Infinity ? Infinity : maxDiff / Math.max(1, maxRef) };
}
