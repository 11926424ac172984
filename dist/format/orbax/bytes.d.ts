export declare function crc32c(data: Uint8Array): number;
export declare class ByteCursor {
    readonly buf: Uint8Array;
    /** Names the structure in errors ("manifest.ocdbt", "d/abc@0+377"). */
    readonly where: string;
    pos: number;
    constructor(buf: Uint8Array, 
    /** Names the structure in errors ("manifest.ocdbt", "d/abc@0+377"). */
    where: string);
    get left(): number;
    private need;
    u8(what?: string): number;
    bytes(n: number, what?: string): Uint8Array;
    u32le(what?: string): number;
    i32le(what?: string): number;
    /** A little-endian u64; values past 2^53 are refused (no file offset or count is that large). */
    u64le(what?: string): number;
    /** LEB128 varint (at most 10 bytes); a value past 2^53 is refused rather than rounded. */
    varint(what?: string): number;
}
/**
 * Decode a zstd frame of at most `max` bytes (exactly `max` when `exact`). A frame that declares
 * or produces more is refused before its output is allocated past `max`.
 */
export declare function zstdDecode(src: Uint8Array, max: number, exact: boolean, where: string): Uint8Array;
/** gzip or zlib (zarr's `gzip`/`zlib` compressors), at most `max` bytes, exactly `max` when `exact`. */
export declare function gzipDecode(src: Uint8Array, max: number, exact: boolean, where: string, kind?: 'gzip' | 'zlib'): Uint8Array;
