/**
 * zarr array metadata, v2 (`.zarray`, or a T5X tensorstore spec's `metadata`) and v3
 * (`zarr.json`, optionally `sharding_indexed`), turned into one ArraySpec: dtype, shape, the
 * chunk grid scanconv reads by (a shard's inner chunks for sharded arrays), codecs, fill value.
 * Anything outside what tensorstore and Orbax write (filters, F order, blosc, transpose) is
 * refused by name rather than misread.
 */
import { type DType } from '../dtype.js';
import { type JsonObject, type JsonValue } from '../jsonParse.js';
export type Codec = 'zstd' | 'gzip' | 'zlib' | 'crc32c';
export interface ShardSpec {
    /** Inner chunks per shard along each dimension. */
    perShard: number[];
    codecs: Codec[];
    indexCrc: boolean;
    indexAtEnd: boolean;
}
export interface ArraySpec {
    zarrFormat: 2 | 3;
    dtype: DType;
    bigEndian: boolean;
    shape: number[];
    /** The chunk a reader decodes: the grid's chunk, or a shard's inner chunk. */
    chunks: number[];
    /** Bytes-to-bytes codecs of a stored chunk (of the inner chunk when sharded), in encode order. */
    codecs: Codec[];
    shard?: ShardSpec;
    /** Key of a grid chunk (a shard when sharded), relative to the array's directory. */
    key(grid: readonly number[]): string;
    /** One element's bytes to fill absent chunks with. */
    fill: Uint8Array;
    /** For inspect: `zstd`, `gzip`, `none`, `sharded(zstd)`. */
    compression: string;
}
/** Elements of one chunk; chunks over this many bytes are refused (one is held in memory at a time). */
export declare const MAX_CHUNK_BYTES: number;
/** Grid chunks of one array (check walks all of them). */
export declare const MAX_GRID_CHUNKS: number;
type Fail = (code: 'BAD_METADATA' | 'UNKNOWN_DTYPE' | 'BAD_SHAPE' | 'UNSUPPORTED', detail: string) => never;
/** zarr v2 dtype string: `<f4`, `|b1`, or tensorstore's `bfloat16` / `float8_*` names. */
export declare function parseDtype(text: JsonValue | undefined, fail: Fail): {
    dtype: DType;
    bigEndian: boolean;
};
/** zarr v2 metadata (a `.zarray`, or the `metadata` of a T5X tensorstore spec with its dtype). */
export declare function parseZarrV2(meta: JsonObject, where: string, dtypeOverride?: string): ArraySpec;
/** zarr v3 `zarr.json` of an array. */
export declare function parseZarrV3(meta: JsonObject, where: string): ArraySpec;
export {};
