/**
 * Flax's native checkpoint: `flax.serialization.to_bytes`, i.e. msgpack of the state dict where
 * each array is ext type 1 (3 = numpy scalar) holding msgpack `(shape, dtype name, C-order
 * bytes)`; arrays over 2^30 bytes are split into `{"__msgpack_chunked_array__": true, "shape":
 * {"0": ..}, "chunks": {"0": 1-D array, ..}}`; lists appear as {"0": .., "1": ..} maps.
 * The reader parses the structure only and records where each array's bytes are.
 */
import fs from 'node:fs';
import { ScanconvError } from '../errors.js';
import { dtypeSize, numel } from './dtype.js';
import { FileCursor } from './msgpackCursor.js';
export class MsgpackError extends ScanconvError {
    constructor(file, code, detail, key) {
        super(`${file}: ${key ? `"${key}": ` : ''}${detail}`, code);
    }
}
/** numpy dtype names (as Flax writes them) <-> safetensors dtypes. */
const NUMPY_TO_DTYPE = {
    float32: 'F32', float64: 'F64', float16: 'F16', bfloat16: 'BF16', int8: 'I8', int16: 'I16', int32: 'I32', int64: 'I64',
    uint8: 'U8', uint16: 'U16', uint32: 'U32', uint64: 'U64', bool: 'BOOL', complex64: 'C64', float8_e4m3fn: 'F8_E4M3', float8_e5m2: 'F8_E5M2',
};
export const DTYPE_TO_NUMPY = Object.fromEntries(Object.entries(NUMPY_TO_DTYPE).map(([k, v]) => [v, k]));
export const MAX_CHUNK_SIZE = 2 ** 30;
const MAX_DEPTH = 64;
class Parser {
    c;
    file;
    constructor(c, file) {
        this.c = c;
        this.file = file;
    }
    fail(code, detail, key) {
        throw new MsgpackError(this.file, code, detail, key);
    }
    /** Read one value; `path` only names errors. */
    value(path, depth = 0) {
        if (depth > MAX_DEPTH)
            this.fail('TOO_DEEP', `nesting deeper than ${MAX_DEPTH} levels`, path);
        const c = this.c;
        const at = c.pos;
        const b = c.u8();
        if (b <= 0x7f)
            return { kind: 'scalar', value: b };
        if (b >= 0xe0)
            return { kind: 'scalar', value: b - 0x100 };
        if (b >= 0x80 && b <= 0x8f)
            return this.map(b & 0x0f, path, depth);
        if (b >= 0x90 && b <= 0x9f)
            return this.array(b & 0x0f, path, depth);
        if (b >= 0xa0 && b <= 0xbf)
            return { kind: 'scalar', value: c.bytes(b & 0x1f).toString('utf8') };
        switch (b) {
            case 0xc0: return { kind: 'scalar', value: null };
            case 0xc2: return { kind: 'scalar', value: false };
            case 0xc3: return { kind: 'scalar', value: true };
            case 0xc4:
            case 0xc5:
            case 0xc6: return { kind: 'scalar', value: c.bytes(c.uint(b === 0xc4 ? 1 : b === 0xc5 ? 2 : 4)) };
            case 0xc7:
            case 0xc8:
            case 0xc9: return this.ext(c.uint(b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4), path);
            case 0xca: return { kind: 'scalar', value: c.float(4) };
            case 0xcb: return { kind: 'scalar', value: c.float(8) };
            case 0xcc: return { kind: 'scalar', value: c.uint(1) };
            case 0xcd: return { kind: 'scalar', value: c.uint(2) };
            case 0xce: return { kind: 'scalar', value: c.uint(4) };
            case 0xcf: return { kind: 'scalar', value: c.uint(8) };
            case 0xd0: return { kind: 'scalar', value: c.int(1) };
            case 0xd1: return { kind: 'scalar', value: c.int(2) };
            case 0xd2: return { kind: 'scalar', value: c.int(4) };
            case 0xd3: return { kind: 'scalar', value: c.int(8) };
            case 0xd4:
            case 0xd5:
            case 0xd6:
            case 0xd7:
            case 0xd8: return this.ext(1 << (b - 0xd4), path);
            case 0xd9:
            case 0xda:
            case 0xdb: return { kind: 'scalar', value: c.bytes(c.uint(b === 0xd9 ? 1 : b === 0xda ? 2 : 4)).toString('utf8') };
            case 0xdc:
            case 0xdd: return this.array(c.uint(b === 0xdc ? 2 : 4), path, depth);
            case 0xde:
            case 0xdf: return this.map(c.uint(b === 0xde ? 2 : 4), path, depth);
            default: return this.fail('BAD_BYTE', `byte 0x${b.toString(16)} at offset ${at} is not a msgpack type`, path);
        }
    }
    map(n, path, depth) {
        const entries = [];
        for (let i = 0; i < n; i++) {
            const k = this.value(path, depth + 1);
            if (k.kind !== 'scalar' || (typeof k.value !== 'string' && typeof k.value !== 'number'))
                this.fail('BAD_KEY', 'map keys must be strings', path);
            const key = String(k.value);
            entries.push([key, this.value(path ? `${path}/${key}` : key, depth + 1)]);
        }
        return { kind: 'map', entries };
    }
    array(n, path, depth) {
        const items = [];
        for (let i = 0; i < n; i++)
            items.push(this.value(`${path}[${i}]`, depth + 1));
        return { kind: 'array', items };
    }
    /** Ext type 1/3: msgpack (shape, dtype, bytes) whose bytes we locate but do not read. */
    ext(len, path) {
        const c = this.c;
        const type = c.int(1);
        const end = c.pos + len;
        if (type !== 1 && type !== 3) {
            c.advance(len);
            return { kind: 'scalar', value: `ext${type}` };
        }
        const bad = (why) => this.fail('BAD_ARRAY', `array payload is malformed: ${why}`, path);
        if (c.u8() !== 0x93)
            bad('expected (shape, dtype, bytes)');
        const shapeV = this.value(path, MAX_DEPTH - 2);
        if (shapeV.kind !== 'array' || !shapeV.items.every((v) => v.kind === 'scalar' && Number.isSafeInteger(v.value) && v.value >= 0))
            bad('shape is not a list of non-negative integers');
        const shape = shapeV.items.map((v) => v.value);
        const nameV = this.value(path, MAX_DEPTH - 2);
        const name = nameV.kind === 'scalar' ? (Buffer.isBuffer(nameV.value) ? nameV.value.toString('latin1') : String(nameV.value)) : bad('dtype is not a string');
        const dtype = NUMPY_TO_DTYPE[name];
        if (!dtype)
            this.fail('UNKNOWN_DTYPE', `unknown dtype "${name}"`, path);
        const tag = c.u8();
        const length = tag === 0xc4 ? c.uint(1) : tag === 0xc5 ? c.uint(2) : tag === 0xc6 ? c.uint(4) : bad('data is not a byte string');
        const offset = c.pos;
        c.advance(length);
        if (c.pos !== end)
            bad(`ext length ${len} does not match its contents`);
        const need = numel(shape) * dtypeSize(dtype);
        if (need !== length)
            this.fail('SIZE_MISMATCH', `shape [${shape.join(', ')}] of ${name} needs ${need} bytes but holds ${length}`, path);
        return { kind: 'tensor', dtype, shape, offset, length };
    }
}
function fileRef(fd, name, dtype, shape, runs) {
    const byteLength = runs.reduce((s, r) => s + r.length, 0);
    return {
        name,
        dtype,
        shape,
        byteLength,
        readInto(target, targetOffset, offset, length) {
            let pos = 0;
            for (const r of runs) {
                const from = Math.max(offset, pos);
                const to = Math.min(offset + length, pos + r.length);
                if (from < to)
                    fs.readSync(fd, target, targetOffset + (from - offset), to - from, r.offset + (from - pos));
                pos += r.length;
            }
        },
    };
}
export function openMsgpack(file, sep = '.') {
    const fd = fs.openSync(file, 'r');
    try {
        const size = fs.fstatSync(fd).size;
        const cursor = new FileCursor(fd, size, (need) => {
            throw new MsgpackError(file, 'TRUNCATED', `file ends at ${size} bytes but the data needs ${need}`);
        });
        const parser = new Parser(cursor, file);
        const root = parser.value('');
        if (cursor.pos !== size)
            parser.fail('TRAILING_BYTES', `${size - cursor.pos} bytes after the end of the state dict`);
        if (root.kind !== 'map')
            parser.fail('NOT_A_MAP', 'a Flax checkpoint is a msgpack map (the state dict)');
        const tensors = new Map();
        const visit = (v, path) => {
            const key = path.join(sep);
            if (v.kind === 'tensor') {
                tensors.set(key, fileRef(fd, key, v.dtype, v.shape, [{ offset: v.offset, length: v.length }]));
            }
            else if (v.kind === 'map' && v.entries.some(([k]) => k === '__msgpack_chunked_array__')) {
                tensors.set(key, unchunk(v, key, file, fd));
            }
            else if (v.kind === 'map') {
                for (const [k, child] of v.entries)
                    visit(child, [...path, k]);
            }
            else {
                parser.fail('NOT_AN_ARRAY', `is a ${v.kind === 'array' ? 'list' : typeof v.value}, not an array; scanconv converts trees of arrays`, key);
            }
        };
        visit(root, []);
        return { path: file, format: 'msgpack', tensors, metadata: {}, sep, close: () => fs.closeSync(fd) };
    }
    catch (err) {
        fs.closeSync(fd);
        throw err;
    }
}
function unchunk(v, key, file, fd) {
    const get = (k) => v.entries.find(([name]) => name === k)?.[1];
    const fail = (why) => {
        throw new MsgpackError(file, 'BAD_CHUNKS', `chunked array is malformed: ${why}`, key);
    };
    const shapeV = get('shape');
    const chunksV = get('chunks');
    if (shapeV?.kind !== 'map' || chunksV?.kind !== 'map')
        return fail('needs "shape" and "chunks" maps');
    const ordered = (m) => m.entries.map((_, i) => m.entries.find(([k]) => k === String(i))?.[1] ?? fail(`missing entry "${i}"`));
    const shape = ordered(shapeV).map((d) => (d.kind === 'scalar' && Number.isSafeInteger(d.value) ? d.value : fail('shape entries must be integers')));
    const chunks = ordered(chunksV).map((ch) => (ch.kind === 'tensor' ? ch : fail('chunks must be arrays')));
    const dtype = chunks[0]?.dtype ?? fail('no chunks');
    if (chunks.some((ch) => ch.dtype !== dtype))
        fail('chunks have different dtypes');
    const total = chunks.reduce((s, ch) => s + ch.length, 0);
    if (total !== numel(shape) * dtypeSize(dtype))
        fail(`chunks hold ${total} bytes but shape [${shape.join(', ')}] needs ${numel(shape) * dtypeSize(dtype)}`);
    return fileRef(fd, key, dtype, shape, chunks);
}
