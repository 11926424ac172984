/**
 * An Orbax (or T5X) checkpoint directory as a lazy TensorIndex: finds the PyTree item, the store
 * its arrays live in (an OCDBT database, the union of unmerged per-process ones, or plain
 * directories), the arrays (zarr v2/v3 metadata, T5X tensorstore specs, inline msgpack arrays)
 * and the tree's names (`_METADATA`, or the stored keys). Nothing but metadata is read here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../../errors.js';
import { FileCursor } from '../msgpackCursor.js';
import { fileRef } from '../msgpack.js';
import { isMap, isTensor, MsgpackError, Parser } from '../msgpackParser.js';
import { openRegular } from '../files.js';
import { isJsonObject } from '../jsonParse.js';
import { OrbaxError } from './errors.js';
import { CheckpointFiles } from './files.js';
import { readOcdbt, MAX_KEYS } from './ocdbt.js';
import { customMetadata, everyChunkStored, isOptimizerState, listDir, metadataLeaves, pyTreeDir, readJsonValue, readTreeMetadata } from './tree.js';
import { ChunkCache, ZarrArray } from './zarrArray.js';
import { parseZarrV2, parseZarrV3 } from './zarrMeta.js';
import { checkArrays } from './integrity.js';
/** `.zarray` / `zarr.json` are a few hundred bytes; a stored length past this is refused before it is read. */
const MAX_ZARR_METADATA = 16 << 20;
function specOf(key, value) {
    if (value.length > MAX_ZARR_METADATA)
        throw new OrbaxError(value.where, 'BAD_METADATA', `zarr metadata of ${value.length} bytes is over the limit of ${MAX_ZARR_METADATA} (16 MiB)`);
    const meta = readJsonValue(value.read(0, value.length), value.where);
    if (!isJsonObject(meta))
        throw new OrbaxError(value.where, 'BAD_METADATA', 'is not a JSON object');
    if (key.endsWith('.zarray'))
        return parseZarrV2(meta, value.where);
    return meta.get('node_type') === 'group' ? null : parseZarrV3(meta, value.where);
}
function arraysOf(keys, lookup) {
    const arrays = new Map();
    for (const key of keys) {
        const m = /^(.*)\/(\.zarray|zarr\.json)$/.exec(key);
        if (!m)
            continue;
        const spec = specOf(key, lookup(key));
        if (spec)
            arrays.set(m[1], spec);
    }
    return arrays;
}
function ocdbtStore(dir, files) {
    const processDirs = listDir(dir).filter((e) => /^ocdbt\.process_\d+$/.test(e)).sort((a, b) => Number(a.split('_')[1]) - Number(b.split('_')[1]));
    const merged = fs.existsSync(path.join(dir, 'manifest.ocdbt'));
    if (!merged && processDirs.length === 0)
        return null;
    const dbs = merged ? [''] : processDirs;
    const entries = new Map();
    let info;
    for (const db of dbs) {
        const one = readOcdbt(files, db);
        info = info ? { ...info, nodes: info.nodes + one.info.nodes, keys: info.keys + one.info.keys, height: Math.max(info.height, one.info.height) } : one.info;
        for (const [k, v] of one.entries) {
            if (entries.has(k))
                throw new OrbaxError(path.join(dir, db), 'DUPLICATE_KEY', `key ${JSON.stringify(k)} is in two per-process databases`);
            entries.set(k, v);
        }
        if (entries.size > MAX_KEYS)
            throw new OrbaxError(dir, 'TOO_MANY_KEYS', `the databases hold more than ${MAX_KEYS} keys`);
    }
    const lookup = (k) => entries.get(k);
    return { lookup, arrays: arraysOf(entries.keys(), lookup), ocdbt: { ...info, databases: dbs.length } };
}
/** Plain directories (`use_ocdbt=False`, legacy and T5X): a key is a file path under the item. */
function directoryLookup(files) {
    return (key) => (files.exists(key) ? files.value(key) : undefined);
}
function directoryArrays(dir, files, names) {
    const lookup = directoryLookup(files);
    const keys = [];
    for (const name of names)
        for (const meta of ['.zarray', 'zarr.json'])
            if (fs.existsSync(path.join(dir, name, meta)))
                keys.push(`${name}/${meta}`);
    return arraysOf(keys, lookup);
}
const toJson = (v) => {
    if (isMap(v)) {
        const keys = [...v.keys()];
        // msgpack lists were read as {"0": ..} maps; in a tensorstore spec an empty one is a scalar's shape.
        if (keys.every((k, i) => k === String(i)))
            return keys.map((k) => toJson(v.get(k)));
        const out = new Map();
        for (const [k, c] of v)
            out.set(k, toJson(c));
        return out;
    }
    if (typeof v === 'object' && v !== null)
        return 'text' in v && v.text !== undefined ? v.text : null;
    return v;
};
const textOf = (v) => (typeof v === 'object' && v !== null && !isMap(v) && !isTensor(v) ? v.text : undefined);
/** The msgpack `checkpoint` of legacy Orbax (PLACEHOLDER:// entries) and T5X (tensorstore specs). */
function msgpackTree(checkpointFile, closeFds) {
    const { fd, size } = openRegular(checkpointFile);
    closeFds.push(fd);
    const cursor = new FileCursor(fd, size, (need) => {
        throw new MsgpackError(checkpointFile, 'TRUNCATED', `file ends at ${size} bytes but the data needs ${need}`);
    });
    let root = new Parser(cursor, checkpointFile, true).root();
    const t5x = isMap(root) && isMap(root.get('optimizer')) && root.has('version');
    if (t5x && isMap(root))
        root = root.get('optimizer');
    const leaves = [];
    const visit = (v, keys) => {
        const name = keys.join('.');
        const text = textOf(v);
        if (isTensor(v))
            leaves.push({ name, ref: fileRef(checkpointFile, fd, name, v.dtype, v.shape, [v]) });
        else if (text?.startsWith('PLACEHOLDER://'))
            leaves.push({ name, array: { dir: text.slice('PLACEHOLDER://'.length), spec: null } });
        else if (isMap(v) && textOf(v.get('driver')) === 'zarr') {
            const spec = toJson(v);
            const kv = isJsonObject(spec) ? spec.get('kvstore') : undefined;
            const rel = isJsonObject(kv) ? kv.get('path') : undefined;
            const meta = isJsonObject(spec) ? spec.get('metadata') : undefined;
            if (typeof rel !== 'string' || !isJsonObject(meta) || !isJsonObject(spec))
                throw new OrbaxError(checkpointFile, 'BAD_METADATA', `tensorstore spec of ${name} has no kvstore path or metadata`);
            const dtype = spec.get('dtype');
            leaves.push({ name, array: { dir: rel.replace(/\/+$/, ''), spec: parseZarrV2(meta, `${checkpointFile} (${name})`, typeof dtype === 'string' ? dtype : undefined) } });
        }
        else if (isMap(v))
            for (const [k, c] of v)
                visit(c, [...keys, k]);
        // Other leaves (numbers, strings, None) are not arrays: Orbax keeps them in the tree only.
    };
    visit(root, []);
    return { leaves, t5x };
}
export function openOrbax(input, options = {}) {
    const dir = pyTreeDir(input);
    const files = new CheckpointFiles(dir);
    const fds = [];
    const close = () => {
        files.close();
        for (const fd of fds.splice(0))
            fs.closeSync(fd);
    };
    try {
        const cache = new ChunkCache();
        const tensors = new Map();
        const zarrArrays = [];
        const ocdbt = ocdbtStore(dir, files);
        // `_METADATA` is parsed once, where it is first needed (as before, so a broken one is refused
        // at the same step): the leaves, the custom metadata and integrity()'s chunk policy share it.
        let treeMetadata;
        const metadataFile = () => (treeMetadata === undefined ? (treeMetadata = readTreeMetadata(dir)) : treeMetadata);
        let t5x = false;
        let layout;
        const addArray = (name, prefix, spec, lookup) => {
            const array = new ZarrArray(name, prefix, spec, lookup, cache);
            zarrArrays.push(array);
            tensors.set(name, array.ref());
        };
        const checkpointFile = path.join(dir, 'checkpoint');
        if (fs.existsSync(checkpointFile)) {
            const tree = msgpackTree(checkpointFile, fds);
            t5x = tree.t5x;
            layout = t5x ? 'T5X (msgpack of tensorstore specs)' : `Orbax msgpack checkpoint${ocdbt ? ' with OCDBT' : ''}`;
            for (const leaf of tree.leaves) {
                if (leaf.ref)
                    tensors.set(leaf.name, leaf.ref);
                else if (leaf.array) {
                    const rel = leaf.array.dir;
                    if (ocdbt && !leaf.array.spec) {
                        const spec = ocdbt.arrays.get(rel) ?? (() => { throw new OrbaxError(dir, 'MISSING_ARRAY', `${leaf.name} points to array ${rel}, which the OCDBT database does not hold`); })();
                        addArray(leaf.name, `${rel}/`, spec, ocdbt.lookup);
                    }
                    else {
                        const spec = leaf.array.spec ?? directoryArrays(dir, files, [rel]).get(rel) ?? (() => { throw new OrbaxError(dir, 'MISSING_ARRAY', `${leaf.name} points to ${path.join(dir, rel)}, which holds no .zarray or zarr.json`); })();
                        addArray(leaf.name, `${rel}/`, spec, directoryLookup(files));
                    }
                }
            }
        }
        else {
            const leaves = metadataLeaves(metadataFile());
            const names = leaves ? leaves.map((l) => l.keys.join('.')) : null;
            const arrays = ocdbt ? ocdbt.arrays : directoryArrays(dir, files, names ?? listDir(dir));
            const lookup = ocdbt ? ocdbt.lookup : directoryLookup(files);
            layout = ocdbt ? 'Orbax PyTree in OCDBT' : 'Orbax PyTree in zarr directories';
            for (const [i, name] of (names ?? [...arrays.keys()]).entries()) {
                const spec = arrays.get(name);
                if (spec)
                    addArray(name, `${name}/`, spec, lookup);
                else if (leaves && !/string|None/i.test(leaves[i].valueType))
                    throw new OrbaxError(dir, 'MISSING_ARRAY', `_METADATA lists ${name} (${leaves[i].valueType || 'an array'}), which the checkpoint does not hold`);
            }
        }
        const dropped = options.optimizerState ? [] : [...tensors.keys()].filter((n) => isOptimizerState(n, t5x));
        if (dropped.length && dropped.length === tensors.size) {
            throw new OrbaxError(dir, 'ONLY_OPTIMIZER_STATE', `holds only optimizer state (${dropped.length} arrays, e.g. ${dropped[0]}); pass --optimizer-state to read it`);
        }
        for (const n of dropped)
            tensors.delete(n);
        const kept = zarrArrays.filter((a) => tensors.has(a.name));
        const versions = new Set(kept.map((a) => `zarr v${a.spec.zarrFormat}`));
        const compression = new Set(kept.map((a) => a.spec.compression));
        const storage = Object.assign(Object.create(null), {
            item: dir,
            layout,
            zarr: [...versions].join(', ') || 'none (inline arrays only)',
            compression: [...compression].join(', ') || 'none',
            chunking: kept.length ? `${kept.reduce((s, a) => s + [...a.grid()].length, 0)} chunks over ${kept.length} arrays` : 'none',
        });
        if (ocdbt?.ocdbt) {
            const o = ocdbt.ocdbt;
            storage.ocdbt = `${o.databases > 1 ? `${o.databases} unmerged per-process databases` : '1 database'}, ${o.compression} nodes, B+tree height ${o.height}, ${o.nodes} nodes, ${o.keys} keys`;
        }
        if (dropped.length)
            storage.left_out = `${dropped.length} optimizer state arrays (--optimizer-state to read them)`;
        return {
            path: input,
            format: 'orbax',
            tensors,
            metadata: customMetadata(metadataFile()),
            sep: '.',
            storage,
            files: files.paths,
            integrity: () => checkArrays(kept, everyChunkStored(metadataFile()), dir),
            close,
        };
    }
    catch (e) {
        close();
        if (e instanceof ScanconvError)
            throw e;
        throw e;
    }
}
