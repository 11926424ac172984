/**
 * Load the WebAssembly module once per process; `zstdCompress` is synchronous afterwards. The
 * package's `init` must never run twice: a second call returns at once while a second instance
 * replaces the first's memory under running calls (frames then fail to decode). So every user in
 * the process (a reader's decompression too) goes through this one promise.
 */
export declare function loadZstd(): Promise<void>;
/** One zstd frame holding `bytes`, at `level` (1 fastest .. 19; 0 means zstd's default, 3). */
export declare function zstdCompress(bytes: Uint8Array, level: number): Uint8Array;
