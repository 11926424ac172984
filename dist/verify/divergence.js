/** Marks each failing row's `downstreamOf` and returns the divergences, in layer order. */
export function findDivergences(rows, threshold, params) {
    const out = [];
    let current;
    for (const row of rows) {
        if (row.passed) {
            current = undefined;
            row.downstreamOf = null;
            continue;
        }
        if (current) {
            current.through = row.layer;
            row.downstreamOf = current.layer;
            continue;
        }
        const [intermediate, maxAbsDiff] = Object.entries(row.maxAbsDiff).find(([, d]) => !(d <= threshold)) ?? ['', NaN];
        const paramsDiffer = (params?.mismatches ?? []).filter((m) => m.layer === row.layer).map((m) => m.key);
        current = { layer: row.layer, intermediate, maxAbsDiff, through: row.layer, paramsDiffer };
        row.downstreamOf = null;
        out.push(current);
    }
    return out;
}
/** The layer whose divergence the final output inherits: the run that reaches the last layer. */
export function finalDownstreamOf(final, rows, divergences) {
    const last = rows[rows.length - 1];
    if (final.passed || !last || last.passed)
        return null;
    return divergences.find((d) => d.through === last.layer)?.layer ?? null;
}
/** "11" or "11-41": the downstream layers of a divergence. */
export function downstreamRange(d) {
    if (d.through === d.layer)
        return null;
    return d.through === d.layer + 1 ? `layer ${d.through}` : `layers ${d.layer + 1}-${d.through}`;
}
