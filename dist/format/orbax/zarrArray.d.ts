import type { TensorRef } from '../types.js';
import { ChunkGrid } from './chunkGrid.js';
import type { FileRange, StoredValue } from './files.js';
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
/**
 * Undo the bytes-to-bytes codecs of one stored chunk; the result is exactly `size` bytes (else
 * CHUNK_SIZE). With `view`, it may be the zstd decoder's reusable buffer, valid until the next
 * decode in this thread: for a caller that places the bytes at once and keeps nothing.
 */
export declare function decodeChunk(raw: Uint8Array, codecs: readonly string[], size: number, where: string, view?: boolean): Uint8Array;
/** A stored chunk, not yet read. */
export interface StoredChunk {
    /** Names it in errors. */
    where: string;
    length: number;
    /** Where it lies in an open file, when it does (not a value held in memory): another thread may read it there. */
    file?: FileRange;
    /** Its bytes (into the start of `into` when given). */
    read(into?: Uint8Array): Uint8Array;
}
/** The zarr array `ref` reads, when it is one's own ref. */
export declare const zarrArrayOf: (ref: TensorRef) => ZarrArray | undefined;
export declare class ZarrArray {
    readonly name: string;
    /** Key prefix of the array (`params.decoder.x/`), '' in its own directory. */
    readonly prefix: string;
    readonly spec: ArraySpec;
    private readonly lookup;
    private readonly cache;
    readonly itemSize: number;
    /** Bytes swapped together in a big-endian chunk: an element's, a complex number's parts' (two float32s). */
    readonly swapSize: number;
    readonly chunkBytes: number;
    /** The decoded chunk grid: which chunk bytes a byte range is made of. */
    readonly layout: ChunkGrid;
    constructor(name: string, 
    /** Key prefix of the array (`params.decoder.x/`), '' in its own directory. */
    prefix: string, spec: ArraySpec, lookup: ValueLookup, cache: ChunkCache);
    get byteLength(): number;
    /** Grid positions of every stored unit (a chunk, or a shard when sharded). */
    grid(): Generator<number[]>;
    /** Decoded chunk at chunk-grid position `c` (inner chunk when sharded). */
    chunk(c: readonly number[]): Uint8Array;
    /**
     * The chunk at `c` decoded for immediate use (not cached; possibly a view of the decoder's buffer,
     * valid until the next decode in this thread); an absent chunk is the fill value.
     */
    transient(c: readonly number[]): Uint8Array;
    private fillChunk?;
    /** Decode the chunk at chunk-grid position `c` (uncached); null when it is not stored (fill value). */
    load(c: readonly number[], view?: boolean): Uint8Array | null;
    /**
     * The stored (still encoded) bytes of the chunk at `c` and where they are; null when it is not
     * stored. With `buffer`, they are read into the start of the buffer it gives for their length.
     */
    stored(c: readonly number[], buffer?: (length: number) => Uint8Array): {
        raw: Uint8Array;
        where: string;
    } | null;
    /** The chunk at `c` as stored, not yet read (its length checked); null when it is not stored. */
    storedChunk(c: readonly number[]): StoredChunk | null;
    /**
     * Refuse a stored chunk longer than any encoding of the chunk, before a buffer of that length
     * is allocated (a hostile shard index or OCDBT entry may claim gigabytes). The bound is above
     * both codecs' worst case: zstd's ZSTD_COMPRESSBOUND is n + n/256 + at most 64 bytes (zstd.h),
     * zlib's deflateBound with the default window and memLevel (what tensorstore and numcodecs use)
     * n + n/4096 + n/16384 + n/2^25 + 7 plus an 18-byte gzip wrapper (zlib's deflate.c); each crc32c
     * codec adds 4 bytes.
     */
    private checkStoredLength;
    /** A shard's index: (offset, length) per inner chunk, CRC-checked, every range inside the shard. */
    shardIndex(key: string, value: StoredValue): Float64Array;
    /** A chunk of the fill value (an absent chunk reads as this). */
    filled(): Uint8Array;
    readInto(target: Uint8Array, targetOffset: number, offset: number, length: number): void;
    ref(): TensorRef;
}
/** Little-endian from big-endian, element by element. */
export declare function swapInPlace(bytes: Uint8Array, size: number): void;
/** Every position of a grid of `counts` cells per axis, in C order (none when an axis is empty). */
export declare function gridPositions(counts: readonly number[]): Generator<number[]>;
