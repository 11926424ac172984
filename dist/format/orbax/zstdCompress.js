/**
 * zstd compression for the Orbax writer: the zstd library compiled to WebAssembly
 * (@bokuweb/zstd-wasm), so nothing native is installed. Node 20 has no zstd of its own.
 * Frames carry their content size and no checksum (what tensorstore's zstd codec writes with
 * `checksum: false`).
 *
 * The module's exports are driven directly, as wasmZstd.ts drives the decoders: its own
 * `compress` allocates input and output in WebAssembly memory per call and returns a fresh copy,
 * so every chunk left a chunk-sized frame for the collector, which freed them late (per-layer
 * Orbax from a 2 GB checkpoint, one compression thread: 620 MB peak RSS). Here the input and
 * output buffers in WebAssembly memory live as long as the module, grown to the largest chunk,
 * and the frame is copied into a buffer the caller reuses.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
let loaded;
let loading;
/** Input and output in WebAssembly memory, reused from chunk to chunk. */
let buffers = { src: 0, dst: 0, capacity: 0, bound: 0 };
/**
 * Load the WebAssembly module once per process (thread); `zstdCompress` is synchronous
 * afterwards. The package's `init` must never run twice: a second call returns at once while a
 * second instance replaces the first's memory under running calls (frames then fail to decode).
 * So every user in the thread goes through this one promise.
 */
export function loadZstd() {
    loading ??= (async () => {
        const require = createRequire(import.meta.url);
        // A CommonJS package: required, so its module object (with init) is what we get.
        const mod = require('@bokuweb/zstd-wasm');
        await mod.init();
        // The Emscripten module the package initialised: its file beside the package's entry (the
        // package's exports map names no subpath, so it is required by its resolved path).
        const entry = require.resolve('@bokuweb/zstd-wasm');
        loaded = require(path.join(path.dirname(entry), 'module.js')).Module;
    })();
    return loading;
}
/** The most bytes a frame of `bytes` input can take (zstd's ZSTD_COMPRESSBOUND, with room to spare). */
export function frameBound(bytes) {
    return bytes + (bytes >>> 8) + (64 << 10);
}
/**
 * One zstd frame holding `bytes`, at `level` (1 fastest .. 22). The frame is copied into
 * `into(length)` when given (a view of a buffer the caller reuses), else into a fresh array.
 */
export function zstdCompress(bytes, level, into) {
    const m = loaded;
    if (!m)
        throw new Error('zstdCompress: loadZstd() has not been awaited');
    if (buffers.capacity < bytes.byteLength || buffers.capacity === 0) {
        if (buffers.capacity) {
            m._free(buffers.src);
            m._free(buffers.dst);
        }
        const capacity = Math.max(1, bytes.byteLength);
        const bound = m._ZSTD_compressBound(capacity);
        const src = m._malloc(capacity);
        const dst = m._malloc(bound);
        if (!src || !dst)
            throw new Error(`zstd: cannot allocate ${capacity} bytes in WebAssembly memory`);
        buffers = { src, dst, capacity, bound };
    }
    m.HEAPU8.set(bytes, buffers.src);
    const n = m._ZSTD_compress(buffers.dst, buffers.bound, buffers.src, bytes.byteLength, level);
    if (m._ZSTD_isError(n))
        throw new Error(`zstd: compression failed (code ${n})`);
    const out = into ? into(n) : new Uint8Array(n);
    out.set(m.HEAPU8.subarray(buffers.dst, buffers.dst + n));
    return out;
}
