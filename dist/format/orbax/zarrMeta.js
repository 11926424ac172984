/**
 * zarr array metadata, v2 (`.zarray`, or a T5X tensorstore spec's `metadata`) and v3
 * (`zarr.json`, optionally `sharding_indexed`), turned into one ArraySpec: dtype, shape, the
 * chunk grid scanconv reads by (a shard's inner chunks for sharded arrays), codecs, fill value.
 * Anything outside what tensorstore and Orbax write (filters, F order, blosc, transpose) is
 * refused by name rather than misread.
 */
import { dtypeSize } from '../dtype.js';
import { f32ToBf16Bits, f32ToF16Bits } from '../floats.js';
import { isJsonObject, JsonFloat } from '../jsonParse.js';
import { OrbaxError } from './errors.js';
/** Elements of one chunk; chunks over this many bytes are refused (one is held in memory at a time). */
export const MAX_CHUNK_BYTES = 2 ** 31 - 1;
/** Grid chunks of one array (check walks all of them). */
export const MAX_GRID_CHUNKS = 1 << 24;
const MAX_RANK = 32;
const V2_KINDS = {
    b: { 1: 'BOOL' },
    i: { 1: 'I8', 2: 'I16', 4: 'I32', 8: 'I64' },
    u: { 1: 'U8', 2: 'U16', 4: 'U32', 8: 'U64' },
    f: { 2: 'F16', 4: 'F32', 8: 'F64' },
    c: { 8: 'C64' },
};
const NAMED = {
    bool: 'BOOL', int8: 'I8', int16: 'I16', int32: 'I32', int64: 'I64', uint8: 'U8', uint16: 'U16', uint32: 'U32', uint64: 'U64',
    float16: 'F16', bfloat16: 'BF16', float32: 'F32', float64: 'F64', complex64: 'C64', float8_e4m3fn: 'F8_E4M3', float8_e5m2: 'F8_E5M2',
};
function failer(where) {
    return (code, detail) => {
        throw new OrbaxError(where, code, detail);
    };
}
function field(o, name) {
    return o.get(name);
}
function intList(v, what, fail, min) {
    if (!Array.isArray(v) || v.length > MAX_RANK)
        return fail('BAD_METADATA', `${what} is not a list of at most ${MAX_RANK} integers`);
    return v.map((d) => (typeof d === 'number' && Number.isSafeInteger(d) && d >= min ? d : fail('BAD_SHAPE', `${what} holds ${String(d)}, not an integer >= ${min}`)));
}
/** zarr v2 dtype string: `<f4`, `|b1`, or tensorstore's `bfloat16` / `float8_*` names. */
export function parseDtype(text, fail) {
    if (typeof text !== 'string')
        return fail('UNKNOWN_DTYPE', `dtype ${String(text)} is not a string`);
    const named = Object.prototype.hasOwnProperty.call(NAMED, text) ? NAMED[text] : undefined;
    if (named)
        return { dtype: named, bigEndian: false };
    const m = /^([<>|])([biufc])(\d+)$/.exec(text);
    const dtype = m ? V2_KINDS[m[2]][Number(m[3])] : undefined;
    if (!m || !dtype)
        return fail('UNKNOWN_DTYPE', `dtype ${JSON.stringify(text)} is not one scanconv reads`);
    return { dtype, bigEndian: m[1] === '>' && dtypeSize(dtype) > 1 };
}
function checkShape(shape, chunks, dtype, fail) {
    if (chunks.length !== shape.length)
        fail('BAD_SHAPE', `chunks [${chunks.join(', ')}] and shape [${shape.join(', ')}] differ in rank`);
    let total = dtypeSize(dtype);
    let chunkBytes = dtypeSize(dtype);
    let grid = 1;
    shape.forEach((d, i) => {
        total *= d;
        chunkBytes *= chunks[i];
        grid *= Math.ceil(d / chunks[i]);
    });
    if (!Number.isSafeInteger(total))
        fail('BAD_SHAPE', `shape [${shape.join(', ')}] holds more bytes than 2^53`);
    if (chunkBytes > MAX_CHUNK_BYTES)
        fail('BAD_SHAPE', `a chunk [${chunks.join(', ')}] of ${dtype} is over ${MAX_CHUNK_BYTES} bytes`);
    if (grid > MAX_GRID_CHUNKS)
        fail('BAD_SHAPE', `${grid} chunks, over the limit of ${MAX_GRID_CHUNKS}`);
}
/** The bytes of `value` as one element of `dtype` (little-endian). */
function fillBytes(value, dtype, fail) {
    const size = dtypeSize(dtype);
    const out = new Uint8Array(size);
    const dv = new DataView(out.buffer);
    if (value === null || value === undefined)
        return out;
    if (typeof value === 'string' && /^0x[0-9a-fA-F]+$/.test(value)) {
        const hex = value.slice(2).padStart(size * 2, '0');
        if (hex.length !== size * 2)
            fail('BAD_METADATA', `fill_value ${value} is not ${size} bytes`);
        for (let i = 0; i < size; i++)
            out[size - 1 - i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
        return out;
    }
    // A hostile fill value may be a list of a million entries: the message shows its start.
    const shown = () => (JSON.stringify(value) ?? String(value)).slice(0, 60);
    const numberOf = (v) => typeof v === 'boolean' ? Number(v) : v instanceof JsonFloat ? v.value : typeof v === 'number' ? v
        : v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : fail('BAD_METADATA', `fill_value ${shown()} is not a number`);
    // Complex: [real, imaginary] (zarr v2 as zarr-python writes it, and zarr v3), or a real number.
    if (dtype === 'C64' && Array.isArray(value)) {
        if (value.length !== 2)
            fail('BAD_METADATA', `fill_value ${shown()} is not [real, imaginary]`);
        dv.setFloat32(0, numberOf(value[0]), true);
        dv.setFloat32(4, numberOf(value[1]), true);
        return out;
    }
    const num = numberOf(value);
    switch (dtype) {
        case 'F64':
            dv.setFloat64(0, num, true);
            break;
        case 'F32':
            dv.setFloat32(0, num, true);
            break;
        case 'F16':
            dv.setUint16(0, f32ToF16Bits(num), true);
            break;
        case 'BF16':
            dv.setUint16(0, f32ToBf16Bits(num), true);
            break;
        case 'C64':
            dv.setFloat32(0, num, true);
            break;
        default:
            if (!Number.isSafeInteger(num))
                fail('BAD_METADATA', `fill_value ${num} is not an integer for ${dtype}`);
            if (size === 8)
                dv.setBigUint64(0, BigInt.asUintN(64, BigInt(num)), true);
            else
                for (let i = 0, v = num < 0 ? 2 ** (8 * size) + num : num; i < size; i++, v = Math.floor(v / 256))
                    out[i] = v % 256;
    }
    return out;
}
function v2Compressor(c, fail) {
    if (c === null || c === undefined)
        return [];
    if (!isJsonObject(c))
        return fail('BAD_METADATA', 'compressor is not an object');
    const id = field(c, 'id');
    if (id === 'zstd' || id === 'gzip' || id === 'zlib')
        return [id];
    return fail('UNSUPPORTED', `compressor ${JSON.stringify(id)} (zstd, gzip, zlib or none are read)`);
}
/** zarr v2 metadata (a `.zarray`, or the `metadata` of a T5X tensorstore spec with its dtype). */
export function parseZarrV2(meta, where, dtypeOverride) {
    const fail = failer(where);
    const shape = intList(field(meta, 'shape'), 'shape', fail, 0);
    const chunks = intList(field(meta, 'chunks'), 'chunks', fail, 1);
    const { dtype, bigEndian } = parseDtype(dtypeOverride ?? field(meta, 'dtype'), fail);
    checkShape(shape, chunks, dtype, fail);
    const order = field(meta, 'order') ?? 'C';
    if (order !== 'C')
        fail('UNSUPPORTED', `order ${JSON.stringify(order)} (only C order is read)`);
    const filters = field(meta, 'filters');
    if (filters !== undefined && filters !== null && !(Array.isArray(filters) && filters.length === 0))
        fail('UNSUPPORTED', 'zarr filters (none are read)');
    const sep = field(meta, 'dimension_separator') ?? '.';
    if (sep !== '.' && sep !== '/')
        fail('BAD_METADATA', `dimension_separator ${JSON.stringify(sep)} is not "." or "/"`);
    const codecs = v2Compressor(field(meta, 'compressor'), fail);
    return {
        zarrFormat: 2, dtype, bigEndian, shape, chunks, codecs,
        key: (grid) => (grid.length ? grid.join(sep) : '0'),
        fill: fillBytes(field(meta, 'fill_value'), dtype, fail),
        compression: codecs[0] ?? 'none',
    };
}
function configOf(codec) {
    const c = codec.get('configuration');
    return isJsonObject(c) ? c : new Map();
}
/** A v3 codec list: `bytes` (little endian) then zstd/gzip/crc32c; returns the bytes-to-bytes part. */
function v3Codecs(list, fail, what) {
    if (!Array.isArray(list) || list.length === 0)
        return fail('BAD_METADATA', `${what} is not a list of codecs`);
    const codecs = [];
    let bigEndian = false;
    let sharding;
    list.forEach((codec, i) => {
        if (!isJsonObject(codec))
            return fail('BAD_METADATA', `${what}[${i}] is not an object`);
        const name = codec.get('name');
        if (i === 0) {
            if (name === 'bytes')
                bigEndian = configOf(codec).get('endian') === 'big';
            else if (name === 'sharding_indexed')
                sharding = configOf(codec);
            else
                fail('UNSUPPORTED', `${what} starts with codec ${JSON.stringify(name)} (bytes or sharding_indexed are read)`);
            return;
        }
        if (sharding)
            fail('UNSUPPORTED', `codec ${JSON.stringify(name)} after sharding_indexed`);
        if (name === 'zstd' || name === 'gzip' || name === 'crc32c')
            codecs.push(name);
        else
            fail('UNSUPPORTED', `codec ${JSON.stringify(name)} in ${what} (bytes, zstd, gzip, crc32c, sharding_indexed are read)`);
    });
    return { codecs, bigEndian, sharding };
}
/** zarr v3 `zarr.json` of an array. */
export function parseZarrV3(meta, where) {
    const fail = failer(where);
    if (meta.get('node_type') !== 'array')
        fail('BAD_METADATA', `node_type ${JSON.stringify(meta.get('node_type'))} is not "array"`);
    const shape = intList(meta.get('shape'), 'shape', fail, 0);
    const { dtype } = parseDtype(meta.get('data_type'), fail);
    const grid = meta.get('chunk_grid');
    if (!isJsonObject(grid) || grid.get('name') !== 'regular')
        fail('UNSUPPORTED', 'chunk_grid is not "regular"');
    const outer = intList(configOf(grid).get('chunk_shape'), 'chunk_shape', fail, 1);
    const enc = meta.get('chunk_key_encoding');
    const encName = isJsonObject(enc) ? enc.get('name') : 'default';
    const sepV = isJsonObject(enc) ? configOf(enc).get('separator') : undefined;
    const sep = sepV ?? (encName === 'v2' ? '.' : '/');
    if ((encName !== 'default' && encName !== 'v2') || (sep !== '.' && sep !== '/'))
        fail('UNSUPPORTED', 'chunk_key_encoding is not "default" or "v2" with "." or "/"');
    const top = v3Codecs(meta.get('codecs'), fail, 'codecs');
    let chunks = outer;
    let codecs = top.codecs;
    let bigEndian = top.bigEndian;
    let shard;
    if (top.sharding) {
        const inner = intList(top.sharding.get('chunk_shape'), 'sharding chunk_shape', fail, 1);
        if (inner.length !== outer.length || inner.some((d, i) => outer[i] % d !== 0))
            fail('BAD_SHAPE', `inner chunks [${inner.join(', ')}] do not divide shards [${outer.join(', ')}]`);
        const innerCodecs = v3Codecs(top.sharding.get('codecs'), fail, 'sharding codecs');
        if (innerCodecs.sharding)
            fail('UNSUPPORTED', 'nested sharding');
        const index = v3Codecs(top.sharding.get('index_codecs'), fail, 'index_codecs');
        if (index.bigEndian || index.codecs.some((c) => c !== 'crc32c'))
            fail('UNSUPPORTED', 'index_codecs other than bytes (little endian) and crc32c');
        const loc = top.sharding.get('index_location') ?? 'end';
        if (loc !== 'end' && loc !== 'start')
            fail('BAD_METADATA', `index_location ${JSON.stringify(loc)}`);
        chunks = inner;
        codecs = innerCodecs.codecs;
        bigEndian = innerCodecs.bigEndian;
        shard = { perShard: outer.map((d, i) => d / inner[i]), codecs, indexCrc: index.codecs.length > 0, indexAtEnd: loc === 'end' };
        checkShape(shape, outer, dtype, (code, detail) => (code === 'BAD_SHAPE' && detail.includes('chunk [') ? undefined : fail(code, detail)));
    }
    checkShape(shape, chunks, dtype, fail);
    const compressed = codecs.filter((c) => c !== 'crc32c')[0] ?? 'none';
    return {
        zarrFormat: 3, dtype, bigEndian: bigEndian && dtypeSize(dtype) > 1, shape, chunks, codecs, shard,
        key: encName === 'v2' ? (g) => (g.length ? g.join(sep) : '0') : (g) => ['c', ...g].join(sep),
        fill: fillBytes(meta.get('fill_value'), dtype, fail),
        compression: shard ? `sharded(${compressed})` : compressed,
    };
}
