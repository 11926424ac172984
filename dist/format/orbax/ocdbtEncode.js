/**
 * Encoding of OCDBT's on-disk structures, as tensorstore's format documentation and its
 * `format/` codecs define them: the envelope every node and manifest shares (magic, length,
 * version, compression, CRC-32C), the data file table, B+tree leaf and interior nodes, and a
 * manifest whose version tree is inline (manifest_kind 0, what tensorstore writes for a
 * database of few versions). Pure functions of their inputs: no I/O, no clock, no randomness.
 */
import { crc32c } from './crc32c.js';
import { pushVarint } from './varint.js';
import { zstdCompress } from './zstdCompress.js';
export const BTREE_NODE_MAGIC = 0x0cdb20de;
export const MANIFEST_MAGIC = 0x0cdb3a2a;
/** tensorstore's kMaxNodeArity. */
export const MAX_NODE_ARITY = 1024 * 1024;
/** What current tensorstore (as used by orbax-checkpoint) chooses for a new database. */
export function defaultConfig(uuid) {
    return { uuid, maxInlineValueBytes: 1024, maxDecodedNodeBytes: 100_000_000, versionTreeArityLog2: 4, zstdLevel: 0 };
}
class Bytes {
    parts = [];
    pending = [];
    length = 0;
    varint(v) {
        const before = this.pending.length;
        pushVarint(this.pending, v);
        this.length += this.pending.length - before;
        return this;
    }
    byte(v) {
        this.pending.push(v & 0xff);
        this.length++;
        return this;
    }
    raw(b) {
        if (this.pending.length)
            this.parts.push(Uint8Array.from(this.pending));
        this.pending = [];
        this.parts.push(b);
        this.length += b.byteLength;
        return this;
    }
    u64le(v) {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setBigUint64(0, v, true);
        return this.raw(b);
    }
    i32le(v) {
        const b = new Uint8Array(4);
        new DataView(b.buffer).setInt32(0, v, true);
        return this.raw(b);
    }
    done() {
        if (this.pending.length)
            this.parts.push(Uint8Array.from(this.pending));
        this.pending = [];
        const out = new Uint8Array(this.length);
        let at = 0;
        for (const p of this.parts) {
            out.set(p, at);
            at += p.byteLength;
        }
        return out;
    }
}
const commonPrefix = (a, b) => {
    const n = Math.min(a.byteLength, b.byteLength);
    let i = 0;
    while (i < n && a[i] === b[i])
        i++;
    return i;
};
const compareBytes = (a, b) => {
    const n = Math.min(a.byteLength, b.byteLength);
    for (let i = 0; i < n; i++)
        if (a[i] !== b[i])
            return a[i] - b[i];
    return a.byteLength - b.byteLength;
};
/**
 * magic (u32 BE), total length (u64 LE), format version 0 and compression (varints), the body
 * (zstd-compressed when `zstdLevel` is set), CRC-32C (u32 LE) of everything before it.
 */
export function encodeEnvelope(magic, body, zstdLevel) {
    const payload = zstdLevel === undefined ? body : zstdCompress(body, zstdLevel);
    const head = new Bytes().varint(0).varint(zstdLevel === undefined ? 0 : 1).done();
    const total = 12 + head.byteLength + payload.byteLength + 4;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    view.setUint32(0, magic, false);
    view.setBigUint64(4, BigInt(total), true);
    out.set(head, 12);
    out.set(payload, 12 + head.byteLength);
    view.setUint32(total - 4, crc32c(out.subarray(0, total - 4)), true);
    return out;
}
/** The data file table of a node or manifest: every path once, sorted, prefix-compressed, with empty base paths. */
function dataFileTable(out, files) {
    const sorted = [...new Set(files)].map((f) => Buffer.from(f, 'utf8')).sort(compareBytes);
    out.varint(sorted.length);
    const prefixes = sorted.map((p, i) => (i === 0 ? 0 : commonPrefix(sorted[i - 1], p)));
    for (let i = 1; i < sorted.length; i++)
        out.varint(prefixes[i]);
    sorted.forEach((p, i) => out.varint(p.byteLength - prefixes[i]));
    sorted.forEach(() => out.varint(0));
    sorted.forEach((p, i) => out.raw(p.subarray(prefixes[i])));
    return new Map(sorted.map((p, i) => [p.toString('utf8'), i]));
}
/** Keys, prefix-compressed against the previous key (`subtree_common_prefix_length` 0 for interior entries). */
function keyColumns(out, keys, interior) {
    const prefixes = keys.map((k, i) => (i === 0 ? 0 : commonPrefix(keys[i - 1], k)));
    for (let i = 1; i < keys.length; i++)
        out.varint(prefixes[i]);
    keys.forEach((k, i) => out.varint(k.byteLength - prefixes[i]));
    if (interior)
        keys.forEach(() => out.varint(0));
    keys.forEach((k, i) => out.raw(k.subarray(prefixes[i])));
}
function checkEntries(keys) {
    if (!keys.length || keys.length > MAX_NODE_ARITY)
        throw new RangeError(`a B+tree node holds 1 to ${MAX_NODE_ARITY} entries, not ${keys.length}`);
    for (let i = 1; i < keys.length; i++)
        if (compareBytes(keys[i - 1], keys[i]) >= 0)
            throw new RangeError('B+tree keys must be strictly increasing');
    for (const k of keys)
        if (k.byteLength > 65535)
            throw new RangeError('an OCDBT key is at most 65535 bytes');
}
/** The body of a leaf node (height 0). */
export function leafNodeBody(entries) {
    checkEntries(entries.map((e) => e.key));
    const out = new Bytes().byte(0);
    const indirect = entries.flatMap((e) => ('indirect' in e.value ? [e.value.indirect] : []));
    const ids = dataFileTable(out, indirect.map((r) => r.file));
    out.varint(entries.length);
    keyColumns(out, entries.map((e) => e.key), false);
    for (const e of entries)
        out.varint('inline' in e.value ? e.value.inline.byteLength : e.value.indirect.length);
    for (const e of entries)
        out.byte('inline' in e.value ? 0 : 1);
    for (const r of indirect)
        out.varint(ids.get(r.file));
    for (const r of indirect)
        out.varint(r.offset);
    for (const e of entries)
        if ('inline' in e.value)
            out.raw(e.value.inline);
    return out.done();
}
/** The body of an interior node of `height` >= 1. */
export function interiorNodeBody(height, children) {
    checkEntries(children.map((c) => c.key));
    const out = new Bytes().byte(height);
    const ids = dataFileTable(out, children.map((c) => c.location.file));
    out.varint(children.length);
    keyColumns(out, children.map((c) => c.key), true);
    for (const c of children)
        out.varint(ids.get(c.location.file));
    for (const c of children)
        out.varint(c.location.offset);
    for (const c of children)
        out.varint(c.location.length);
    for (const c of children)
        out.varint(c.stats.numKeys);
    for (const c of children)
        out.varint(c.stats.numTreeBytes);
    for (const c of children)
        out.varint(c.stats.numIndirectValueBytes);
    return out.done();
}
/** The body of a manifest with one version, inline (manifest_kind 0, no version tree nodes). */
export function manifestBody(config, version) {
    if (config.uuid.byteLength !== 16)
        throw new RangeError('an OCDBT uuid is 16 bytes');
    const out = new Bytes().raw(config.uuid).byte(0).varint(config.maxInlineValueBytes).varint(config.maxDecodedNodeBytes).byte(config.versionTreeArityLog2);
    if (config.zstdLevel === undefined)
        out.varint(0);
    else
        out.varint(1).i32le(config.zstdLevel);
    const ids = dataFileTable(out, [version.root.file]);
    out.varint(1).varint(version.generation).byte(version.rootHeight);
    out.varint(ids.get(version.root.file)).varint(version.root.offset).varint(version.root.length);
    out.varint(version.stats.numKeys).varint(version.stats.numTreeBytes).varint(version.stats.numIndirectValueBytes);
    out.u64le(version.commitTimeNs);
    out.varint(0);
    return out.done();
}
export { compareBytes };
