/**
 * zstd compression for the Orbax writer: the zstd library compiled to WebAssembly
 * (@bokuweb/zstd-wasm), so nothing native is installed. Node 20 has no zstd of its own.
 * Frames carry their content size and no checksum (what tensorstore's zstd codec writes with
 * `checksum: false`).
 */
import { createRequire } from 'node:module';

interface ZstdWasm {
  init(): Promise<void>;
  compress(buf: Uint8Array, level?: number): Uint8Array;
}

let loaded: ZstdWasm | undefined;

/** Load the WebAssembly module once; `zstdCompress` is synchronous afterwards. */
export async function loadZstd(): Promise<void> {
  if (loaded) return;
  // A CommonJS package: required, so its module object (with init) is what we get.
  const mod = createRequire(import.meta.url)('@bokuweb/zstd-wasm') as ZstdWasm;
  await mod.init();
  loaded = mod;
}

/** One zstd frame holding `bytes`, at `level` (1 fastest .. 19; 0 means zstd's default, 3). */
export function zstdCompress(bytes: Uint8Array, level: number): Uint8Array {
  if (!loaded) throw new Error('zstdCompress: loadZstd() has not been awaited');
  return loaded.compress(bytes, level);
}
