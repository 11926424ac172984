/** Walking more pieces than this (a fine strided interleave) is slower than reading the bytes. */
const MAX_PIECES_WALKED = 1 << 16;
class TooManyPieces extends Error {
}
/** Append `run` to `runs`, merging it into the last run when it continues it. */
function pushRun(runs, run) {
    const last = runs.at(-1);
    if (last && last.ref === run.ref && last.offset + last.length === run.offset)
        runs[runs.length - 1] = { ref: last.ref, offset: last.offset, length: last.length + run.length };
    else
        runs.push(run);
}
function collect(ref, offset, length, runs, walked) {
    if (length === 0)
        return;
    if (!ref.pieces)
        return pushRun(runs, { ref, offset, length });
    const end = offset + length;
    let pos = 0;
    for (const p of ref.pieces()) {
        if (++walked.n > MAX_PIECES_WALKED)
            throw new TooManyPieces();
        const pEnd = pos + p.length;
        if (pEnd > offset && pos < end) {
            const from = Math.max(offset, pos);
            collect(p.ref, p.offset + (from - pos), Math.min(end, pEnd) - from, runs, walked);
        }
        pos = pEnd;
        if (pos >= end)
            break;
    }
}
/** The stored-tensor byte runs `ref` reads, merged; null when finding them would cost more than reading. */
export function sourceRuns(ref) {
    const runs = [];
    try {
        collect(ref, 0, ref.byteLength, runs, { n: 0 });
    }
    catch (e) {
        if (e instanceof TooManyPieces)
            return null;
        throw e;
    }
    return runs;
}
/** True when both tensors read exactly the same stored bytes (so they are equal without reading). */
export function sameSource(a, b) {
    if (a === b)
        return true;
    if (!a.pieces && !b.pieces)
        return false;
    const ra = sourceRuns(a);
    const rb = ra && sourceRuns(b);
    if (!ra || !rb || ra.length !== rb.length)
        return false;
    return ra.every((r, i) => r.ref === rb[i].ref && r.offset === rb[i].offset && r.length === rb[i].length);
}
