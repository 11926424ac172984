/**
 * Load the WebAssembly module once per process (thread); `zstdCompress` is synchronous
 * afterwards. The package's `init` must never run twice: a second call returns at once while a
 * second instance replaces the first's memory under running calls (frames then fail to decode).
 * So every user in the thread goes through this one promise.
 */
export declare function loadZstd(): Promise<void>;
/** The most bytes a frame of `bytes` input can take (zstd's ZSTD_COMPRESSBOUND, with room to spare). */
export declare function frameBound(bytes: number): number;
/**
 * One zstd frame holding `bytes`, at `level` (1 fastest .. 22). The frame is copied into
 * `into(length)` when given (a view of a buffer the caller reuses), else into a fresh array.
 */
export declare function zstdCompress(bytes: Uint8Array, level: number, into?: (length: number) => Uint8Array): Uint8Array;
