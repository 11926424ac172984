/**
 * Writes one OCDBT database (a directory holding `manifest.ocdbt` and `d/`) in one version,
 * streaming: large values are appended to a data file as they are produced, small ones kept
 * inline, and the B+tree (leaves split by size, interior levels above them) and the manifest
 * are written when every key is known. Memory holds the keys and small values only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BTREE_NODE_MAGIC, compareBytes, defaultConfig, encodeEnvelope, interiorNodeBody, leafNodeBody, MANIFEST_MAGIC, manifestBody, } from './ocdbtEncode.js';
/** Nodes are closed past this many encoded (uncompressed) bytes; tensorstore's readers take up to maxDecodedNodeBytes. */
export const TARGET_NODE_BYTES = 64 * 1024;
/** An append-only file written with positional writes, synced and closed by `close`. */
export class AppendFile {
    file;
    fd;
    size = 0;
    constructor(file) {
        this.file = file;
        this.fd = fs.openSync(file, 'wx');
    }
    append(bytes) {
        const at = this.size;
        let off = 0;
        while (off < bytes.byteLength)
            off += fs.writeSync(this.fd, bytes, off, bytes.byteLength - off, at + off);
        this.size += bytes.byteLength;
        return at;
    }
    close() {
        fs.fsyncSync(this.fd);
        fs.closeSync(this.fd);
    }
}
const randomName = () => `d/${crypto.randomBytes(16).toString('hex')}`;
export class OcdbtWriter {
    dir;
    options;
    config;
    entries = [];
    keys = new Set();
    values;
    open = false;
    constructor(dir, options = {}) {
        this.dir = dir;
        this.options = options;
        this.config = options.config ?? defaultConfig(crypto.randomBytes(16));
        fs.mkdirSync(path.join(dir, 'd'), { recursive: true });
    }
    addKey(key) {
        if (this.keys.has(key))
            throw new Error(`OCDBT key ${JSON.stringify(key)} written twice`);
        this.keys.add(key);
        return Buffer.from(key, 'utf8');
    }
    /** A whole value: inline when small enough, else appended to the data file. */
    put(key, bytes) {
        const k = this.addKey(key);
        if (bytes.byteLength <= this.config.maxInlineValueBytes) {
            this.entries.push({ key: k, value: { inline: bytes.slice() } });
            return;
        }
        const file = this.valueFile();
        const offset = file.file.append(bytes);
        this.entries.push({ key: k, value: { indirect: { file: file.name, offset, length: bytes.byteLength } } });
    }
    /** Stream a value of unknown size into the data file (always out of line). One at a time. */
    begin(key) {
        if (this.open)
            throw new Error('OcdbtWriter: a value is already being written');
        const k = this.addKey(key);
        const file = this.valueFile();
        const start = file.file.size;
        this.open = true;
        const sink = {
            written: 0,
            write: (bytes) => {
                file.file.append(bytes);
                sink.written += bytes.byteLength;
            },
            end: () => {
                this.open = false;
                this.entries.push({ key: k, value: { indirect: { file: file.name, offset: start, length: sink.written } } });
            },
        };
        return sink;
    }
    valueFile() {
        this.values ??= ((name) => ({ name, file: new AppendFile(path.join(this.dir, name)) }))(randomName());
        return this.values;
    }
    /** Write the B+tree and the manifest, and sync every file. Returns the bytes written in all. */
    finish() {
        if (this.open)
            throw new Error('OcdbtWriter: finish() while a value is open');
        if (!this.entries.length)
            throw new Error('OcdbtWriter: an empty database');
        this.values?.file.close();
        const nodesName = randomName();
        const nodes = new AppendFile(path.join(this.dir, nodesName));
        const level = this.config.zstdLevel;
        const target = this.options.targetNodeBytes ?? TARGET_NODE_BYTES;
        const store = (body) => {
            const encoded = encodeEnvelope(BTREE_NODE_MAGIC, body, level);
            return { file: nodesName, offset: nodes.append(encoded), length: encoded.byteLength };
        };
        const sorted = [...this.entries].sort((a, b) => compareBytes(a.key, b.key));
        let children = split(sorted, target, leafSize).map((group) => {
            const location = store(leafNodeBody(group));
            const indirect = group.reduce((s, e) => s + ('indirect' in e.value ? e.value.indirect.length : 0), 0);
            return { key: group[0].key, location, stats: { numKeys: group.length, numTreeBytes: location.length, numIndirectValueBytes: indirect } };
        });
        let height = 0;
        while (children.length > 1) {
            height++;
            children = split(children, target, childSize).map((group) => {
                const location = store(interiorNodeBody(height, group));
                const stats = group.reduce((s, c) => ({ numKeys: s.numKeys + c.stats.numKeys, numTreeBytes: s.numTreeBytes + c.stats.numTreeBytes, numIndirectValueBytes: s.numIndirectValueBytes + c.stats.numIndirectValueBytes }), { numKeys: 0, numTreeBytes: location.length, numIndirectValueBytes: 0 });
                return { key: group[0].key, location, stats };
            });
        }
        nodes.close();
        const root = children[0];
        const manifest = encodeEnvelope(MANIFEST_MAGIC, manifestBody(this.config, { generation: 1, rootHeight: height, root: root.location, stats: root.stats, commitTimeNs: this.options.commitTimeNs ?? BigInt(Date.now()) * 1000000n }), level);
        const manifestFile = new AppendFile(path.join(this.dir, 'manifest.ocdbt'));
        manifestFile.append(manifest);
        manifestFile.close();
        return (this.values?.file.size ?? 0) + nodes.size + manifest.byteLength;
    }
    /** Close files without finishing (the caller removes the directory). */
    abort() {
        if (!this.values)
            return;
        try {
            fs.closeSync(this.values.file.fd);
        }
        catch {
            /* already closed */
        }
    }
}
const leafSize = (e) => e.key.byteLength + 12 + ('inline' in e.value ? e.value.inline.byteLength : 24);
const childSize = (c) => c.key.byteLength + 48;
/** Consecutive groups of at most `target` estimated bytes (at least one item each). */
function split(items, target, size) {
    const groups = [];
    let current = [];
    let bytes = 0;
    for (const item of items) {
        const s = size(item);
        if (current.length && bytes + s > target) {
            groups.push(current);
            current = [];
            bytes = 0;
        }
        current.push(item);
        bytes += s;
    }
    if (current.length)
        groups.push(current);
    return groups;
}
