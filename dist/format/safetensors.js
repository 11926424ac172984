/**
 * safetensors: an 8-byte little-endian header length N, N bytes of JSON header, then the tensor
 * bytes. The reader validates exactly what the reference Rust crate validates (`tensor.rs`),
 * each rule with its own error code, and reads tensor bytes lazily by offset.
 */
import fs from 'node:fs';
import { ScanconvError } from '../errors.js';
import { dtypeSize, isDType, numel } from './dtype.js';
import { detectSep } from './types.js';
import { PieceWriter } from './stream.js';
import { writeAtomically } from './atomic.js';
import { findDuplicateKey } from './jsonKeys.js';
export const MAX_HEADER_SIZE = 100_000_000;
export class SafetensorsError extends ScanconvError {
    file;
    tensor;
    constructor(file, code, detail, tensor) {
        super(`${file}: ${tensor !== undefined ? `tensor "${tensor}": ` : ''}${detail}`, code);
        this.file = file;
        this.tensor = tensor;
    }
}
function isNonNegInt(v) {
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
/** Parse and validate a header's JSON text; `dataLength` is the bytes that follow the header. */
export function parseHeader(file, text, dataLength) {
    const fail = (code, detail, tensor) => {
        throw new SafetensorsError(file, code, detail, tensor);
    };
    if (!text.startsWith('{'))
        fail('HEADER_START', `header does not start with '{' (got ${JSON.stringify(text.slice(0, 8))})`);
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (e) {
        return fail('HEADER_NOT_JSON', `header is not valid JSON (${e.message})`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        fail('HEADER_SCHEMA', 'header is not a JSON object');
    const dup = findDuplicateKey(text);
    if (dup !== undefined)
        fail('DUPLICATE_TENSOR', 'appears more than once in the header', dup);
    const metadata = {};
    const entries = [];
    for (const [name, info] of Object.entries(raw)) {
        if (name === '__metadata__') {
            if (typeof info !== 'object' || info === null || Array.isArray(info))
                fail('METADATA_NOT_STRINGS', '__metadata__ must be an object of strings');
            for (const [k, v] of Object.entries(info)) {
                if (typeof v !== 'string')
                    fail('METADATA_NOT_STRINGS', `__metadata__ value for "${k}" is not a string`);
                metadata[k] = v;
            }
            continue;
        }
        if (typeof info !== 'object' || info === null)
            return fail('HEADER_SCHEMA', 'entry is not an object', name);
        const { dtype, shape, data_offsets: offsets } = info;
        if (typeof dtype !== 'string')
            return fail('HEADER_SCHEMA', 'missing "dtype"', name);
        if (!isDType(dtype))
            return fail('UNKNOWN_DTYPE', `unknown dtype "${dtype}"`, name);
        if (!Array.isArray(shape) || !shape.every(isNonNegInt))
            return fail('INVALID_SHAPE', `shape ${JSON.stringify(shape)} is not a list of non-negative integers`, name);
        if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegInt)) {
            return fail('INVALID_OFFSETS', `data_offsets ${JSON.stringify(offsets)} is not a pair of non-negative integers`, name);
        }
        const [begin, end] = offsets;
        if (end < begin)
            fail('INVALID_OFFSETS', `data_offsets [${begin}, ${end}] end before they begin`, name);
        entries.push({ name, dtype, shape: shape, begin, end });
    }
    // The reference implementation sorts by offset and requires each tensor to start exactly
    // where the previous one ended: no overlap, no hole, starting at 0.
    const byOffset = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
    let expected = 0;
    for (const e of byOffset) {
        if (e.begin < expected)
            fail('OFFSETS_OVERLAP', `data_offsets [${e.begin}, ${e.end}] overlap the previous tensor, which ends at ${expected}`, e.name);
        if (e.begin > expected)
            fail('OFFSETS_HOLE', `data_offsets [${e.begin}, ${e.end}] leave a hole: the previous tensor ends at ${expected}`, e.name);
        const need = numel(e.shape) * dtypeSize(e.dtype);
        if (need !== e.end - e.begin) {
            fail('TENSOR_SIZE_MISMATCH', `shape [${e.shape.join(', ')}] of ${e.dtype} needs ${need} bytes but data_offsets span ${e.end - e.begin}`, e.name);
        }
        expected = e.end;
    }
    if (expected !== dataLength) {
        fail('FILE_LENGTH_MISMATCH', `tensors end at byte ${expected} of the data section but it is ${dataLength} bytes (truncated or trailing bytes)`);
    }
    return { entries, metadata };
}
/** Open a .safetensors file: reads and validates the header only. */
export function openSafetensors(file) {
    const fd = fs.openSync(file, 'r');
    try {
        const size = fs.fstatSync(fd).size;
        const fail = (code, detail) => {
            throw new SafetensorsError(file, code, detail);
        };
        if (size < 8)
            fail('HEADER_TOO_SMALL', `file is ${size} bytes, too small for the 8-byte header length`);
        const lenBuf = Buffer.alloc(8);
        fs.readSync(fd, lenBuf, 0, 8, 0);
        const n = lenBuf.readBigUInt64LE(0);
        if (n > BigInt(MAX_HEADER_SIZE))
            fail('HEADER_TOO_LARGE', `header length ${n} exceeds the limit of ${MAX_HEADER_SIZE} bytes`);
        const headerLen = Number(n);
        if (8 + headerLen > size)
            fail('HEADER_PAST_EOF', `header length ${headerLen} runs past the end of the file (${size} bytes)`);
        const headerBytes = Buffer.alloc(headerLen);
        fs.readSync(fd, headerBytes, 0, headerLen, 8);
        let text;
        try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(headerBytes);
        }
        catch {
            return fail('HEADER_NOT_UTF8', 'header is not valid UTF-8');
        }
        const dataStart = 8 + headerLen;
        const { entries, metadata } = parseHeader(file, text, size - dataStart);
        const tensors = new Map();
        // File order is header order, which is what users see in other tools.
        for (const e of entries) {
            const base = dataStart + e.begin;
            tensors.set(e.name, {
                name: e.name,
                dtype: e.dtype,
                shape: e.shape,
                byteLength: e.end - e.begin,
                readInto(target, targetOffset, offset, length) {
                    let done = 0;
                    while (done < length) {
                        const got = fs.readSync(fd, target, targetOffset + done, length - done, base + offset + done);
                        if (got === 0)
                            throw new SafetensorsError(file, 'FILE_LENGTH_MISMATCH', 'file shrank while being read', e.name);
                        done += got;
                    }
                },
            });
        }
        return {
            path: file,
            format: 'safetensors',
            tensors,
            metadata,
            sep: detectSep(tensors.keys()),
            close: () => fs.closeSync(fd),
        };
    }
    catch (err) {
        fs.closeSync(fd);
        throw err;
    }
}
/** Header bytes for the given tensors (in the given order), padded with spaces to a multiple of 8. */
export function encodeHeader(tensors, metadata) {
    const header = {};
    if (Object.keys(metadata).length > 0)
        header.__metadata__ = metadata;
    let offset = 0;
    for (const t of tensors) {
        header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.byteLength] };
        offset += t.byteLength;
    }
    let json = JSON.stringify(header);
    const bytes = new TextEncoder().encode(json);
    const padded = bytes.byteLength + ((8 - (bytes.byteLength % 8)) % 8);
    json += ' '.repeat(padded - bytes.byteLength);
    const out = new Uint8Array(8 + padded);
    new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
    out.set(new TextEncoder().encode(json), 8);
    return out;
}
/** Stream `tensors` (in this order) into `file`, atomically. Returns bytes written. */
export async function writeSafetensors(file, tensors, metadata, onProgress) {
    const header = encodeHeader(tensors, metadata);
    const total = header.byteLength + tensors.reduce((s, t) => s + t.byteLength, 0);
    await writeAtomically(file, async (out) => {
        const writer = new PieceWriter(out, total, onProgress);
        writer.writeBytes(header);
        for (const t of tensors)
            await writer.writeTensor(t);
        writer.flush();
    });
    return total;
}
