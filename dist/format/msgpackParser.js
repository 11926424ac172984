/**
 * The msgpack structure parser for Flax checkpoints (msgpack.ts opens the file): maps of maps,
 * ext-type arrays recorded as byte ranges (never read), everything else skipped unread, under
 * hostile-input limits (depth, map entries, key bytes, rank). Also used for Orbax's legacy
 * msgpack `checkpoint` file (orbax/open.ts).
 */
import { FormatError } from '../errors.js';
import { dtypeSize, numel } from './dtype.js';
export class MsgpackError extends FormatError {
    constructor(file, code, detail, key) {
        super(`${file}: ${key ? `"${key}": ` : ''}${detail}`, code);
    }
}
/** numpy dtype names (as Flax writes them) <-> safetensors dtypes. */
const NUMPY_TO_DTYPE = new Map([
    ['float32', 'F32'], ['float64', 'F64'], ['float16', 'F16'], ['bfloat16', 'BF16'], ['int8', 'I8'], ['int16', 'I16'], ['int32', 'I32'], ['int64', 'I64'],
    ['uint8', 'U8'], ['uint16', 'U16'], ['uint32', 'U32'], ['uint64', 'U64'], ['bool', 'BOOL'], ['complex64', 'C64'], ['float8_e4m3fn', 'F8_E4M3'], ['float8_e5m2', 'F8_E5M2'],
]);
export const DTYPE_TO_NUMPY = Object.fromEntries([...NUMPY_TO_DTYPE].map(([k, v]) => [v, k]));
export const MAX_CHUNK_SIZE = 2 ** 30;
export const MAX_DEPTH = 64;
/** Entries of all maps together (see the file comment). */
export const MAX_MAP_ENTRIES = 1_000_000;
/** numpy allows 64 dimensions (32 before numpy 2). */
export const MAX_RANK = 64;
/** Longest map key read; tensor names are far shorter. */
const MAX_KEY_BYTES = 1 << 16;
/** The key of a Flax array split into chunks (arrays over MAX_CHUNK_SIZE bytes). */
export const CHUNK_MARKER = '__msgpack_chunked_array__';
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const SKIPPED = new Map();
export const isMap = (v) => v instanceof Map;
export const isTensor = (v) => typeof v === 'object' && v !== null && !(v instanceof Map) && v.kind === 'tensor';
export const describe = (v) => (isMap(v) ? 'a map' : isTensor(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? v.what : `a ${typeof v}`);
export class Parser {
    c;
    file;
    keepStrings;
    entries = 0;
    constructor(c, file, 
    /** Orbax/T5X trees: keep short strings (`PLACEHOLDER://a`, tensorstore specs) and read lists as {"0": ..} maps. */
    keepStrings = false) {
        this.c = c;
        this.file = file;
        this.keepStrings = keepStrings;
    }
    fail(code, detail, key) {
        throw new MsgpackError(this.file, code, detail, key);
    }
    /** The state dict: a map, refused at its first byte otherwise. */
    root() {
        const b = this.c.peek();
        if (!((b >= 0x80 && b <= 0x8f) || b === 0xde || b === 0xdf))
            this.fail('NOT_A_MAP', 'a Flax checkpoint is a msgpack map (the state dict)');
        return this.value('');
    }
    /** Read one value; `path` only names errors. */
    value(path, depth = 0) {
        if (depth > MAX_DEPTH)
            this.fail('TOO_DEEP', `nesting deeper than ${MAX_DEPTH} levels`, path);
        const c = this.c;
        const at = c.pos;
        const b = c.u8();
        if (b <= 0x7f)
            return b;
        if (b >= 0xe0)
            return b - 0x100;
        if (b >= 0x80 && b <= 0x8f)
            return this.map(b & 0x0f, path, depth);
        if (this.keepStrings && ((b >= 0x90 && b <= 0x9f) || b === 0xdc || b === 0xdd))
            return this.list(b <= 0x9f ? b & 0x0f : c.uint(b === 0xdc ? 2 : 4), path, depth);
        if ((b >= 0x90 && b <= 0x9f) || b === 0xdc || b === 0xdd) {
            // Flax stores lists and tuples as {"0": ..} maps; a msgpack list is never part of a state dict.
            return this.fail('NOT_AN_ARRAY', 'is a msgpack list, not an array; scanconv converts trees of arrays', path);
        }
        if (b >= 0xa0 && b <= 0xbf)
            return this.passOver(b & 0x1f, 'a string');
        switch (b) {
            case 0xc0: return null;
            case 0xc2: return false;
            case 0xc3: return true;
            case 0xc4:
            case 0xc5:
            case 0xc6: return this.passOver(c.uint(b === 0xc4 ? 1 : b === 0xc5 ? 2 : 4), 'a byte string');
            case 0xc7:
            case 0xc8:
            case 0xc9: return this.ext(c.uint(b === 0xc7 ? 1 : b === 0xc8 ? 2 : 4), path);
            case 0xca: return c.float(4);
            case 0xcb: return c.float(8);
            case 0xcc: return c.uint(1);
            case 0xcd: return c.uint(2);
            case 0xce: return c.uint(4);
            case 0xcf: return c.uint(8);
            case 0xd0: return c.int(1);
            case 0xd1: return c.int(2);
            case 0xd2: return c.int(4);
            case 0xd3: return c.int(8);
            case 0xd4:
            case 0xd5:
            case 0xd6:
            case 0xd7:
            case 0xd8: return this.ext(1 << (b - 0xd4), path);
            case 0xd9:
            case 0xda:
            case 0xdb: return this.passOver(c.uint(b === 0xd9 ? 1 : b === 0xda ? 2 : 4), 'a string');
            case 0xde:
            case 0xdf: return this.map(c.uint(b === 0xde ? 2 : 4), path, depth);
            default: return this.fail('BAD_BYTE', `byte 0x${b.toString(16)} at offset ${at} is not a msgpack type`, path);
        }
    }
    passOver(n, what) {
        if (this.keepStrings && what === 'a string' && n <= MAX_KEY_BYTES)
            return { kind: 'other', what, text: this.c.bytes(n).toString('utf8') };
        this.c.advance(n);
        // One shared object per kind: a map of a million strings must not cost a million objects.
        let v = SKIPPED.get(what);
        if (!v)
            SKIPPED.set(what, (v = { kind: 'other', what }));
        return v;
    }
    /** A map key: a string (or an integer, as msgpack allows), read whole but bounded. */
    key(path) {
        const c = this.c;
        const b = c.u8();
        let n;
        if (b >= 0xa0 && b <= 0xbf)
            n = b & 0x1f;
        else if (b === 0xd9 || b === 0xda || b === 0xdb)
            n = c.uint(b === 0xd9 ? 1 : b === 0xda ? 2 : 4);
        else if (b <= 0x7f)
            return String(b);
        else if (b >= 0xe0)
            return String(b - 0x100);
        else if (b >= 0xcc && b <= 0xd3)
            return String(b <= 0xcf ? c.uint((1 << (b - 0xcc))) : c.int((1 << (b - 0xd0))));
        else
            return this.fail('BAD_KEY', 'map keys must be strings', path);
        if (n > MAX_KEY_BYTES)
            this.fail('BAD_KEY', `a key of ${n} bytes is longer than the limit of ${MAX_KEY_BYTES}`, path);
        const bytes = c.bytes(n);
        try {
            // fatal: invalid UTF-8 would otherwise become U+FFFD, a tensor renamed without a word (Python's msgpack refuses it too).
            return UTF8.decode(bytes);
        }
        catch {
            return this.fail('BAD_KEY', `a key is not valid UTF-8 (bytes ${bytes.subarray(0, 16).toString('hex')}${n > 16 ? '…' : ''})`, path);
        }
    }
    list(n, path, depth) {
        this.entries += n;
        if (this.entries > MAX_MAP_ENTRIES)
            this.fail('TOO_MANY_ENTRIES', `the structure holds more than ${MAX_MAP_ENTRIES} entries`, path);
        const out = new Map();
        for (let i = 0; i < n; i++)
            out.set(String(i), this.value(`${path}/${i}`, depth + 1));
        return out;
    }
    map(n, path, depth) {
        this.entries += n;
        if (this.entries > MAX_MAP_ENTRIES) {
            this.fail('TOO_MANY_ENTRIES', `the structure holds more than ${MAX_MAP_ENTRIES} map entries (tensors, subtrees, chunks), more than any real checkpoint`, path);
        }
        const out = new Map();
        for (let i = 0; i < n; i++) {
            const key = this.key(path);
            const child = path ? `${path}/${key}` : key;
            // A repeated key would make one of the two tensors disappear.
            if (out.has(key))
                this.fail('DUPLICATE_KEY', 'appears twice in one map; one of its tensors would be lost', child);
            out.set(key, this.value(child, depth + 1));
        }
        return out;
    }
    /** Ext type 1/3: msgpack (shape, dtype, bytes) whose bytes we locate but do not read. */
    ext(len, path) {
        const c = this.c;
        const type = c.int(1);
        const end = c.pos + len;
        if (type !== 1 && type !== 3)
            return this.passOver(len, `an ext type ${type} value`);
        const bad = (why) => this.fail('BAD_ARRAY', `array payload is malformed: ${why}`, path);
        if (c.u8() !== 0x93)
            bad('expected (shape, dtype, bytes)');
        const shape = this.shape(bad);
        const tagN = c.u8();
        const nameLen = tagN >= 0xa0 && tagN <= 0xbf ? tagN & 0x1f : tagN === 0xd9 ? c.uint(1) : tagN === 0xc4 ? c.uint(1) : bad('dtype is not a short string');
        const name = c.bytes(nameLen).toString('latin1');
        const dtype = NUMPY_TO_DTYPE.get(name);
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
        return { kind: 'tensor', dtype: dtype, shape, offset, length };
    }
    /** An ext array's shape: a msgpack list of at most MAX_RANK non-negative integers. */
    shape(bad) {
        const c = this.c;
        const b = c.u8();
        const rank = b >= 0x90 && b <= 0x9f ? b & 0x0f : b === 0xdc ? c.uint(2) : b === 0xdd ? c.uint(4) : bad('shape is not a list');
        if (rank > MAX_RANK)
            bad(`shape has ${rank} dimensions, more than ${MAX_RANK}`);
        const shape = [];
        for (let i = 0; i < rank; i++) {
            const t = c.u8();
            const d = t <= 0x7f ? t : t === 0xcc ? c.uint(1) : t === 0xcd ? c.uint(2) : t === 0xce ? c.uint(4) : t === 0xcf ? c.uint(8) : t >= 0xd0 && t <= 0xd3 ? c.int((1 << (t - 0xd0))) : -1;
            if (!Number.isSafeInteger(d) || d < 0)
                bad('shape is not a list of non-negative integers');
            shape.push(d);
        }
        return shape;
    }
}
