/** Difference statistics between two traces of the same shape (computed in f64). */
/** |a - b| elementwise; NaN in both is equal (same behaviour), NaN in one is an infinite diff. */
function absDiff(a, b) {
    if (Number.isNaN(a) || Number.isNaN(b))
        return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
    if (a === b)
        return 0; // also equal infinities
    return Math.abs(a - b);
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
        // Inline fast path (this loop sees every element of every trace); NaNs take absDiff.
        const d = x === y ? 0 : x - y === x - y ? Math.abs(x - y) : absDiff(x, y);
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
 * Identical bits: every element equal, or NaN in both, so every diff is 0. One memcmp is
 * about 5x faster than the element loop, and the two forms usually agree exactly.
 */
function sameBits(a, b) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.byteLength !== b.byteLength)
        return false;
    return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
/** Max |a - b| only: the per-layer table needs no more, so skip the other statistics. */
export function maxAbsDiff(a, b) {
    if (sameBits(a, b))
        return 0;
    let max = 0;
    for (let i = 0; i < a.length; i++) {
        const x = a[i];
        const y = b[i];
        if (x === y)
            continue;
        const d = x - y === x - y ? Math.abs(x - y) : absDiff(x, y);
        if (d > max)
            max = d;
    }
    return max;
}
/**
 * Scale-aware error against a reference: max|diff| / max(1, max|expected|). Logits of a model
 * without norms grow with depth, so an absolute bound would be meaningless there.
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
    return { maxAbsDiff: maxDiff, relError: maxDiff / Math.max(1, maxRef) };
}
