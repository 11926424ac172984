import { ScanconvError } from '../errors.js';
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
/**
 * Metadata key recording the key separator of names that are not `.`-separated. JSON and msgpack
 * hold a tree, not names, so `a/b` written as {"a": {"b": ..}} would read back as `a.b` unless
 * the separator travels with it; a safetensors name `p/a.b` would be split at the dot.
 */
export const SEP_KEY = 'scanconv.sep';
const MAX_SEP_LENGTH = 8;
/** The separator a file's metadata records, validated (untrusted); undefined when none is recorded. */
export function recordedSep(file, metadata) {
    if (!Object.prototype.hasOwnProperty.call(metadata, SEP_KEY))
        return undefined;
    const v = metadata[SEP_KEY];
    if (v.length === 0 || v.length > MAX_SEP_LENGTH) {
        throw new ScanconvError(`${file}: metadata ${SEP_KEY} ${JSON.stringify(v.slice(0, 20))} is not a key separator (1 to ${MAX_SEP_LENGTH} characters); pass --sep S`, 'BAD_META_SEP');
    }
    return v;
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
