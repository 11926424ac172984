/**
 * How much two tensors of the same shape differ, element by element, read in chunks (bounded
 * memory): the largest |a - b|, how many elements differ, the first that does, and whether the
 * rounding of the wider dtype to the narrower one (round to nearest even, as a cast does)
 * explains every difference. A 1e-3 edit, a bf16 rounding and a swapped layer then read apart.
 */
import { dtypeSize, numel } from '../format/dtype.js';
import { bf16BitsToF32, f16BitsToF32, f32ToBf16Bits, f32ToF16Bits } from '../format/floats.js';
/** Bits of precision of the float dtypes, for "narrower". */
const PRECISION = { BF16: 8, F16: 11, F32: 24, F64: 53 };
const READERS = {
    F64: (dv, i) => dv.getFloat64(i * 8, true),
    F32: (dv, i) => dv.getFloat32(i * 4, true),
    F16: (dv, i) => f16BitsToF32(dv.getUint16(i * 2, true)),
    BF16: (dv, i) => bf16BitsToF32(dv.getUint16(i * 2, true)),
    I64: (dv, i) => Number(dv.getBigInt64(i * 8, true)),
    U64: (dv, i) => Number(dv.getBigUint64(i * 8, true)),
    I32: (dv, i) => dv.getInt32(i * 4, true),
    U32: (dv, i) => dv.getUint32(i * 4, true),
    I16: (dv, i) => dv.getInt16(i * 2, true),
    U16: (dv, i) => dv.getUint16(i * 2, true),
    I8: (dv, i) => dv.getInt8(i),
    U8: (dv, i) => dv.getUint8(i),
    BOOL: (dv, i) => dv.getUint8(i),
};
/** A value of the wider float dtype as the narrower dtype holds it (a cast). */
function rounder(narrow) {
    if (narrow === 'BF16')
        return (v) => bf16BitsToF32(f32ToBf16Bits(Math.fround(v)));
    if (narrow === 'F16')
        return (v) => f16BitsToF32(f32ToF16Bits(Math.fround(v)));
    if (narrow === 'F32')
        return (v) => Math.fround(v);
    return undefined;
}
const CHUNK_ELEMENTS = 1 << 20;
const same = (x, y) => x === y || (Number.isNaN(x) && Number.isNaN(y));
export function tensorDiff(a, b) {
    const elements = numel(a.shape);
    const dtypes = [a.dtype, b.dtype];
    const readA = READERS[a.dtype];
    const readB = READERS[b.dtype];
    if (!readA || !readB || elements !== numel(b.shape))
        return bytewise(a, b, elements, dtypes);
    const pa = PRECISION[a.dtype];
    const pb = PRECISION[b.dtype];
    // The narrower side and how to round the wider one to it; only between float dtypes that differ.
    const narrowIsA = pa !== undefined && pb !== undefined && pa < pb;
    const narrowIsB = pa !== undefined && pb !== undefined && pb < pa;
    const round = narrowIsA ? rounder(a.dtype) : narrowIsB ? rounder(b.dtype) : undefined;
    let roundingExplains = round !== undefined;
    let differing = 0;
    let firstIndex = -1;
    let maxAbsDiff = 0;
    const sa = dtypeSize(a.dtype);
    const sb = dtypeSize(b.dtype);
    const bufA = new Uint8Array(Math.min(CHUNK_ELEMENTS, elements) * sa);
    const bufB = new Uint8Array(Math.min(CHUNK_ELEMENTS, elements) * sb);
    const dvA = new DataView(bufA.buffer);
    const dvB = new DataView(bufB.buffer);
    for (let start = 0; start < elements; start += CHUNK_ELEMENTS) {
        const n = Math.min(CHUNK_ELEMENTS, elements - start);
        a.readInto(bufA, 0, start * sa, n * sa);
        b.readInto(bufB, 0, start * sb, n * sb);
        for (let i = 0; i < n; i++) {
            const x = readA(dvA, i);
            const y = readB(dvB, i);
            if (round && roundingExplains && !same(narrowIsA ? x : y, round(narrowIsA ? y : x)))
                roundingExplains = false;
            if (same(x, y))
                continue;
            differing++;
            if (firstIndex < 0)
                firstIndex = start + i;
            const d = Math.abs(x - y);
            maxAbsDiff = Number.isNaN(d) ? Infinity : Math.max(maxAbsDiff, d);
        }
    }
    return { dtypes, elements, differing, firstIndex, maxAbsDiff, roundingExplains };
}
/** Dtypes without a numeric reading (F8, complex): element by element as bytes. */
function bytewise(a, b, elements, dtypes) {
    const size = dtypeSize(a.dtype);
    const comparable = a.dtype === b.dtype && a.byteLength === b.byteLength;
    let differing = comparable ? 0 : elements;
    let firstIndex = comparable ? -1 : 0;
    if (comparable) {
        const x = new Uint8Array(Math.min(CHUNK_ELEMENTS * size, a.byteLength));
        const y = new Uint8Array(x.byteLength);
        for (let off = 0; off < a.byteLength; off += x.byteLength) {
            const n = Math.min(x.byteLength, a.byteLength - off);
            a.readInto(x, 0, off, n);
            b.readInto(y, 0, off, n);
            for (let e = 0; e < n; e += size) {
                for (let k = 0; k < size; k++) {
                    if (x[e + k] === y[e + k])
                        continue;
                    differing++;
                    if (firstIndex < 0)
                        firstIndex = (off + e) / size;
                    break;
                }
            }
        }
    }
    return { dtypes, elements, differing, firstIndex, maxAbsDiff: null, roundingExplains: false };
}
