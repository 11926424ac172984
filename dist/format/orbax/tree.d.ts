import { type JsonValue } from '../jsonParse.js';
export declare function readJsonFile(file: string, what: string): JsonValue;
export declare function readJsonValue(bytes: Uint8Array, where: string): JsonValue;
/**
 * A directory Orbax/T5X wrote a PyTree into (OCDBT, a msgpack `checkpoint`, zarr arrays with
 * `_METADATA`), or one holding zarr arrays without it, one directory per leaf named by its keys
 * (as Orbax's use_ocdbt=False lays them out, written by zarr-python or tensorstore).
 */
export declare function isPyTreeDir(dir: string): boolean;
export declare function isOrbaxDir(dir: string): boolean;
/**
 * `dir`'s entries, sorted ([] when it cannot be read); TOO_MANY_KEYS past `limit`, so a hostile
 * directory is refused after one bounded listing, before any entry is looked into.
 */
export declare function listDir(dir: string, limit?: number): string[];
/** The PyTree directory of `dir`: itself, or the one PyTree item of a composite step directory. */
export declare function pyTreeDir(dir: string): string;
/** A PyTree directory's `_METADATA`, parsed: the tree's leaves, its custom metadata and its chunk policy are all read from this one parse. */
export interface TreeMetadata {
    readonly file: string;
    readonly json: JsonValue;
}
/** `dir`'s `_METADATA` parsed (once per open: openOrbax keeps it), or null without one. */
export declare function readTreeMetadata(dir: string): TreeMetadata | null;
/** The leaves `_METADATA` lists, as key tuples, in its order; null without a `_METADATA`. */
export declare function metadataLeaves(metadata: TreeMetadata | null): {
    keys: string[];
    valueType: string;
}[] | null;
/** Names of optimizer state, left out unless asked for: Orbax/MaxText `opt_state`, T5X `state` beside `target`. */
export declare function isOptimizerState(name: string, t5x: boolean): boolean;
/** Whether `_METADATA` says every chunk was written, fill-valued or not (so an absent one is lost). */
export declare function everyChunkStored(metadata: TreeMetadata | null): boolean;
/**
 * `_METADATA`'s `custom_metadata` string entries (where scanconv's Orbax writer puts its
 * provenance), as the checkpoint's metadata, so `scanconv.*` keys survive an Orbax round trip.
 * Entries of other types are not metadata scanconv reads and are left out; the layout validates
 * every `scanconv.*` value it uses (layout/metadata.ts).
 */
export declare function customMetadata(metadata: TreeMetadata | null): Record<string, string>;
