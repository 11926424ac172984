/**
 * tensorstore's OCDBT key-value store (what Orbax writes with `use_ocdbt=True`): a manifest
 * (`manifest.ocdbt`) names the latest version's B+tree root; the nodes sit in data files under
 * `d/` (or `ocdbt.process_N/d/`), each framed as magic, length, format version, compression
 * (none or zstd), body, CRC-32C. Opening reads every node of the latest version once, checking
 * each CRC, so a checkpoint that opens has every node intact. Values are inline in leaf nodes or
 * out of line (a range of a data file), read only when asked.
 *
 * Hostile input is bounded: node heights must step down by one from the root (no loops, no
 * endless nesting), a node decodes to at most MAX_NODE_BYTES, the tree holds at most MAX_KEYS keys.
 */
import { ByteCursor, crc32c, zstdDecode } from './bytes.js';
import { OrbaxError } from './errors.js';
import { memoryValue } from './files.js';
const MANIFEST_MAGIC = 0x0cdb3a2a;
const NODE_MAGIC = 0x0cdb20de;
/** Keys of one database: every array is a metadata key plus its chunks; real checkpoints hold far fewer. */
export const MAX_KEYS = 500_000;
/** A B+tree node decodes to at most this (tensorstore's default max_decoded_node_bytes is 8 MiB; Orbax sets 100 MB). */
const MAX_NODE_BYTES = 128 << 20;
const MAX_HEIGHT = 32;
const MAX_MANIFEST_BYTES = 64 << 20;
/** Check magic, length and CRC-32C of a framed structure; return its (decompressed) body. */
function unframe(buf, magic, where, maxBody) {
    if (buf.length < 18)
        throw new OrbaxError(where, 'TRUNCATED', `is ${buf.length} bytes, too short for a header and CRC`);
    const got = ((buf[0] << 24) | (buf[1] << 16) | (buf[2] << 8) | buf[3]) >>> 0;
    if (got !== magic)
        throw new OrbaxError(where, 'BAD_MAGIC', `starts with 0x${got.toString(16).padStart(8, '0')}, not the OCDBT magic 0x${magic.toString(16).padStart(8, '0')}`);
    const c = new ByteCursor(buf, where);
    c.pos = 4;
    const length = c.u64le('the length');
    if (length !== buf.length)
        throw new OrbaxError(where, length > buf.length ? 'TRUNCATED' : 'BAD_LENGTH', `declares ${length} bytes but holds ${buf.length}`);
    const stored = new ByteCursor(buf.subarray(buf.length - 4), where).u32le();
    const actual = crc32c(buf.subarray(0, buf.length - 4));
    if (stored !== actual)
        throw new OrbaxError(where, 'BAD_CRC', `CRC-32C is 0x${actual.toString(16).padStart(8, '0')}, the file says 0x${stored.toString(16).padStart(8, '0')}`);
    const inner = new ByteCursor(buf.subarray(0, buf.length - 4), where);
    inner.pos = 12;
    const version = inner.varint('the format version');
    if (version !== 0)
        throw new OrbaxError(where, 'UNSUPPORTED', `OCDBT format version ${version} (only 0 is known)`);
    const compression = inner.varint('the compression method');
    const rest = inner.buf.subarray(inner.pos);
    if (compression === 0)
        return { body: rest, zstd: false };
    if (compression === 1)
        return { body: zstdDecode(rest, maxBody, false, where), zstd: true };
    throw new OrbaxError(where, 'UNSUPPORTED', `compression method ${compression} (0 none and 1 zstd are known)`);
}
/** A data-file table: paths prefix-compressed against the previous one, each split into base + relative. */
function dataFileTable(c, base) {
    const n = c.varint('the data file count');
    if (n > c.left)
        throw new OrbaxError(c.where, 'TRUNCATED', `lists ${n} data files in ${c.left} bytes`);
    const prefix = [0];
    for (let i = 1; i < n; i++)
        prefix.push(c.varint('a data file prefix length'));
    const suffix = Array.from({ length: n }, () => c.varint('a data file suffix length'));
    const baseLen = Array.from({ length: n }, () => c.varint('a data file base length'));
    const out = [];
    let prev = '';
    for (let i = 0; i < n; i++) {
        if (prefix[i] > prev.length)
            throw new OrbaxError(c.where, 'BAD_TREE', `data file ${i} shares ${prefix[i]} bytes with a path of ${prev.length}`);
        const p = prev.slice(0, prefix[i]) + Buffer.from(c.bytes(suffix[i], 'a data file path')).toString('latin1');
        if (baseLen[i] > p.length)
            throw new OrbaxError(c.where, 'BAD_TREE', `data file ${i}'s base path is longer than its path`);
        out.push({ base: base + p.slice(0, baseLen[i]), path: base + p });
        prev = p;
    }
    return out;
}
/** The manifest's config and its latest version's root, or null for an empty database. */
function readManifest(files, manifest) {
    const rel = files.name(manifest);
    const size = files.size(manifest, rel);
    if (size > MAX_MANIFEST_BYTES)
        throw new OrbaxError(rel, 'NODE_TOO_LARGE', `is ${size} bytes, over the limit of ${MAX_MANIFEST_BYTES}`);
    const { body } = unframe(files.read(manifest, 0, size, rel), MANIFEST_MAGIC, rel, MAX_MANIFEST_BYTES);
    const c = new ByteCursor(body, rel);
    c.bytes(16, 'the uuid');
    const kind = c.u8('the manifest kind');
    if (kind !== 0)
        throw new OrbaxError(rel, 'UNSUPPORTED', `manifest kind ${kind} (numbered manifests); only the single-file manifest Orbax writes is read`);
    const maxInline = c.varint('max_inline_value_bytes');
    c.varint('max_decoded_node_bytes');
    c.u8('version_tree_arity_log2');
    const method = c.varint('the compression method');
    if (method === 1)
        c.i32le('the zstd level');
    else if (method !== 0)
        throw new OrbaxError(rel, 'UNSUPPORTED', `compression method ${method} in the config`);
    const table = dataFileTable(c, '');
    const n = c.varint('the version count');
    if (n > c.left)
        throw new OrbaxError(rel, 'TRUNCATED', `lists ${n} versions in ${c.left} bytes`);
    const col = (read) => Array.from({ length: n }, read);
    col(() => c.varint('a generation number'));
    const heights = col(() => c.u8('a root height'));
    const fileIds = col(() => c.varint('a data file id'));
    const offsets = col(() => c.varint('a root offset'));
    const lengths = col(() => c.varint('a root length'));
    for (let k = 0; k < 3; k++)
        col(() => c.varint('a version statistic'));
    col(() => (c.bytes(8, 'a commit time'), 0));
    const versionNodes = c.varint('the version node count');
    if (versionNodes === 0 && c.left !== 0)
        throw new OrbaxError(rel, 'TRAILING_BYTES', `${c.left} bytes after the version list`);
    if (n === 0)
        return { root: null, zstd: method === 1, versions: 0, maxInline };
    const last = n - 1;
    const file = table[fileIds[last]];
    if (!file)
        throw new OrbaxError(rel, 'BAD_TREE', `the latest version names data file ${fileIds[last]} of ${table.length}`);
    // The version tree's root is a node of the tree (height 0 is a leaf); a zero length means an empty tree.
    if (lengths[last] === 0)
        return { root: null, zstd: method === 1, versions: n, maxInline };
    return { root: { file, offset: offsets[last], length: lengths[last], height: heights[last] }, zstd: method === 1, versions: n, maxInline };
}
class TreeWalk {
    files;
    prefixPath;
    nodes = 0;
    entries = new Map();
    constructor(files, prefixPath) {
        this.files = files;
        this.prefixPath = prefixPath;
    }
    nodeName(ref) {
        return `${this.files.name(this.prefixPath + ref.file.path)}@${ref.offset}+${ref.length}`;
    }
    visit(ref, keyPrefix, height) {
        const where = this.nodeName(ref);
        if (height > MAX_HEIGHT)
            throw new OrbaxError(where, 'TOO_DEEP', `B+tree height ${height} is over the limit of ${MAX_HEIGHT}`);
        if (ref.length > MAX_NODE_BYTES)
            throw new OrbaxError(where, 'NODE_TOO_LARGE', `node of ${ref.length} bytes is over the limit of ${MAX_NODE_BYTES}`);
        if (++this.nodes > MAX_KEYS)
            throw new OrbaxError(where, 'TOO_MANY_KEYS', `the B+tree has more than ${MAX_KEYS} nodes`);
        const raw = this.files.read(this.prefixPath + ref.file.path, ref.offset, ref.length, where);
        const { body } = unframe(raw, NODE_MAGIC, where, MAX_NODE_BYTES);
        const c = new ByteCursor(body, where);
        const h = c.u8('the node height');
        if (h !== height)
            throw new OrbaxError(where, 'BAD_TREE', `node has height ${h} where its parent says ${height}`);
        const table = dataFileTable(c, ref.file.base);
        const n = c.varint('the entry count');
        if (n > c.left)
            throw new OrbaxError(where, 'TRUNCATED', `lists ${n} entries in ${c.left} bytes`);
        if (this.entries.size + n > MAX_KEYS)
            throw new OrbaxError(where, 'TOO_MANY_KEYS', `the database holds more than ${MAX_KEYS} keys, more than any real checkpoint`);
        const col = (read) => Array.from({ length: n }, read);
        const prefix = [0];
        for (let i = 1; i < n; i++)
            prefix.push(c.varint('a key prefix length'));
        const suffix = col(() => c.varint('a key suffix length'));
        const common = h > 0 ? col(() => c.varint('a subtree prefix length')) : [];
        const keys = [];
        let prev = new Uint8Array(0);
        for (let i = 0; i < n; i++) {
            if (prefix[i] > prev.length)
                throw new OrbaxError(where, 'BAD_TREE', `key ${i} shares ${prefix[i]} bytes with a key of ${prev.length}`);
            const k = new Uint8Array(prefix[i] + suffix[i]);
            k.set(prev.subarray(0, prefix[i]));
            k.set(c.bytes(suffix[i], 'a key'), prefix[i]);
            keys.push(k);
            prev = k;
        }
        const fileOf = (id) => table[id] ?? (() => { throw new OrbaxError(where, 'BAD_TREE', `names data file ${id} of ${table.length}`); })();
        if (h === 0)
            this.leaf(c, keys, keyPrefix, fileOf, where);
        else {
            const ids = col(() => c.varint('a child file id'));
            const offsets = col(() => c.varint('a child offset'));
            const lengths = col(() => c.varint('a child length'));
            for (let k = 0; k < 3; k++)
                col(() => c.varint('a subtree statistic'));
            if (c.left !== 0)
                throw new OrbaxError(where, 'TRAILING_BYTES', `${c.left} bytes after the node's entries`);
            for (let i = 0; i < n; i++) {
                if (common[i] > keys[i].length)
                    throw new OrbaxError(where, 'BAD_TREE', `entry ${i}'s subtree prefix is longer than its key`);
                this.visit({ file: fileOf(ids[i]), offset: offsets[i], length: lengths[i], height: h - 1 }, concat(keyPrefix, keys[i].subarray(0, common[i])), h - 1);
            }
        }
    }
    leaf(c, keys, keyPrefix, fileOf, where) {
        const n = keys.length;
        const lengths = Array.from({ length: n }, () => c.varint('a value length'));
        const kinds = Array.from({ length: n }, () => c.u8('a value kind'));
        const indirect = kinds.flatMap((k, i) => (k === 1 ? [i] : k === 0 ? [] : (() => { throw new OrbaxError(where, 'BAD_TREE', `value kind ${k} (0 inline, 1 out of line)`); })()));
        const ids = indirect.map(() => c.varint('a value file id'));
        const offsets = indirect.map(() => c.varint('a value offset'));
        const values = new Array(n);
        indirect.forEach((i, j) => {
            const file = fileOf(ids[j]);
            const name = Buffer.from(concat(keyPrefix, keys[i])).toString('utf8');
            values[i] = this.files.range(this.prefixPath + file.path, offsets[j], lengths[i], `${this.files.name(this.prefixPath + file.path)} (value of ${name})`);
        });
        for (let i = 0; i < n; i++) {
            if (kinds[i] !== 0)
                continue;
            const name = Buffer.from(concat(keyPrefix, keys[i])).toString('utf8');
            values[i] = memoryValue(c.bytes(lengths[i], 'an inline value').slice(), `${name} (inline in ${where})`);
        }
        if (c.left !== 0)
            throw new OrbaxError(where, 'TRAILING_BYTES', `${c.left} bytes after the node's values`);
        for (let i = 0; i < n; i++) {
            const name = Buffer.from(concat(keyPrefix, keys[i])).toString('utf8');
            if (this.entries.has(name))
                throw new OrbaxError(where, 'DUPLICATE_KEY', `key ${JSON.stringify(name)} appears twice`);
            this.entries.set(name, values[i]);
        }
    }
}
function concat(a, b) {
    if (a.length === 0)
        return b;
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
}
/**
 * Every key of the OCDBT database whose manifest is `dir/manifest.ocdbt` (`dir` relative to the
 * checkpoint root `files.root`, '' for the root itself), with its value.
 */
export function readOcdbt(files, dir) {
    const prefixPath = dir ? `${dir}/` : '';
    const manifest = readManifest(files, `${prefixPath}manifest.ocdbt`);
    const walk = new TreeWalk(files, prefixPath);
    if (manifest.root)
        walk.visit(manifest.root, new Uint8Array(0), manifest.root.height);
    return {
        entries: walk.entries,
        info: { compression: manifest.zstd ? 'zstd' : 'none', versions: manifest.versions, height: manifest.root?.height ?? 0, nodes: walk.nodes, keys: walk.entries.size, maxInlineValueBytes: manifest.maxInline },
    };
}
