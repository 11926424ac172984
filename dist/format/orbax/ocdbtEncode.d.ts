export declare const BTREE_NODE_MAGIC = 215687390;
export declare const MANIFEST_MAGIC = 215693866;
/** tensorstore's kMaxNodeArity. */
export declare const MAX_NODE_ARITY: number;
export interface OcdbtConfig {
    /** 16 bytes identifying the database. */
    readonly uuid: Uint8Array;
    readonly maxInlineValueBytes: number;
    readonly maxDecodedNodeBytes: number;
    readonly versionTreeArityLog2: number;
    /** Nodes and the manifest are zstd-compressed at this level (0 = zstd's default); undefined = uncompressed. */
    readonly zstdLevel?: number;
}
/** What current tensorstore (as used by orbax-checkpoint) chooses for a new database. */
export declare function defaultConfig(uuid: Uint8Array): OcdbtConfig;
export interface NodeStatistics {
    numKeys: number;
    numTreeBytes: number;
    numIndirectValueBytes: number;
}
/** A value's place in a data file (paths relative to the database root, e.g. `d/0123…`). */
export interface IndirectRef {
    readonly file: string;
    readonly offset: number;
    readonly length: number;
}
export type LeafValue = {
    readonly inline: Uint8Array;
} | {
    readonly indirect: IndirectRef;
};
export interface LeafEntry {
    readonly key: Uint8Array;
    readonly value: LeafValue;
}
export interface ChildRef {
    /** Inclusive lower bound of the child's keys: its first key. */
    readonly key: Uint8Array;
    readonly location: IndirectRef;
    readonly stats: NodeStatistics;
}
declare const compareBytes: (a: Uint8Array, b: Uint8Array) => number;
/**
 * magic (u32 BE), total length (u64 LE), format version 0 and compression (varints), the body
 * (zstd-compressed when `zstdLevel` is set), CRC-32C (u32 LE) of everything before it.
 */
export declare function encodeEnvelope(magic: number, body: Uint8Array, zstdLevel: number | undefined): Uint8Array;
/** The body of a leaf node (height 0). */
export declare function leafNodeBody(entries: readonly LeafEntry[]): Uint8Array;
/** The body of an interior node of `height` >= 1. */
export declare function interiorNodeBody(height: number, children: readonly ChildRef[]): Uint8Array;
export interface RootVersion {
    readonly generation: number;
    readonly rootHeight: number;
    readonly root: IndirectRef;
    readonly stats: NodeStatistics;
    /** Commit time in nanoseconds since the Unix epoch (what tensorstore stores, whatever the spec text says). */
    readonly commitTimeNs: bigint;
}
/** The body of a manifest with one version, inline (manifest_kind 0, no version tree nodes). */
export declare function manifestBody(config: OcdbtConfig, version: RootVersion): Uint8Array;
export { compareBytes };
