/**
 * zstd compression for the Orbax writer: the zstd library compiled to WebAssembly
 * (@bokuweb/zstd-wasm), so nothing native is installed. Node 20 has no zstd of its own.
 * Frames carry their content size and no checksum (what tensorstore's zstd codec writes with
 * `checksum: false`).
 */
import { createRequire } from 'node:module';
let loaded;
let loading;
/**
 * Load the WebAssembly module once per process; `zstdCompress` is synchronous afterwards. The
 * package's `init` must never run twice: a second call returns at once while a second instance
 * replaces the first's memory under running calls (frames then fail to decode). So every user in
 * the process (a reader's decompression too) goes through this one promise.
 */
export function loadZstd() {
    loading ??= (async () => {
        // A CommonJS package: required, so its module object (with init) is what we get.
        const mod = createRequire(import.meta.url)('@bokuweb/zstd-wasm');
        await mod.init();
        loaded = mod;
    })();
    return loading;
}
/** One zstd frame holding `bytes`, at `level` (1 fastest .. 19; 0 means zstd's default, 3). */
export function zstdCompress(bytes, level) {
    if (!loaded)
        throw new Error('zstdCompress: loadZstd() has not been awaited');
    return loaded.compress(bytes, level);
}
