import type { TensorRef } from '../types.js';
import type { StoredValue } from './files.js';
import type { ArraySpec } from './zarrMeta.js';
/** Looks up stored values by key (an OCDBT database, or files of a directory). */
export type ValueLookup = (key: string) => StoredValue | undefined;
/**
 * Decoded chunks of a checkpoint, least recently used first out, within a byte budget (at least
 * the chunk in hand). One slot is not enough: a row of a tensor chunked along its last axis
 * touches several chunks in turn, and a layer's slice of a scanned tensor asks for the same
 * chunks again for every layer; within the budget each is decoded once.
 */
export declare class ChunkCache {
    private readonly budget;
    private readonly chunks;
    private bytes;
    private readonly indexes;
    constructor(budget?: number);
    get(key: string, load: () => Uint8Array): Uint8Array;
    index(key: string, load: () => Float64Array): Float64Array;
}
/** Decoded chunks kept per checkpoint (the bound: one chunk plus 256 MB). */
export declare const CACHE_BYTES: number;
/** Undo the bytes-to-bytes codecs of one stored chunk; the result is exactly `size` bytes. */
export declare function decodeChunk(raw: Uint8Array, codecs: readonly string[], size: number, where: string): Uint8Array;
export declare class ZarrArray {
    readonly name: string;
    /** Key prefix of the array (`params.decoder.x/`), '' in its own directory. */
    readonly prefix: string;
    readonly spec: ArraySpec;
    private readonly lookup;
    private readonly cache;
    readonly itemSize: number;
    readonly chunkBytes: number;
    /** Where the elements' contiguous runs end: the last dimension whose chunk is not the whole extent. */
    private readonly runDim;
    private readonly chunkStrides;
    constructor(name: string, 
    /** Key prefix of the array (`params.decoder.x/`), '' in its own directory. */
    prefix: string, spec: ArraySpec, lookup: ValueLookup, cache: ChunkCache);
    get byteLength(): number;
    /** Grid positions of every stored unit (a chunk, or a shard when sharded). */
    grid(): Generator<number[]>;
    /** Decoded chunk at chunk-grid position `c` (inner chunk when sharded). */
    chunk(c: readonly number[]): Uint8Array;
    /** Decode the chunk at chunk-grid position `c` (uncached); null when it is not stored (fill value). */
    load(c: readonly number[]): Uint8Array | null;
    /** A shard's index: (offset, length) per inner chunk, CRC-checked, every range inside the shard. */
    shardIndex(key: string, value: StoredValue): Float64Array;
    private filled;
    readInto(target: Uint8Array, targetOffset: number, offset: number, length: number): void;
    ref(): TensorRef;
}
/** Every position of a grid of `counts` cells per axis, in C order (none when an axis is empty). */
export declare function gridPositions(counts: readonly number[]): Generator<number[]>;
