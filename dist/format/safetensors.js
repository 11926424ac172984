/**
 * safetensors: an 8-byte little-endian header length N, N bytes of JSON header, then the tensor
 * bytes. The reader validates exactly what the reference Rust crate validates (`tensor.rs`),
 * each rule with its own error code, and reads tensor bytes lazily by offset.
 */
import fs from 'node:fs';
import { FormatError, ScanconvError } from '../errors.js';
import { dtypeSize, isDType, numel } from './dtype.js';
import { detectSep } from './types.js';
import { PieceWriter } from './stream.js';
import { writeAtomically } from './atomic.js';
import { lfsPointerError, openRegular, readError } from './files.js';
import { describeJson, isJsonObject, quote, JsonParseError, parseJson } from './jsonParse.js';
export const MAX_HEADER_SIZE = 100_000_000;
export class SafetensorsError extends FormatError {
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
/** serde_json's default recursion limit, which the Rust crate's header parse runs under. */
const MAX_HEADER_DEPTH = 128;
/** Parse and validate a header's JSON text; `dataLength` is the bytes that follow the header. */
export function parseHeader(file, text, dataLength) {
    const fail = (code, detail, tensor) => {
        throw new SafetensorsError(file, code, detail, tensor);
    };
    // A byte-order mark is not JSON to serde_json either, so it fails here too.
    if (!text.startsWith('{'))
        fail('HEADER_START', `header does not start with '{' (got ${quote(text.slice(0, 8))})`);
    const metadataEntries = [];
    const entries = [];
    // The first entry refused, reported once the whole text has parsed (invalid JSON is reported first).
    let refused;
    const refuse = (code, detail, tensor) => {
        refused ??= new SafetensorsError(file, code, detail, tensor);
    };
    // Shapes are shared between entries (a million [4096] are one array): memory stays a small multiple of the header.
    const shapes = new Map();
    const onEntry = (name, info) => {
        if (refused)
            return;
        if (name === '__metadata__') {
            if (!isJsonObject(info))
                return refuse('METADATA_NOT_STRINGS', `__metadata__ must be an object of strings, found ${describeJson(info)}`);
            for (const [k, v] of info) {
                if (typeof v !== 'string')
                    return refuse('METADATA_NOT_STRINGS', `__metadata__ value for "${k}" is not a string: ${describeJson(v)}`);
                metadataEntries.push([k, v]);
            }
            return;
        }
        if (!isJsonObject(info))
            return refuse('HEADER_SCHEMA', `entry is not an object: ${describeJson(info)}`, name);
        const dtype = info.get('dtype');
        const shape = info.get('shape');
        const offsets = info.get('data_offsets');
        if (typeof dtype !== 'string')
            return refuse('HEADER_SCHEMA', 'missing "dtype"', name);
        if (!isDType(dtype))
            return refuse('UNKNOWN_DTYPE', `unknown dtype "${dtype}"`, name);
        if (!Array.isArray(shape) || !shape.every(isNonNegInt))
            return refuse('INVALID_SHAPE', `shape ${describeJson(shape)} is not a list of non-negative integers`, name);
        if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegInt)) {
            return refuse('INVALID_OFFSETS', `data_offsets ${describeJson(offsets)} is not a pair of non-negative integers`, name);
        }
        const [begin, end] = offsets;
        if (end < begin)
            return refuse('INVALID_OFFSETS', `data_offsets [${begin}, ${end}] end before they begin`, name);
        const key = shape.join(',');
        let shared = shapes.get(key);
        if (!shared)
            shapes.set(key, (shared = shape));
        entries.push({ name, dtype, shape: shared, begin, end });
    };
    let raw;
    try {
        // Numbers written as 4.0 stay JsonFloat: serde_json refuses them where the crate wants a usize.
        raw = parseJson(text, { maxDepth: MAX_HEADER_DEPTH, keepFloats: true, onRootEntry: onEntry });
    }
    catch (e) {
        if (!(e instanceof JsonParseError))
            throw e;
        if (e.duplicate?.depth === 1)
            return fail('DUPLICATE_TENSOR', 'appears more than once in the header', e.duplicate.key);
        return fail('HEADER_NOT_JSON', `header is not valid JSON (${e.message})`);
    }
    if (!isJsonObject(raw))
        return fail('HEADER_SCHEMA', 'header is not a JSON object');
    if (refused)
        throw refused;
    shapes.clear();
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
    // fromEntries defines own properties: a "__proto__" key stays a key (assignment would set the prototype).
    return { entries, metadata: Object.fromEntries(metadataEntries) };
}
function readFully(file, fd, buf, position) {
    let done = 0;
    try {
        while (done < buf.byteLength) {
            const got = fs.readSync(fd, buf, done, buf.byteLength - done, position + done);
            if (got === 0)
                throw new SafetensorsError(file, 'HEADER_PAST_EOF', 'file shrank while its header was read');
            done += got;
        }
    }
    catch (e) {
        throw e instanceof ScanconvError ? e : readError(file, e);
    }
}
/**
 * The one `readInto` of every FileTensor. Not a closure per tensor: a header may list a million
 * tensors, and each closure context cost more than the tensor. An own property (not a class
 * method), so that `{ ...ref, name }` keeps a working ref, as it does for every other TensorRef.
 */
function readFileTensor(target, targetOffset, offset, length) {
    const { fd, file, dataStart } = this.source;
    let done = 0;
    while (done < length) {
        const got = fs.readSync(fd, target, targetOffset + done, length - done, dataStart + this.begin + offset + done);
        if (got === 0)
            throw new SafetensorsError(file, 'FILE_LENGTH_MISMATCH', 'file shrank while being read', this.name);
        done += got;
    }
}
const fileTensor = (source, e) => ({
    name: e.name,
    dtype: e.dtype,
    shape: e.shape,
    byteLength: e.end - e.begin,
    source,
    begin: e.begin,
    readInto: readFileTensor,
});
/**
 * Open a .safetensors file: reads and validates the header only. With `pool` (the shards of one
 * checkpoint), the file's descriptor is one of a bounded set, closed and reopened as needed.
 */
export function openSafetensors(file, pool) {
    const { fd, size } = openRegular(file);
    let pooled;
    try {
        const fail = (code, detail) => {
            throw new SafetensorsError(file, code, detail);
        };
        const lfs = lfsPointerError(file, fd, size);
        if (lfs)
            throw lfs;
        if (size < 8)
            fail('HEADER_TOO_SMALL', `file is ${size} bytes, too small for the 8-byte header length`);
        const lenBuf = Buffer.alloc(8);
        readFully(file, fd, lenBuf, 0);
        const n = lenBuf.readBigUInt64LE(0);
        if (n > BigInt(MAX_HEADER_SIZE))
            fail('HEADER_TOO_LARGE', `header length ${n} exceeds the limit of ${MAX_HEADER_SIZE} bytes`);
        const headerLen = Number(n);
        if (8 + headerLen > size)
            fail('HEADER_PAST_EOF', `header length ${headerLen} runs past the end of the file (${size} bytes)`);
        const headerBytes = Buffer.alloc(headerLen);
        readFully(file, fd, headerBytes, 8);
        let text;
        try {
            // ignoreBOM keeps a leading byte-order mark in the text, so it is refused as the Rust crate does.
            text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
        }
        catch {
            return fail('HEADER_NOT_UTF8', 'header is not valid UTF-8');
        }
        const dataStart = 8 + headerLen;
        const { entries, metadata } = parseHeader(file, text, size - dataStart);
        const tensors = new Map();
        pooled = pool?.adopt(file, fd);
        const shard = pooled;
        const source = shard
            ? {
                file,
                dataStart,
                get fd() {
                    return shard.fd;
                },
            }
            : { file, fd, dataStart };
        // File order is header order, which is what users see in other tools.
        for (const e of entries)
            tensors.set(e.name, fileTensor(source, e));
        return {
            path: file,
            format: 'safetensors',
            tensors,
            metadata,
            sep: detectSep(tensors.keys()),
            close: shard ? () => shard.close() : () => fs.closeSync(fd),
        };
    }
    catch (err) {
        if (pooled)
            pooled.close();
        else
            fs.closeSync(fd);
        throw err;
    }
}
/**
 * Header bytes for the given tensors (in the given order), padded with spaces to a multiple of 8.
 * The header is a null-prototype object: a tensor named `__proto__` is then an ordinary key
 * (on `{}` the assignment would set the prototype and drop the tensor from the header).
 */
export function encodeHeader(tensors, metadata) {
    const header = Object.create(null);
    let offset = 0;
    for (const t of tensors) {
        if (t.name === '__metadata__') {
            throw new FormatError(`tensor "__metadata__": safetensors reserves this name for the header's metadata; write this checkpoint as msgpack`, 'NAME_NOT_REPRESENTABLE');
        }
        if (t.name in header)
            throw new FormatError(`tensor "${t.name}": appears twice among the tensors to write`, 'DUPLICATE_TENSOR');
        header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.byteLength] };
        offset += t.byteLength;
    }
    // Last, as the reference writer (the Rust safetensors crate) puts it: a round trip of its files
    // without provenance (convert --no-provenance) gives them back byte for byte.
    if (Object.keys(metadata).length > 0)
        header.__metadata__ = Object.assign(Object.create(null), metadata);
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
export async function writeSafetensors(file, tensors, metadata, onProgress, group) {
    const header = encodeHeader(tensors, metadata);
    const total = header.byteLength + tensors.reduce((s, t) => s + t.byteLength, 0);
    await writeAtomically(file, async (out) => {
        const writer = new PieceWriter(out, total, onProgress);
        writer.writeBytes(header);
        for (const t of tensors)
            await writer.writeTensor(t);
        writer.flush();
    }, group);
    return total;
}
