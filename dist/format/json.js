/**
 * JSON checkpoints: a nested object whose leaves are either nested arrays of numbers (Flax
 * `tolist()`, read as F32) or an explicit leaf `{"dtype": "BF16", "shape": [..], "data": [..]}`
 * that keeps the dtype through a round trip. JSON is read whole: it is a format for small
 * checkpoints and examples; large ones belong in safetensors or msgpack.
 */
import fs from 'node:fs';
import { ScanconvError } from '../errors.js';
import { dtypeSize, isDType, numel } from './dtype.js';
import { memoryRef } from './types.js';
import { materialize } from './stream.js';
import { writeAtomically } from './atomic.js';
import { bf16BitsToF32, f16BitsToF32, f32ToBf16Bits, f32ToF16Bits } from './floats.js';
export class JsonCheckpointError extends ScanconvError {
    constructor(file, code, detail, key) {
        super(`${file}: ${key !== undefined ? `"${key}": ` : ''}${detail}`, code);
    }
}
const NON_FINITE = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
function toNumber(v, fail) {
    if (typeof v === 'number')
        return v;
    if (typeof v === 'boolean')
        return v ? 1 : 0;
    if (typeof v === 'string' && v in NON_FINITE)
        return NON_FINITE[v];
    if (typeof v === 'string' && /^-?\d+$/.test(v))
        return Number(v);
    return fail(`expected a number, found ${JSON.stringify(v)}`);
}
/** Encode numbers as little-endian bytes of `dtype`. */
export function encodeValues(dtype, values, fail) {
    const size = dtypeSize(dtype);
    const out = new Uint8Array(values.length * size);
    const dv = new DataView(out.buffer);
    values.forEach((raw, i) => {
        const o = i * size;
        if (dtype === 'I64' || dtype === 'U64') {
            const big = typeof raw === 'string' || typeof raw === 'number' ? BigInt(raw) : fail(`expected an integer, found ${JSON.stringify(raw)}`);
            if (dtype === 'I64')
                dv.setBigInt64(o, big, true);
            else
                dv.setBigUint64(o, big, true);
            return;
        }
        const v = toNumber(raw, fail);
        switch (dtype) {
            case 'F32':
                dv.setFloat32(o, v, true);
                break;
            case 'F64':
                dv.setFloat64(o, v, true);
                break;
            case 'BF16':
                dv.setUint16(o, f32ToBf16Bits(v), true);
                break;
            case 'F16':
                dv.setUint16(o, f32ToF16Bits(v), true);
                break;
            case 'I32':
                dv.setInt32(o, v, true);
                break;
            case 'U32':
                dv.setUint32(o, v, true);
                break;
            case 'I16':
                dv.setInt16(o, v, true);
                break;
            case 'U16':
                dv.setUint16(o, v, true);
                break;
            case 'I8':
                dv.setInt8(o, v);
                break;
            case 'U8':
            case 'BOOL':
                dv.setUint8(o, v);
                break;
            default: fail(`dtype ${dtype} has no numeric JSON form; use "bytes" (base64)`);
        }
    });
    return out;
}
/** Decode bytes of `dtype` as JSON-safe values (non-finite floats as strings, big ints as strings). */
export function decodeValues(dtype, bytes) {
    const size = dtypeSize(dtype);
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = bytes.byteLength / size;
    const out = new Array(n);
    const float = (v) => (Number.isFinite(v) ? v : String(v));
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
function isExplicitLeaf(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.dtype === 'string' && 'shape' in v && ('data' in v || 'bytes' in v);
}
/** Shape and flat values of a rectangular nested array. */
function flattenNested(v, fail) {
    const shape = [];
    for (let cur = v; Array.isArray(cur); cur = cur[0]) {
        shape.push(cur.length);
        if (cur.length === 0)
            break;
    }
    const flat = [];
    const walk = (node, depth) => {
        if (depth === shape.length) {
            if (Array.isArray(node))
                fail(`ragged array: nested deeper than shape [${shape.join(', ')}]`);
            flat.push(node);
            return;
        }
        if (!Array.isArray(node) || node.length !== shape[depth])
            fail(`ragged array: expected ${shape[depth]} items at depth ${depth} of shape [${shape.join(', ')}]`);
        for (const child of node)
            walk(child, depth + 1);
    };
    walk(v, 0);
    return { shape, flat };
}
export function openJson(file, sep = '.') {
    let root;
    try {
        root = JSON.parse(fs.readFileSync(file, 'utf8'));
    }
    catch (e) {
        throw new JsonCheckpointError(file, 'NOT_JSON', `not valid JSON (${e.message})`);
    }
    if (typeof root !== 'object' || root === null || Array.isArray(root)) {
        throw new JsonCheckpointError(file, 'NOT_OBJECT', 'a JSON checkpoint must be an object of named parameters');
    }
    const tensors = new Map();
    let metadata = {};
    const visit = (node, path) => {
        const key = path.join(sep);
        const fail = (code) => (d) => {
            throw new JsonCheckpointError(file, code, d, key);
        };
        if (isExplicitLeaf(node)) {
            const { dtype } = node;
            if (!isDType(dtype))
                fail('BAD_LEAF')(`unknown dtype "${dtype}"`);
            const dt = dtype;
            const shape = node.shape;
            if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
                fail('BAD_LEAF')(`shape ${JSON.stringify(shape)} is not a list of non-negative integers`);
            }
            const dims = shape;
            let bytes;
            if (typeof node.bytes === 'string') {
                bytes = new Uint8Array(Buffer.from(node.bytes, 'base64'));
            }
            else {
                const data = Array.isArray(node.data) ? flattenNested(node.data, fail('RAGGED_ARRAY')).flat : [node.data];
                bytes = encodeValues(dt, data, fail('NOT_NUMBER'));
            }
            const need = numel(dims) * dtypeSize(dt);
            if (bytes.byteLength !== need)
                fail('BAD_LEAF')(`shape [${dims.join(', ')}] of ${dt} needs ${need} bytes, data gives ${bytes.byteLength}`);
            tensors.set(key, memoryRef(key, dt, dims, bytes));
        }
        else if (Array.isArray(node) || typeof node === 'number') {
            const { shape, flat } = flattenNested(node, fail('RAGGED_ARRAY'));
            tensors.set(key, memoryRef(key, 'F32', shape, encodeValues('F32', flat, fail('NOT_NUMBER'))));
        }
        else if (typeof node === 'object' && node !== null) {
            for (const [k, child] of Object.entries(node)) {
                if (path.length === 0 && k === '__metadata__') {
                    metadata = Object.fromEntries(Object.entries(child).map(([mk, mv]) => [mk, String(mv)]));
                    continue;
                }
                visit(child, [...path, k]);
            }
        }
        else {
            fail('NOT_NUMBER')(`leaf must be a number array or an explicit {dtype, shape, data} leaf, found ${JSON.stringify(node)}`);
        }
    };
    visit(root, []);
    return { path: file, format: 'json', tensors, metadata, sep, close: () => undefined };
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
/** JSON value for one tensor: Flax-style nested arrays for finite F32, explicit leaves otherwise. */
export function tensorToJson(dtype, shape, bytes) {
    const values = decodeValues(dtype, bytes);
    // Values that do not re-encode to the same bits (NaN payloads, -0 in some ints) fall back to
    // base64, so a JSON round trip is always bit-exact.
    const exact = values !== undefined && bytesEqual(encodeValues(dtype, values, () => undefined), bytes);
    if (!exact)
        return { dtype, shape: [...shape], bytes: Buffer.from(bytes).toString('base64') };
    const plain = dtype === 'F32' && !shape.includes(0) && values.every((v) => typeof v === 'number');
    return plain ? nest(values, shape) : { dtype, shape: [...shape], data: values };
}
export async function writeJson(file, tensors, metadata, sep) {
    const root = {};
    if (Object.keys(metadata).length > 0)
        root.__metadata__ = metadata;
    for (const t of tensors) {
        const path = t.name.split(sep);
        let node = root;
        for (const seg of path.slice(0, -1)) {
            const next = node[seg] ?? (node[seg] = {});
            if (typeof next !== 'object' || next === null || Array.isArray(next)) {
                throw new JsonCheckpointError(file, 'KEY_CONFLICT', 'is both a tensor and a subtree', t.name);
            }
            node = next;
        }
        node[path[path.length - 1]] = tensorToJson(t.dtype, t.shape, materialize(t));
    }
    const text = JSON.stringify(root);
    await writeAtomically(file, (out) => out.write(new TextEncoder().encode(text)));
    return Buffer.byteLength(text);
}
