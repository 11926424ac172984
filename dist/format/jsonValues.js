/**
 * Tensor values <-> JSON values for JSON checkpoints: numbers for the numeric dtypes (non-finite
 * floats as the strings "NaN", "Infinity", "-Infinity"; 64-bit integers as decimal strings),
 * base64 for anything that would not survive as numbers. Every value read is checked against its
 * dtype: `1.5` or `"abc"` as I64, 300 as U8 are refused, never truncated or wrapped.
 */
import { dtypeSize } from './dtype.js';
import { bf16BitsToF32, f16BitsToF32, f32ToBf16Bits, f32ToF16Bits } from './floats.js';
const NON_FINITE = new Map([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]]);
const INT_RANGE = {
    I8: [-128, 127], U8: [0, 255], BOOL: [0, 1], I16: [-32768, 32767], U16: [0, 65535], I32: [-(2 ** 31), 2 ** 31 - 1], U32: [0, 2 ** 32 - 1],
};
const BIG_RANGE = {
    I64: [-(2n ** 63n), 2n ** 63n - 1n],
    U64: [0n, 2n ** 64n - 1n],
};
const show = (v) => (typeof v === 'object' && v !== null ? (Array.isArray(v) ? 'a list' : 'an object') : JSON.stringify(v));
const FLOAT_MAX = { F32: 3.4028234663852886e38, BF16: 3.3895313892515355e38, F16: 65504, F64: Number.MAX_VALUE };
/**
 * A JSON number as a float of `dtype`. A finite number that the dtype can only hold as Inf
 * (`1e40` as F32, `70000` as F16) is refused, never written as Inf; so is a number literal too
 * large for a double (`1e400`, which parses as Infinity). Inf and NaN come only from the strings.
 */
function toFloatOf(dtype, v, fail) {
    const x = toFloat(v, fail);
    if (typeof v === 'number' && !Number.isFinite(x))
        return fail(`${show(v)} is out of range for ${dtype}; write "Infinity" or "-Infinity" for an infinity`);
    if (Number.isFinite(x) && !Number.isFinite(narrowed(dtype, x))) {
        return fail(`${show(v)} is out of range for ${dtype} (largest finite value ${FLOAT_MAX[dtype]}); it would be stored as ${x > 0 ? '' : '-'}Infinity`);
    }
    return x;
}
/** The value `x` becomes once stored as `dtype`. */
function narrowed(dtype, x) {
    if (dtype === 'F32')
        return Math.fround(x);
    if (dtype === 'BF16')
        return bf16BitsToF32(f32ToBf16Bits(x));
    if (dtype === 'F16')
        return f16BitsToF32(f32ToF16Bits(x));
    return x;
}
function toFloat(v, fail) {
    if (typeof v === 'number')
        return v;
    if (typeof v === 'boolean')
        return v ? 1 : 0;
    if (typeof v === 'string') {
        const special = NON_FINITE.get(v);
        if (special !== undefined)
            return special;
        if (/^-?\d+$/.test(v))
            return Number(v);
    }
    return fail(`expected a number, found ${show(v)}`);
}
function toInt(dtype, v, fail) {
    const n = typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
    const [lo, hi] = INT_RANGE[dtype];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < lo || n > hi)
        return fail(`expected an integer in [${lo}, ${hi}] for ${dtype}, found ${show(v)}`);
    return n;
}
function toBig(dtype, v, fail) {
    const [lo, hi] = BIG_RANGE[dtype];
    let big;
    if (typeof v === 'string' && /^-?\d+$/.test(v))
        big = BigInt(v);
    else if (typeof v === 'number' && Number.isSafeInteger(v))
        big = BigInt(v);
    if (big === undefined || big < lo || big > hi)
        return fail(`expected an integer in [${lo}, ${hi}] for ${dtype}, found ${show(v)}`);
    return big;
}
/** Encode values as little-endian bytes of `dtype`; `fail` must throw. */
export function encodeValues(dtype, values, fail) {
    const size = dtypeSize(dtype);
    const out = new Uint8Array(values.length * size);
    const dv = new DataView(out.buffer);
    values.forEach((raw, i) => {
        const o = i * size;
        switch (dtype) {
            case 'F32':
                dv.setFloat32(o, toFloatOf(dtype, raw, fail), true);
                break;
            case 'F64':
                dv.setFloat64(o, toFloatOf(dtype, raw, fail), true);
                break;
            case 'BF16':
                dv.setUint16(o, f32ToBf16Bits(toFloatOf(dtype, raw, fail)), true);
                break;
            case 'F16':
                dv.setUint16(o, f32ToF16Bits(toFloatOf(dtype, raw, fail)), true);
                break;
            case 'I32':
                dv.setInt32(o, toInt(dtype, raw, fail), true);
                break;
            case 'U32':
                dv.setUint32(o, toInt(dtype, raw, fail), true);
                break;
            case 'I16':
                dv.setInt16(o, toInt(dtype, raw, fail), true);
                break;
            case 'U16':
                dv.setUint16(o, toInt(dtype, raw, fail), true);
                break;
            case 'I8':
                dv.setInt8(o, toInt(dtype, raw, fail));
                break;
            case 'U8':
            case 'BOOL':
                dv.setUint8(o, toInt(dtype, raw, fail));
                break;
            case 'I64':
                dv.setBigInt64(o, toBig(dtype, raw, fail), true);
                break;
            case 'U64':
                dv.setBigUint64(o, toBig(dtype, raw, fail), true);
                break;
            default: fail(`dtype ${dtype} has no numeric JSON form; use "bytes" (base64)`);
        }
    });
    return out;
}
/** Decode bytes of `dtype` as JSON-safe values (non-finite floats as strings, 64-bit ints as strings). */
export function decodeValues(dtype, bytes) {
    const size = dtypeSize(dtype);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = bytes.byteLength / size;
    const out = new Array(n);
    // -0 as a string too: JSON.stringify(-0) is "0", which would lose the sign bit.
    const float = (v) => (Number.isFinite(v) && !Object.is(v, -0) ? v : Object.is(v, -0) ? '-0' : String(v));
    for (let i = 0; i < n; i++) {
        const o = i * size;
        switch (dtype) {
            case 'F32':
                out[i] = float(dv.getFloat32(o, true));
                break;
            case 'F64':
                out[i] = float(dv.getFloat64(o, true));
                break;
            case 'BF16':
                out[i] = float(bf16BitsToF32(dv.getUint16(o, true)));
                break;
            case 'F16':
                out[i] = float(f16BitsToF32(dv.getUint16(o, true)));
                break;
            case 'I32':
                out[i] = dv.getInt32(o, true);
                break;
            case 'U32':
                out[i] = dv.getUint32(o, true);
                break;
            case 'I16':
                out[i] = dv.getInt16(o, true);
                break;
            case 'U16':
                out[i] = dv.getUint16(o, true);
                break;
            case 'I8':
                out[i] = dv.getInt8(o);
                break;
            case 'U8':
            case 'BOOL':
                out[i] = dv.getUint8(o);
                break;
            case 'I64':
                out[i] = dv.getBigInt64(o, true).toString();
                break;
            case 'U64':
                out[i] = dv.getBigUint64(o, true).toString();
                break;
            default: return undefined;
        }
    }
    return out;
}
function bytesEqual(a, b) {
    return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
function nest(flat, shape) {
    if (shape.length === 0)
        return flat[0];
    const step = flat.length / (shape[0] || 1);
    const out = [];
    for (let i = 0; i < shape[0]; i++)
        out.push(nest(flat.slice(i * step, (i + 1) * step), shape.slice(1)));
    return out;
}
class NotExact extends Error {
}
/** JSON value for one tensor: Flax-style nested arrays for finite F32, explicit leaves otherwise. */
export function tensorToJson(dtype, shape, bytes) {
    const values = decodeValues(dtype, bytes);
    // Values that do not re-encode to the same bits (NaN payloads, -0 as an integer...) fall back
    // to base64, so a JSON round trip is always bit-exact.
    let exact = false;
    if (values !== undefined) {
        try {
            exact = bytesEqual(encodeValues(dtype, values, () => {
                throw new NotExact();
            }), bytes);
        }
        catch (e) {
            if (!(e instanceof NotExact))
                throw e;
        }
    }
    if (!exact || values === undefined)
        return { dtype, shape: [...shape], bytes: Buffer.from(bytes).toString('base64') };
    const plain = dtype === 'F32' && !shape.includes(0) && values.every((v) => typeof v === 'number');
    return plain ? nest(values, shape) : { dtype, shape: [...shape], data: values };
}
