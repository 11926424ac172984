export { crc32c } from './crc32c.js';
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
/** A zstd decoder: the output, at most `capacity` bytes, possibly a view valid until the next call. */
export type ZstdDecoder = (src: Uint8Array, capacity: number) => Uint8Array;
/**
 * The running Node's own zstd (`zlib.zstdDecompressSync`, Node 22.15+/23.8+: native speed) when
 * it has one, else libzstd in WebAssembly (wasmZstd.ts). Given the zlib module, so a test can
 * hand it one with or without zstd.
 */
export declare function pickZstd(z: object): {
    name: 'node' | 'wasm';
    decode: ZstdDecoder;
};
/** Which zstd decodes here: `node` or `wasm` (inspect-style reports and tests). */
export declare const zstdName: () => "node" | "wasm";
/** Tests: decode with another zstd (restored by calling the returned function). */
export declare function useZstd(z: object): () => void;
/**
 * Decode a zstd frame of at most `max` bytes (exactly `max` when `exact`). A frame that declares
 * or produces more is refused before its output is allocated past `max`. The result may be a view
 * of the decoder's reusable buffer, valid until the next decode (`zstdDecode` copies it).
 */
export declare function zstdDecodeView(src: Uint8Array, max: number, exact: boolean, where: string): Uint8Array;
/**
 * A buffer of `length` bytes to read a stored chunk into, for a decode that keeps nothing (valid
 * until the next call or decode in this thread). For a chunk with a zstd codec decoded by the
 * WebAssembly zstd, it is the decoder's own input buffer: no copy into it, and no chunk-sized
 * buffer outside it (on a 2 GB unscan, 1.5 GB less copied and one stored chunk less in memory).
 */
export declare function stagingBuffer(length: number, hasZstd: boolean): Uint8Array;
/** `zstdDecodeView`, copied out of the decoder's buffer: the caller may keep it. */
export declare function zstdDecode(src: Uint8Array, max: number, exact: boolean, where: string): Uint8Array;
/** gzip or zlib (zarr's `gzip`/`zlib` compressors), at most `max` bytes, exactly `max` when `exact`. */
export declare function gzipDecode(src: Uint8Array, max: number, exact: boolean, where: string, kind?: 'gzip' | 'zlib'): Uint8Array;
