/**
 * Bounded byte decoding for OCDBT and zarr: a cursor that never reads past its buffer and
 * refuses over-long varints, CRC-32C, and zstd/gzip decoding that never produces more than the
 * caller says the data may hold. Nothing here is instantiated at import: the zstd module on the
 * first frame (wasmZstd.ts), the CRC tables on the first checksum.
 */
import zlib from 'node:zlib';
import { OrbaxError } from './errors.js';
import { DST_TOO_SMALL, NO_WASM_MEMORY, wasmZstdDecode, wasmZstdInput, WasmZstdError } from './wasmZstd.js';
export { crc32c } from './crc32c.js';
export class ByteCursor {
    buf;
    where;
    pos = 0;
    constructor(buf, 
    /** Names the structure in errors ("manifest.ocdbt", "d/abc@0+377"). */
    where) {
        this.buf = buf;
        this.where = where;
    }
    get left() {
        return this.buf.length - this.pos;
    }
    need(n, what) {
        if (n < 0 || this.pos + n > this.buf.length) {
            throw new OrbaxError(this.where, 'TRUNCATED', `ends at byte ${this.buf.length} while reading ${what} (needs ${this.pos + n})`);
        }
    }
    u8(what = 'a byte') {
        this.need(1, what);
        return this.buf[this.pos++];
    }
    bytes(n, what = 'bytes') {
        this.need(n, what);
        const out = this.buf.subarray(this.pos, this.pos + n);
        this.pos += n;
        return out;
    }
    u32le(what = 'a 32-bit integer') {
        this.need(4, what);
        const b = this.buf;
        const p = this.pos;
        this.pos += 4;
        return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
    }
    i32le(what = 'a 32-bit integer') {
        return this.u32le(what) | 0;
    }
    /** A little-endian u64; values past 2^53 are refused (no file offset or count is that large). */
    u64le(what = 'a 64-bit integer') {
        const lo = this.u32le(what);
        const hi = this.u32le(what);
        if (hi >= 1 << 21)
            throw new OrbaxError(this.where, 'BAD_VALUE', `${what} ${hi * 2 ** 32 + lo} is past 2^53`);
        return hi * 2 ** 32 + lo;
    }
    /** LEB128 varint (at most 10 bytes); a value past 2^53 is refused rather than rounded. */
    varint(what = 'a varint') {
        let value = 0;
        let scale = 1;
        for (let i = 0; i < 10; i++) {
            const b = this.u8(what);
            value += (b & 0x7f) * scale;
            if (!(b & 0x80)) {
                if (!Number.isSafeInteger(value))
                    throw new OrbaxError(this.where, 'BAD_VARINT', `${what} is past 2^53`);
                return value;
            }
            scale *= 128;
        }
        throw new OrbaxError(this.where, 'BAD_VARINT', `${what} is longer than 10 bytes`);
    }
}
/** Bytes a zstd frame header declares it decodes to, or -1 when it does not say. */
function zstdContentSize(src) {
    if (src.length < 6 || src[0] !== 0x28 || src[1] !== 0xb5 || src[2] !== 0x2f || src[3] !== 0xfd)
        return -2;
    const fhd = src[4];
    const fcsFlag = fhd >> 6;
    const single = (fhd >> 5) & 1;
    const dictFlag = fhd & 3;
    let p = 5 + (single ? 0 : 1) + [0, 1, 2, 4][dictFlag];
    const size = fcsFlag === 0 ? (single ? 1 : 0) : [1, 2, 4, 8][fcsFlag];
    if (size === 0)
        return -1;
    if (p + size > src.length)
        return -2;
    let v = 0;
    for (let i = size - 1; i >= 0; i--)
        v = v * 256 + src[p + i];
    p += size;
    return size === 2 ? v + 256 : v;
}
/**
 * The running Node's own zstd (`zlib.zstdDecompressSync`, Node 22.15+/23.8+: native speed) when
 * it has one, else libzstd in WebAssembly (wasmZstd.ts). Given the zlib module, so a test can
 * hand it one with or without zstd.
 */
export function pickZstd(z) {
    const native = z.zstdDecompressSync;
    if (typeof native !== 'function')
        return { name: 'wasm', decode: wasmZstdDecode };
    return { name: 'node', decode: (src, capacity) => native(src, { maxOutputLength: Math.max(1, capacity) }) };
}
let zstd = pickZstd(zlib);
/** Which zstd decodes here: `node` or `wasm` (inspect-style reports and tests). */
export const zstdName = () => zstd.name;
/** Tests: decode with another zstd (restored by calling the returned function). */
export function useZstd(z) {
    const before = zstd;
    zstd = pickZstd(z);
    return () => {
        zstd = before;
    };
}
/**
 * Decode a zstd frame of at most `max` bytes (exactly `max` when `exact`). A frame that declares
 * or produces more is refused before its output is allocated past `max`. The result may be a view
 * of the decoder's reusable buffer, valid until the next decode (`zstdDecode` copies it).
 */
export function zstdDecodeView(src, max, exact, where) {
    const declared = zstdContentSize(src);
    if (declared === -2)
        throw new OrbaxError(where, 'BAD_ZSTD', 'is not a zstd frame');
    if (declared > max)
        throw new OrbaxError(where, 'DECODES_PAST_CHUNK', `zstd frame declares ${declared} bytes, more than the ${max} it may hold`);
    let out;
    try {
        out = zstd.decode(src, max);
    }
    catch (e) {
        const past = `zstd frame decodes to more than the ${max} bytes it may hold`;
        if (e instanceof WasmZstdError) {
            if (e.zstdCode === DST_TOO_SMALL)
                throw new OrbaxError(where, 'DECODES_PAST_CHUNK', past);
            // A legal chunk too large for the WebAssembly decoder's memory is not a corrupt one.
            if (e.zstdCode === NO_WASM_MEMORY)
                throw new OrbaxError(where, 'UNSUPPORTED', `a chunk of ${max} bytes does not fit the WebAssembly zstd decoder's memory (${e.message}); a Node with its own zstd (22.15 or later) decodes it`);
            throw new OrbaxError(where, 'BAD_ZSTD', `zstd frame is corrupt (${e.message})`);
        }
        const msg = e.message;
        if (/maxOutputLength|Cannot create a Buffer larger|out of bounds|buffer/i.test(msg))
            throw new OrbaxError(where, 'DECODES_PAST_CHUNK', past);
        throw new OrbaxError(where, 'BAD_ZSTD', `zstd frame is corrupt (${msg})`);
    }
    return checkSize(out, max, exact, where);
}
let scratchBuffer = new Uint8Array(0);
/**
 * A buffer of `length` bytes to read a stored chunk into, for a decode that keeps nothing (valid
 * until the next call or decode in this thread). For a chunk with a zstd codec decoded by the
 * WebAssembly zstd, it is the decoder's own input buffer: no copy into it, and no chunk-sized
 * buffer outside it (on a 2 GB unscan, 1.5 GB less copied and one stored chunk less in memory).
 */
export function stagingBuffer(length, hasZstd) {
    if (hasZstd && zstd.name === 'wasm')
        return wasmZstdInput(length);
    if (scratchBuffer.byteLength < length)
        scratchBuffer = new Uint8Array(length + (length >>> 3));
    return scratchBuffer.subarray(0, length);
}
/** `zstdDecodeView`, copied out of the decoder's buffer: the caller may keep it. */
export function zstdDecode(src, max, exact, where) {
    const out = zstdDecodeView(src, max, exact, where);
    return zstd.name === 'wasm' ? out.slice() : out;
}
function checkSize(out, max, exact, where) {
    if (out.length > max)
        throw new OrbaxError(where, 'DECODES_PAST_CHUNK', `zstd frame decodes to more than the ${max} bytes it may hold`);
    if (exact && out.length !== max)
        throw new OrbaxError(where, 'CHUNK_SIZE', `zstd frame decodes to ${out.length} bytes, the chunk holds ${max}`);
    return out;
}
/** gzip or zlib (zarr's `gzip`/`zlib` compressors), at most `max` bytes, exactly `max` when `exact`. */
export function gzipDecode(src, max, exact, where, kind = 'gzip') {
    let out;
    try {
        out = kind === 'gzip' ? zlib.gunzipSync(src, { maxOutputLength: Math.max(1, max) + 1 }) : zlib.inflateSync(src, { maxOutputLength: Math.max(1, max) + 1 });
    }
    catch (e) {
        const msg = e.message;
        if (/maxOutputLength|Cannot create a Buffer larger/i.test(msg))
            throw new OrbaxError(where, 'DECODES_PAST_CHUNK', `${kind} data decodes to more than the ${max} bytes it may hold`);
        throw new OrbaxError(where, 'BAD_GZIP', `${kind} data is corrupt (${msg})`);
    }
    if (out.length > max)
        throw new OrbaxError(where, 'DECODES_PAST_CHUNK', `${kind} data decodes to more than the ${max} bytes it may hold`);
    if (exact && out.length !== max)
        throw new OrbaxError(where, 'CHUNK_SIZE', `${kind} data decodes to ${out.length} bytes, the chunk holds ${max}`);
    return out;
}
