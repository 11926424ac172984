/**
 * Writing Flax msgpack checkpoints (see msgpack.ts for the format): nested maps by key path,
 * arrays as ext type 1 streamed from their pieces, leaves over 2^30 bytes chunked as Flax does.
 */
import fs from 'node:fs';
import { FormatError } from '../errors.js';
import { dtypeSize } from './dtype.js';
import { DTYPE_TO_NUMPY, MAX_CHUNK_SIZE, MAX_DEPTH } from './msgpackParser.js';
import { PieceWriter } from './stream.js';
import { writeAtomically } from './atomic.js';
function uintHeader(n, tags, fixMax, fixBase) {
    if (n <= fixMax)
        return [fixBase | n];
    if (!tags)
        throw new Error('unreachable');
    if (n <= 0xff && tags[0])
        return [tags[0], n];
    if (n <= 0xffff)
        return [tags[1], n >> 8, n & 0xff];
    return [tags[2], (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
}
const mapHeader = (n) => uintHeader(n, [0, 0xde, 0xdf, 0], 15, 0x80);
const arrayHeader = (n) => uintHeader(n, [0, 0xdc, 0xdd, 0], 15, 0x90);
function strBytes(s) {
    const b = [...Buffer.from(s, 'utf8')];
    return [...uintHeader(b.length, [0xd9, 0xda, 0xdb, 0], 31, 0xa0), ...b];
}
function uintBytes(n) {
    if (n <= 0x7f)
        return [n];
    if (n <= 0xff)
        return [0xcc, n];
    if (n <= 0xffff)
        return [0xcd, n >> 8, n & 0xff];
    if (n <= 0xffffffff)
        return [0xce, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    const b = Buffer.alloc(9);
    b[0] = 0xcf;
    b.writeBigUInt64BE(BigInt(n), 1);
    return [...b];
}
/** Everything of an ext-1 array before its data bytes. */
function arrayPrefix(shape, dtype, dataLength) {
    const name = DTYPE_TO_NUMPY[dtype];
    if (!name)
        throw new FormatError(`dtype ${dtype} has no numpy name for a Flax msgpack checkpoint`, 'UNKNOWN_DTYPE');
    const payloadHead = [0x93, ...arrayHeader(shape.length), ...shape.flatMap(uintBytes), ...strBytes(name), 0xc6, (dataLength >>> 24) & 0xff, (dataLength >>> 16) & 0xff, (dataLength >>> 8) & 0xff, dataLength & 0xff];
    const len = payloadHead.length + dataLength;
    return [0xc9, (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff, 1, ...payloadHead];
}
/** Bytes and tensors in file order; consecutive bytes are merged into one segment. */
class Segments {
    list = [];
    pending = [];
    bytes(b) {
        for (const x of b)
            this.pending.push(x);
    }
    tensor(t) {
        this.flush();
        this.list.push(t);
    }
    flush() {
        if (this.pending.length)
            this.list.push(Uint8Array.from(this.pending));
        this.pending = [];
    }
}
/**
 * A Flax state dict (nested maps by key path) as the file's segments in order: msgpack bytes and
 * the tensors' data, leaves over `maxChunk` bytes chunked as Flax does. Both the streaming writer
 * and the Orbax scatter path (scatter.ts) write these segments, so they write the same file.
 */
export function msgpackLayout(tensors, sep, maxChunk = MAX_CHUNK_SIZE) {
    const root = { children: new Map() };
    for (const t of tensors) {
        let node = root;
        // A msgpack state dict is a tree with no place for a separator: a reader joins its keys with ".".
        if (sep !== '.' && t.name.includes(sep)) {
            throw new FormatError(`${t.name}: a Flax msgpack checkpoint records no key separator, so names separated by "${sep}" would read back separated by "."; write safetensors or JSON, which record it`, 'NAME_NOT_REPRESENTABLE');
        }
        const path = t.name.split(sep);
        // The reader stops at MAX_DEPTH levels; a chunked array adds two below its key.
        if (path.length > MAX_DEPTH - 2) {
            throw new FormatError(`${t.name}: ${path.length} key segments nest deeper than the ${MAX_DEPTH - 2} a msgpack checkpoint may have`, 'NAME_NOT_REPRESENTABLE');
        }
        for (const seg of path) {
            if (node.tensor)
                throw new FormatError(`${t.name}: a tensor cannot also be a subtree in a msgpack checkpoint`, 'KEY_CONFLICT');
            let next = node.children.get(seg);
            if (!next)
                node.children.set(seg, (next = { children: new Map() }));
            node = next;
        }
        if (node.children.size)
            throw new FormatError(`${t.name}: a tensor cannot also be a subtree in a msgpack checkpoint`, 'KEY_CONFLICT');
        node.tensor = t;
    }
    const out = new Segments();
    const addTensor = (t) => {
        if (t.byteLength <= maxChunk) {
            out.bytes(arrayPrefix(t.shape, t.dtype, t.byteLength));
            out.tensor(t);
            return;
        }
        // Flax's _chunk: flatten, split into chunks of 2^30 / itemsize elements.
        const chunkBytes = Math.max(1, Math.floor(maxChunk / dtypeSize(t.dtype))) * dtypeSize(t.dtype);
        const count = Math.ceil(t.byteLength / chunkBytes);
        out.bytes([...mapHeader(3), ...strBytes('__msgpack_chunked_array__'), 0xc3, ...strBytes('shape'), ...mapHeader(t.shape.length)]);
        t.shape.forEach((d, i) => out.bytes([...strBytes(String(i)), ...uintBytes(d)]));
        out.bytes([...strBytes('chunks'), ...mapHeader(count)]);
        let done = 0;
        for (let i = 0; i < count; i++) {
            const len = Math.min(chunkBytes, t.byteLength - done);
            out.bytes([...strBytes(String(i)), ...arrayPrefix([len / dtypeSize(t.dtype)], t.dtype, len)]);
            out.tensor(sliceOutput(t, done, len));
            done += len;
        }
    };
    // Depth-first in insertion order; recursion is bounded by MAX_DEPTH.
    const addNode = (node) => {
        if (node.tensor)
            return addTensor(node.tensor);
        out.bytes(mapHeader(node.children.size));
        for (const [k, child] of node.children) {
            out.bytes(strBytes(k));
            addNode(child);
        }
    };
    addNode(root);
    out.flush();
    return out.list;
}
/** Stream tensors as a Flax state dict (msgpackLayout's segments, in order). */
export async function writeMsgpack(file, tensors, sep, onProgress, maxChunk = MAX_CHUNK_SIZE, group) {
    const segments = msgpackLayout(tensors, sep, maxChunk);
    const total = tensors.reduce((s, t) => s + t.byteLength, 0);
    let written = 0;
    await writeAtomically(file, async (out) => {
        const w = new PieceWriter(out, total, onProgress);
        for (const segment of segments) {
            if (segment instanceof Uint8Array)
                w.writeBytes(segment);
            else
                await w.writeTensor(segment);
        }
        w.flush();
        written = fs.fstatSync(out.fd).size;
    }, group);
    return written;
}
/** Bytes [start, start+length) of an output tensor, as its own OutputTensor. */
function sliceOutput(t, start, length) {
    return {
        name: t.name,
        dtype: t.dtype,
        shape: [length / dtypeSize(t.dtype)],
        byteLength: length,
        *pieces() {
            let pos = 0;
            for (const p of t.pieces()) {
                const from = Math.max(start, pos);
                const to = Math.min(start + length, pos + p.length);
                if (from < to)
                    yield { ref: p.ref, offset: p.offset + (from - pos), length: to - from };
                pos += p.length;
                if (pos >= start + length)
                    break;
            }
        },
    };
}
