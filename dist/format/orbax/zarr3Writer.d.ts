/**
 * zarr v3 arrays as orbax-checkpoint writes them through tensorstore: one shard per array
 * (`chunk_grid` = the array's shape, key `NAME/c/0/…/0`), codec `sharding_indexed` whose inner
 * chunks split the array along axis 0 (so each is a contiguous run of the C-order bytes) and
 * are encoded `bytes` (little endian) + `zstd`, and whose index (offset, length per inner chunk,
 * u64 LE) follows them, protected by `crc32c`.
 */
import type { DType } from '../dtype.js';
export declare function zarrDtype(dtype: DType): string;
export interface ArrayLayout {
    readonly dtype: DType;
    readonly shape: readonly number[];
    /** Inner chunk shape: `rows` along axis 0, the full extent on every other axis. */
    readonly chunkShape: readonly number[];
    /** zstd level of the inner chunks; undefined = `bytes` codec only. */
    readonly zstdLevel?: number;
}
/**
 * Rows of axis 0 per inner chunk: the largest divisor of the first dimension whose chunk is at
 * most `targetBytes` (sharding needs the shard shape to be a multiple of the chunk shape), and at
 * least one row.
 */
export declare function chunkRows(shape: readonly number[], elementSize: number, targetBytes: number): number;
export declare function arrayLayout(dtype: DType, shape: readonly number[], targetChunkBytes: number, zstdLevel: number | undefined): ArrayLayout;
/** `zarr.json` with its keys sorted, as tensorstore writes it (byte for byte, for the codecs orbax uses). */
export declare function zarrJson(a: ArrayLayout): string;
/** The key of the array's one shard under `name` (default chunk key encoding, `/` separator). */
export declare function shardKey(name: string, rank: number): string;
/** Bytes of one inner chunk and the number of inner chunks. */
export declare function innerChunks(a: ArrayLayout): {
    chunkBytes: number;
    count: number;
};
/**
 * Builds a shard as a stream: `add` encodes one inner chunk (in order; `addEncoded` takes it
 * encoded) and hands its bytes to
 * `emit`; `index` returns the trailing index (offset and length of each chunk, then its CRC-32C).
 */
export declare class ShardEncoder {
    private readonly layout;
    private readonly emit;
    private readonly index;
    private readonly view;
    private at;
    private chunk;
    constructor(layout: ArrayLayout, emit: (bytes: Uint8Array) => void);
    /** Encode the next inner chunk here (compressed in this thread). */
    add(raw: Uint8Array): void;
    /** The next inner chunk, already encoded (compressPool.ts compresses it elsewhere). */
    addEncoded(encoded: Uint8Array): void;
    finish(): void;
}
