/**
 * Flax's native checkpoint: `flax.serialization.to_bytes`, i.e. msgpack of the state dict where
 * each array is ext type 1 (3 = numpy scalar) holding msgpack `(shape, dtype name, C-order
 * bytes)`; arrays over 2^30 bytes are split into `{"__msgpack_chunked_array__": true, "shape":
 * {"0": ..}, "chunks": {"0": 1-D array, ..}}`; lists appear as {"0": .., "1": ..} maps.
 * The reader parses the structure only and records where each array's bytes are.
 *
 * The structure is hostile input: a 100 MB file of one list of small integers once grew to
 * 6 GB of parsed values. So a msgpack list (never part of a Flax state dict) is refused where it
 * starts, strings and byte strings outside keys are skipped unread, and the whole structure may
 * hold at most MAX_MAP_ENTRIES map entries (each tensor, subtree, chunk and chunked-shape entry
 * is one): a checkpoint with a million tensors is far beyond any real model.
 */
import fs from 'node:fs';
import { ScanconvError } from '../errors.js';
import { dtypeSize, numel } from './dtype.js';
import { FileCursor } from './msgpackCursor.js';
import { CHUNK_MARKER, describe, isMap, isTensor, MAX_RANK, MsgpackError, Parser } from './msgpackParser.js';
import { openRegular, readError } from './files.js';
export function fileRef(file, fd, name, dtype, shape, runs) {
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
                for (let done = from; done < to;) {
                    let got;
                    try {
                        got = fs.readSync(fd, target, targetOffset + (done - offset), to - done, r.offset + (done - pos));
                    }
                    catch (e) {
                        throw readError(file, e);
                    }
                    if (got === 0)
                        throw new MsgpackError(file, 'TRUNCATED', 'file shrank while being read', name);
                    done += got;
                }
                pos += r.length;
            }
        },
    };
}
export function openMsgpack(file, sep = '.') {
    const { fd, size } = openRegular(file);
    try {
        const cursor = new FileCursor(fd, size, (need) => {
            throw new MsgpackError(file, 'TRUNCATED', `file ends at ${size} bytes but the data needs ${need}`);
        });
        const parser = new Parser(cursor, file);
        let root;
        try {
            root = parser.root();
        }
        catch (e) {
            throw e instanceof ScanconvError ? e : readError(file, e);
        }
        if (!isMap(root))
            return parser.fail('NOT_A_MAP', 'a Flax checkpoint is a msgpack map (the state dict)');
        if (cursor.pos !== size)
            parser.fail('TRAILING_BYTES', `${size - cursor.pos} bytes after the end of the state dict`);
        const tensors = new Map();
        const add = (key, ref) => {
            // {"a.b": x} beside {"a": {"b": y}}: both are tensor "a.b"; keeping one would drop the other.
            if (tensors.has(key))
                parser.fail('KEY_CONFLICT', `names two tensors (a key holding "${sep}" and a nested path); rename one`, key);
            tensors.set(key, ref);
        };
        const visit = (v, path) => {
            const key = path.join(sep);
            // A key holding the separator would come back split into two levels ("a.b" -> a/b): Flax's
            // from_bytes then finds another tree. Read it with a separator no key holds.
            const holding = path.find((k) => k.includes(sep));
            if (holding !== undefined)
                parser.fail('KEY_HOLDS_SEPARATOR', `the key ${JSON.stringify(holding)} holds the separator "${sep}", so written back it would become two levels; read the file with --sep S, a separator no key holds`, key);
            if (isTensor(v))
                add(key, fileRef(file, fd, key, v.dtype, v.shape, [v]));
            else if (isMap(v) && v.has(CHUNK_MARKER))
                add(key, unchunk(v, key, file, fd));
            else if (isMap(v))
                for (const [k, child] of v)
                    visit(child, [...path, k]);
            else
                parser.fail('NOT_AN_ARRAY', `is ${describe(v)}, not an array; scanconv converts trees of arrays`, key);
        };
        visit(root, []);
        return { path: file, format: 'msgpack', tensors, metadata: {}, sep, close: () => fs.closeSync(fd) };
    }
    catch (err) {
        fs.closeSync(fd);
        throw err;
    }
}
/** Flax's chunked array: exactly the marker, a "shape" map and a "chunks" map, keyed "0".."n-1". */
function unchunk(v, key, file, fd) {
    const fail = (why) => {
        throw new MsgpackError(file, 'BAD_CHUNKS', `chunked array is malformed: ${why}`, key);
    };
    for (const k of v.keys())
        if (k !== CHUNK_MARKER && k !== 'shape' && k !== 'chunks')
            fail(`unexpected key "${k}"`);
    const shapeV = v.get('shape');
    const chunksV = v.get('chunks');
    if (!isMap(shapeV) || !isMap(chunksV))
        return fail('needs "shape" and "chunks" maps');
    const ordered = (m, what) => Array.from({ length: m.size }, (_, i) => (m.has(String(i)) ? m.get(String(i)) : fail(`${what} has no entry "${i}"`)));
    if (shapeV.size > MAX_RANK)
        fail(`shape has ${shapeV.size} dimensions, more than ${MAX_RANK}`);
    const shape = ordered(shapeV, 'shape').map((d) => (typeof d === 'number' && Number.isSafeInteger(d) && d >= 0 ? d : fail('shape entries must be non-negative integers')));
    const chunks = ordered(chunksV, 'chunks').map((ch) => (isTensor(ch) ? ch : fail('chunks must be arrays')));
    const dtype = chunks[0]?.dtype ?? fail('no chunks');
    if (chunks.some((ch) => ch.dtype !== dtype))
        fail('chunks have different dtypes');
    const total = chunks.reduce((s, ch) => s + ch.length, 0);
    if (total !== numel(shape) * dtypeSize(dtype))
        fail(`chunks hold ${total} bytes but shape [${shape.join(', ')}] needs ${numel(shape) * dtypeSize(dtype)}`);
    return fileRef(file, fd, key, dtype, shape, chunks);
}
