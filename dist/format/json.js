/**
 * JSON checkpoints: a nested object whose leaves are either nested arrays of numbers (Flax
 * `tolist()`, read as F32) or an explicit leaf `{"dtype": "BF16", "shape": [..], "data": [..]}`
 * (or `"bytes"`: base64) that keeps the dtype and bits through a round trip. JSON is a format for
 * small checkpoints and examples: input is read whole and limited to MAX_JSON_INPUT bytes, and
 * output to MAX_JSON_OUTPUT tensor bytes (so that it can be read back); large checkpoints belong
 * in safetensors or msgpack. The output is written one tensor at a time, never built whole.
 */
import { FormatError } from '../errors.js';
import { dtypeSize, isDType, numel } from './dtype.js';
import { memoryRef, recordedSep, SEP_KEY } from './types.js';
import { materialize } from './stream.js';
import { writeAtomically } from './atomic.js';
import { readTextFile } from './files.js';
import { describeJson, isJsonObject, JsonParseError, parseJson } from './jsonParse.js';
import { encodeValues, tensorToJson } from './jsonValues.js';
export { decodeValues, encodeValues, tensorToJson } from './jsonValues.js';
export class JsonCheckpointError extends FormatError {
    constructor(file, code, detail, key) {
        super(`${file}: ${key !== undefined ? `"${key}": ` : ''}${detail}`, code);
    }
}
/** Largest JSON checkpoint read (V8 cannot hold a string much over 512 MiB anyway). */
export const MAX_JSON_INPUT = 256 << 20;
/** Largest total of tensor bytes written as JSON (its text stays under MAX_JSON_INPUT). */
export const MAX_JSON_OUTPUT = 48 << 20;
/** Tree depth plus array rank; deeper JSON is refused before anything walks it. */
const MAX_JSON_DEPTH = 256;
const META_KEY = '__metadata__';
function explicitLeaf(v) {
    return isJsonObject(v) && typeof v.get('dtype') === 'string' && v.has('shape') && (v.has('data') || v.has('bytes')) ? v : undefined;
}
/** Shape and flat values of a rectangular nested array (depth is bounded by the parser). */
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
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Read a JSON checkpoint; without `sep`, names are joined with the separator its metadata records, else `.`. */
export function openJson(file, givenSep) {
    const text = readTextFile(file, MAX_JSON_INPUT, 'a JSON checkpoint');
    let root;
    try {
        root = parseJson(text, { maxDepth: MAX_JSON_DEPTH });
    }
    catch (e) {
        if (!(e instanceof JsonParseError))
            throw e;
        if (e.duplicate)
            throw new JsonCheckpointError(file, 'DUPLICATE_KEY', `appears twice in one object; JSON readers would keep only one`, e.duplicate.key);
        throw new JsonCheckpointError(file, 'NOT_JSON', `not valid JSON (${e.message})`);
    }
    if (!isJsonObject(root))
        throw new JsonCheckpointError(file, 'NOT_OBJECT', 'a JSON checkpoint must be an object of named parameters');
    const meta = root.get(META_KEY);
    const recorded = isJsonObject(meta) && typeof meta.get(SEP_KEY) === 'string' ? recordedSep(file, { [SEP_KEY]: meta.get(SEP_KEY) }) : undefined;
    const sep = givenSep ?? recorded ?? '.';
    const tensors = new Map();
    const metadata = new Map();
    const add = (key, dtype, shape, bytes) => {
        // {"a.b": ..} beside {"a": {"b": ..}} name one tensor twice: keeping either would lose the other.
        if (tensors.has(key))
            throw new JsonCheckpointError(file, 'KEY_CONFLICT', 'names two tensors (a dotted key and a nested path); rename one', key);
        tensors.set(key, memoryRef(key, dtype, shape, bytes));
    };
    const visit = (node, path) => {
        const key = path.join(sep);
        const fail = (code) => (d) => {
            throw new JsonCheckpointError(file, code, d, key);
        };
        const leaf = explicitLeaf(node);
        if (leaf) {
            const dtype = leaf.get('dtype');
            if (!isDType(dtype))
                fail('BAD_LEAF')(`unknown dtype "${dtype}"`);
            const dt = dtype;
            const shape = leaf.get('shape');
            if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
                fail('BAD_LEAF')(`shape ${describeJson(shape)} is not a list of non-negative integers`);
            }
            const dims = shape;
            const need = numel(dims) * dtypeSize(dt);
            let bytes;
            const b64 = leaf.get('bytes');
            // Two encodings of one tensor: whichever were kept, the other could say something else.
            if (leaf.has('bytes') && leaf.has('data'))
                fail('BAD_LEAF')('has both "data" and "bytes"; an explicit leaf holds its values one way');
            if (leaf.has('bytes')) {
                if (typeof b64 !== 'string' || !BASE64.test(b64))
                    fail('BAD_LEAF')('"bytes" is not a base64 string');
                bytes = new Uint8Array(Buffer.from(b64, 'base64'));
            }
            else {
                const data = leaf.get('data');
                const flat = Array.isArray(data) ? flattenNested(data, fail('RAGGED_ARRAY')).flat : [data];
                if (flat.length * dtypeSize(dt) !== need)
                    fail('BAD_LEAF')(`shape [${dims.join(', ')}] has ${numel(dims)} elements, data gives ${flat.length}`);
                bytes = encodeValues(dt, flat, fail('NOT_NUMBER'));
            }
            if (bytes.byteLength !== need)
                fail('BAD_LEAF')(`shape [${dims.join(', ')}] of ${dt} needs ${need} bytes, data gives ${bytes.byteLength}`);
            add(key, dt, dims, bytes);
        }
        else if (Array.isArray(node) || typeof node === 'number') {
            const { shape, flat } = flattenNested(node, fail('RAGGED_ARRAY'));
            add(key, 'F32', shape, encodeValues('F32', flat, fail('NOT_NUMBER')));
        }
        else if (isJsonObject(node)) {
            for (const [k, child] of node) {
                if (path.length === 0 && k === META_KEY) {
                    if (!isJsonObject(child))
                        fail('BAD_METADATA')(`${META_KEY} must be an object of strings, found ${describeJson(child)}`);
                    for (const [mk, mv] of child) {
                        if (typeof mv !== 'string')
                            fail('BAD_METADATA')(`${META_KEY} value for "${mk}" is not a string: ${describeJson(mv)}`);
                        metadata.set(mk, mv);
                    }
                    continue;
                }
                visit(child, [...path, k]);
            }
        }
        else {
            fail('NOT_NUMBER')(`leaf must be a number array or an explicit {dtype, shape, data} leaf, found ${describeJson(node)}`);
        }
    };
    visit(root, []);
    // fromEntries defines own properties: a "__proto__" key stays a key (assignment would set the prototype).
    return { path: file, format: 'json', tensors, metadata: Object.fromEntries(metadata), sep, close: () => undefined };
}
/** The key tree of the tensors; refuses names JSON cannot hold apart. */
function buildTree(file, tensors, sep) {
    const root = { children: new Map() };
    const conflict = (t) => {
        throw new JsonCheckpointError(file, 'KEY_CONFLICT', 'is both a tensor and a subtree (another tensor is nested under it); JSON cannot hold both', t.name);
    };
    for (const t of tensors) {
        const path = t.name.split(sep);
        // Nested arrays add the rank; an explicit leaf adds its object and its data list.
        if (path.length + Math.max(t.shape.length, 2) > MAX_JSON_DEPTH) {
            throw new JsonCheckpointError(file, 'NAME_NOT_REPRESENTABLE', `${path.length} key segments and rank ${t.shape.length} nest deeper than the ${MAX_JSON_DEPTH} levels a JSON checkpoint may have`, t.name);
        }
        if (path[0] === META_KEY)
            throw new JsonCheckpointError(file, 'NAME_NOT_REPRESENTABLE', `a JSON checkpoint reserves the top-level key ${META_KEY} for metadata; write safetensors or msgpack`, t.name);
        let node = root;
        for (const seg of path) {
            if (node.tensor)
                conflict(t);
            let next = node.children.get(seg);
            if (!next)
                node.children.set(seg, (next = { children: new Map() }));
            node = next;
        }
        if (node.children.size || node.tensor)
            conflict(t);
        node.tensor = t;
    }
    return root;
}
export async function writeJson(file, tensors, metadata, sep) {
    const total = tensors.reduce((s, t) => s + t.byteLength, 0);
    if (total > MAX_JSON_OUTPUT) {
        throw new JsonCheckpointError(file, 'TOO_LARGE', `${total} bytes of tensors is over the ${MAX_JSON_OUTPUT}-byte limit for JSON output; write safetensors or msgpack`);
    }
    const root = buildTree(file, tensors, sep);
    // The tree keeps no separator: record a non-default one, or `a/b` would read back as `a.b`.
    if (sep !== '.' && tensors.some((t) => t.name.includes(sep)))
        metadata = { ...metadata, [SEP_KEY]: sep };
    else if (Object.prototype.hasOwnProperty.call(metadata, SEP_KEY))
        metadata = Object.fromEntries(Object.entries(metadata).filter(([k]) => k !== SEP_KEY));
    let written = 0;
    await writeAtomically(file, (out) => {
        const put = (text) => {
            const bytes = Buffer.from(text, 'utf8');
            written += bytes.byteLength;
            if (written > MAX_JSON_INPUT)
                throw new JsonCheckpointError(file, 'TOO_LARGE', `the JSON text passes ${MAX_JSON_INPUT} bytes; write safetensors or msgpack`);
            out.write(bytes);
        };
        // Iterative walk: a name with thousands of segments must not exhaust the stack.
        put('{');
        let first = true;
        if (Object.keys(metadata).length > 0) {
            put(`${JSON.stringify(META_KEY)}:${JSON.stringify(Object.assign(Object.create(null), metadata))}`);
            first = false;
        }
        const stack = [{ iter: root.children.entries(), first }];
        while (stack.length) {
            const top = stack[stack.length - 1];
            const next = top.iter.next();
            if (next.done) {
                stack.pop();
                put('}');
                continue;
            }
            const [key, node] = next.value;
            put(`${top.first ? '' : ','}${JSON.stringify(key)}:`);
            top.first = false;
            if (node.tensor) {
                put(JSON.stringify(tensorToJson(node.tensor.dtype, node.tensor.shape, materialize(node.tensor))));
            }
            else {
                put('{');
                stack.push({ iter: node.children.entries(), first: true });
            }
        }
    });
    return written;
}
