/** Unsigned LEB128 varints (OCDBT's integer encoding), for integers up to 2^53 - 1. */
/** Append `value` as an unsigned varint to `out`. */
export function pushVarint(out, value) {
    if (!Number.isSafeInteger(value) || value < 0)
        throw new RangeError(`varint ${value} is not a non-negative safe integer`);
    let v = value;
    while (v >= 0x80) {
        out.push((v % 0x80) | 0x80);
        v = Math.floor(v / 0x80);
    }
    out.push(v);
}
/** The varint encoding of `value`. */
export function varint(value) {
    const out = [];
    pushVarint(out, value);
    return Uint8Array.from(out);
}
