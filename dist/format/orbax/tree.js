/**
 * Which directory of an Orbax step holds the PyTree, and which names its tree gives. A composite
 * step (`_CHECKPOINT_METADATA` beside `state/`, `items/`, `params/`, ...) opens its one PyTree
 * item; `_METADATA` (when present) lists the tree's leaves as tuples of keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readTextFile } from '../files.js';
import { isJsonObject, parseJson } from '../jsonParse.js';
import { OrbaxError } from './errors.js';
import { MAX_KEYS } from './ocdbt.js';
const MAX_METADATA_BYTES = 256 << 20;
export function readJsonFile(file, what) {
    const text = readTextFile(file, MAX_METADATA_BYTES, what);
    try {
        return parseJson(text, { maxDepth: 64 });
    }
    catch (e) {
        throw new OrbaxError(file, 'BAD_METADATA', `${what} is not valid JSON (${e.message})`);
    }
}
export function readJsonValue(bytes, where) {
    try {
        return parseJson(Buffer.from(bytes).toString('utf8'), { maxDepth: 64 });
    }
    catch (e) {
        throw new OrbaxError(where, 'BAD_METADATA', `is not valid JSON (${e.message})`);
    }
}
const has = (dir, name) => fs.existsSync(path.join(dir, name));
/**
 * A directory Orbax/T5X wrote a PyTree into (OCDBT, a msgpack `checkpoint`, zarr arrays with
 * `_METADATA`), or one holding zarr arrays without it, one directory per leaf named by its keys
 * (as Orbax's use_ocdbt=False lays them out, written by zarr-python or tensorstore).
 */
export function isPyTreeDir(dir) {
    if (has(dir, 'manifest.ocdbt') || has(dir, 'checkpoint') || has(dir, '_METADATA'))
        return true;
    return listDir(dir).some((e) => e.startsWith('ocdbt.process_') || has(path.join(dir, e), '.zarray') || has(path.join(dir, e), 'zarr.json'));
}
export function isOrbaxDir(dir) {
    return isPyTreeDir(dir) || has(dir, '_CHECKPOINT_METADATA');
}
/**
 * `dir`'s entries, sorted ([] when it cannot be read); TOO_MANY_KEYS past `limit`, so a hostile
 * directory is refused after one bounded listing, before any entry is looked into.
 */
export function listDir(dir, limit = MAX_KEYS) {
    let handle;
    try {
        handle = fs.opendirSync(dir);
    }
    catch {
        return [];
    }
    const names = [];
    try {
        for (let entry = handle.readSync(); entry; entry = handle.readSync()) {
            if (names.length === limit)
                throw new OrbaxError(dir, 'TOO_MANY_KEYS', `holds more than ${limit} entries, more than any real checkpoint`);
            names.push(entry.name);
        }
    }
    catch (e) {
        if (e instanceof OrbaxError)
            throw e;
        return [];
    }
    finally {
        handle.closeSync();
    }
    return names.sort();
}
const PYTREE_HANDLER = /PyTree|StandardCheckpointHandler|Standard/;
/** The PyTree directory of `dir`: itself, or the one PyTree item of a composite step directory. */
export function pyTreeDir(dir) {
    if (isPyTreeDir(dir))
        return dir;
    const metaFile = path.join(dir, '_CHECKPOINT_METADATA');
    let items = [];
    if (fs.existsSync(metaFile)) {
        const meta = readJsonFile(metaFile, '_CHECKPOINT_METADATA');
        const handlers = isJsonObject(meta) ? meta.get('item_handlers') : undefined;
        if (isJsonObject(handlers))
            items = [...handlers].filter(([, h]) => typeof h === 'string' && PYTREE_HANDLER.test(h)).map(([k]) => k).filter((k) => isPyTreeDir(path.join(dir, k)));
    }
    if (items.length === 0)
        items = listDir(dir).filter((e) => fs.statSync(path.join(dir, e)).isDirectory() && isPyTreeDir(path.join(dir, e)));
    if (items.length === 1)
        return path.join(dir, items[0]);
    if (items.length === 0)
        throw new OrbaxError(dir, 'NOT_ORBAX', 'is an Orbax step directory without a PyTree item (no manifest.ocdbt, checkpoint or _METADATA in any item)');
    throw new OrbaxError(dir, 'AMBIGUOUS_ITEM', `holds several PyTree items (${items.join(', ')}); pass one of ${items.map((i) => path.join(dir, i)).join(', ')}`);
}
/** `dir`'s `_METADATA` parsed (once per open: openOrbax keeps it), or null without one. */
export function readTreeMetadata(dir) {
    const file = path.join(dir, '_METADATA');
    return fs.existsSync(file) ? { file, json: readJsonFile(file, '_METADATA') } : null;
}
/** The leaves `_METADATA` lists, as key tuples, in its order; null without a `_METADATA`. */
export function metadataLeaves(metadata) {
    if (!metadata)
        return null;
    const { file, json: meta } = metadata;
    const tree = isJsonObject(meta) ? meta.get('tree_metadata') : undefined;
    if (!isJsonObject(tree))
        throw new OrbaxError(file, 'BAD_METADATA', 'has no tree_metadata object');
    if (tree.size > MAX_KEYS)
        throw new OrbaxError(file, 'TOO_MANY_KEYS', `lists ${tree.size} leaves, more than the ${MAX_KEYS} of any real checkpoint`);
    const leaves = [];
    for (const [tuple, leaf] of tree) {
        const keys = isJsonObject(leaf) ? leaf.get('key_metadata') : undefined;
        if (!Array.isArray(keys))
            throw new OrbaxError(file, 'BAD_METADATA', `leaf ${tuple} has no key_metadata list`);
        const value = isJsonObject(leaf) ? leaf.get('value_metadata') : undefined;
        const valueType = isJsonObject(value) ? String(value.get('value_type') ?? '') : '';
        leaves.push({
            valueType,
            keys: keys.map((k) => {
                const key = isJsonObject(k) ? k.get('key') : undefined;
                if (typeof key === 'string' || typeof key === 'number')
                    return String(key);
                throw new OrbaxError(file, 'BAD_METADATA', `leaf ${tuple} has a key that is not a string or integer`);
            }),
        });
    }
    return leaves;
}
/** Names of optimizer state, left out unless asked for: Orbax/MaxText `opt_state`, T5X `state` beside `target`. */
export function isOptimizerState(name, t5x) {
    const first = name.split('.')[0];
    return first === 'opt_state' || (t5x && first === 'state');
}
/** Whether `_METADATA` says every chunk was written, fill-valued or not (so an absent one is lost). */
export function everyChunkStored(metadata) {
    const meta = metadata?.json;
    return isJsonObject(meta) && meta.get('store_array_data_equal_to_fill_value') === true;
}
/** Most `custom_metadata` entries read: scanconv writes a handful; a file's own are untrusted. */
const MAX_CUSTOM_ENTRIES = 1024;
/**
 * `_METADATA`'s `custom_metadata` string entries (where scanconv's Orbax writer puts its
 * provenance), as the checkpoint's metadata, so `scanconv.*` keys survive an Orbax round trip.
 * Entries of other types are not metadata scanconv reads and are left out; the layout validates
 * every `scanconv.*` value it uses (layout/metadata.ts).
 */
export function customMetadata(metadata) {
    const out = Object.create(null);
    if (!metadata)
        return out;
    const { file, json: meta } = metadata;
    const custom = isJsonObject(meta) ? meta.get('custom_metadata') : undefined;
    if (custom === undefined || custom === null)
        return out;
    if (!isJsonObject(custom))
        throw new OrbaxError(file, 'BAD_METADATA', 'has a custom_metadata that is not an object');
    if (custom.size > MAX_CUSTOM_ENTRIES)
        throw new OrbaxError(file, 'BAD_METADATA', `has ${custom.size} custom_metadata entries, more than the ${MAX_CUSTOM_ENTRIES} scanconv reads`);
    for (const [k, v] of custom)
        if (typeof v === 'string')
            out[k] = v;
    return out;
}
