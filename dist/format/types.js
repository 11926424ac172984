/** Read a whole tensor. Only for tensors known to be small (models, tests): writers stream. */
export function readAll(ref) {
    const out = new Uint8Array(ref.byteLength);
    ref.readInto(out, 0, 0, ref.byteLength);
    return out;
}
/** A TensorRef over bytes already in memory (JSON leaves, test fixtures). */
export function memoryRef(name, dtype, shape, bytes) {
    return {
        name,
        dtype,
        shape,
        byteLength: bytes.byteLength,
        readInto(target, targetOffset, offset, length) {
            target.set(bytes.subarray(offset, offset + length), targetOffset);
        },
    };
}
/** Choose the key separator: `/` only when keys use it and never use `.`. */
export function detectSep(names) {
    let slash = false;
    for (const n of names) {
        if (n.includes('.'))
            return '.';
        if (n.includes('/'))
            slash = true;
    }
    return slash ? '/' : '.';
}
const COMPARE_CHUNK = 4 << 20;
/** Offset of the first byte where two tensors' bytes differ, -1 if equal (chunked: bounded memory). */
export function firstDifference(a, b) {
    if (a.byteLength !== b.byteLength)
        return Math.min(a.byteLength, b.byteLength);
    const x = new Uint8Array(Math.min(COMPARE_CHUNK, a.byteLength));
    const y = new Uint8Array(x.byteLength);
    for (let off = 0; off < a.byteLength; off += COMPARE_CHUNK) {
        const n = Math.min(COMPARE_CHUNK, a.byteLength - off);
        a.readInto(x, 0, off, n);
        b.readInto(y, 0, off, n);
        if (Buffer.from(x.buffer, 0, n).equals(Buffer.from(y.buffer, 0, n)))
            continue;
        for (let k = 0; k < n; k++)
            if (x[k] !== y[k])
                return off + k;
    }
    return -1;
}
