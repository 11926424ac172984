/**
 * The two builds of libzstd's decoder in WebAssembly that wasmZstd.ts drives, each instantiated
 * synchronously from its package's files (their own loaders are asynchronous, and awaiting one at
 * import cost every process ~100 ms, Orbax or not):
 * - `fast`: @foxglove/wasm-zstd, libzstd 1.5 built with -O3: 688-744 MB/s on a 32 MiB bf16 chunk
 *   here, against 376-404 MB/s for zstddec's build (`npm run bench:zstd`). Its wrapper reports
 *   only that a frame failed (-1), not why.
 * - `named`: zstddec's build, slower but with ZSTD_isError and zstd's error codes: wasmZstd.ts asks
 *   it why a frame failed, so every refusal still names zstd's reason.
 * Both packages are pinned by the lockfile; any change of their layout is a clear error here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/** One build: its memory and a decode that returns the bytes written, or a negative zstd code. */
export interface ZstdModule {
  readonly memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  /** Bytes written to `dst`; on failure -(zstd's error code), or -1 when the build cannot say. */
  decompress(dst: number, dstCapacity: number, src: number, srcSize: number): number;
}

const require = createRequire(import.meta.url);

/** An export, checked to be a function (a renamed or missing one is a clear error, not a crash). */
function exported(exports: WebAssembly.Exports, name: string, pkg: string): (...args: number[]) => number {
  const f = exports[name];
  if (typeof f !== 'function') throw new Error(`zstd: ${pkg}'s module has no function ${name} (its layout changed)`);
  return f as (...args: number[]) => number;
}

/**
 * @foxglove/wasm-zstd is an Emscripten module with minified export names: which one is malloc,
 * free, decompress and the memory is read from its JavaScript glue, as are the two functions it
 * imports (grow the memory, copy within it), written here as Emscripten writes them.
 */
export function loadFast(): ZstdModule {
  const pkg = '@foxglove/wasm-zstd';
  const dir = path.dirname(require.resolve(pkg));
  const glue = fs.readFileSync(path.join(dir, 'wasm-zstd.js'), 'latin1');
  const minified = (name: string): string => {
    const m = new RegExp(`Module\\["${name}"\\]=Module\\["asm"\\]\\["([A-Za-z0-9_$]+)"\\]`).exec(glue);
    if (!m) throw new Error(`zstd: ${pkg}'s glue names no ${name} (its layout changed)`);
    return m[1];
  };
  const memoryName = /wasmMemory=Module\["asm"\]\["([A-Za-z0-9_$]+)"\]/.exec(glue)?.[1];
  const imports = /asmLibraryArg=\{([^}]*)\}/.exec(glue)?.[1];
  if (!memoryName || !imports) throw new Error(`zstd: ${pkg}'s glue names no memory or imports (its layout changed)`);
  // The memory the imports act on, known once the module is instantiated (they are called later).
  const instantiated: { memory?: WebAssembly.Memory } = {};
  const heap = (): WebAssembly.Memory => instantiated.memory as WebAssembly.Memory;
  // Emscripten's memory limit for this build (2 GiB): asks past it fail, as malloc then says.
  const MAX = 2 ** 31;
  const library: Record<string, (...args: number[]) => number | void> = {
    _emscripten_resize_heap: (requested: number) => {
      const want = requested >>> 0;
      const now = heap().buffer.byteLength;
      if (want > MAX) return 0;
      // A fifth more than asked for (at most 96 MiB more), as Emscripten grows it.
      const target = Math.min(MAX, Math.max(want, Math.min(now + (now / 5), want + (96 << 20))));
      try {
        heap().grow(Math.ceil((target - now) / 65536));
        return 1;
      } catch {
        return 0;
      }
    },
    _emscripten_memcpy_big: (dest: number, src: number, num: number) => {
      new Uint8Array(heap().buffer).copyWithin(dest, src, src + num);
    },
  };
  const a: Record<string, (...args: number[]) => number | void> = {};
  for (const [, key, fn] of imports.matchAll(/"([^"]+)":([A-Za-z0-9_$]+)/g)) {
    const f = library[fn];
    if (!f) throw new Error(`zstd: ${pkg}'s module imports ${fn}, which scanconv does not provide (its layout changed)`);
    a[key] = f;
  }
  const module = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'wasm-zstd.wasm')));
  const ex = new WebAssembly.Instance(module, { a }).exports;
  const mem = ex[memoryName];
  if (!(mem instanceof WebAssembly.Memory)) throw new Error(`zstd: ${pkg}'s module exports no memory as ${memoryName}`);
  instantiated.memory = mem;
  exported(ex, minified('___wasm_call_ctors'), pkg)();
  const malloc = exported(ex, minified('_malloc'), pkg);
  const free = exported(ex, minified('_free'), pkg);
  const decompress = exported(ex, minified('_decompress'), pkg);
  return {
    memory: mem,
    malloc: (size) => malloc(size) >>> 0,
    free: (ptr) => void free(ptr),
    // An int: the bytes written, or -1 whatever the error (chunks are under 2^31 bytes).
    decompress: (dst, cap, src, len) => decompress(dst, cap, src, len),
  };
}

interface ZstddecExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  ZSTD_decompress(dst: number, dstCapacity: number, src: number, srcSize: number): number;
  ZSTD_isError(code: number): number;
}

/**
 * zstddec keeps its module as a base64 string inside its JavaScript and exports no way to
 * instantiate it synchronously, so the string is read from the package's file and compiled here.
 */
export function loadNamed(): ZstdModule {
  const file = require.resolve('zstddec');
  const m = /const wasm\s*=\s*["']([A-Za-z0-9+/=]+)["']/.exec(fs.readFileSync(file, 'latin1'));
  if (!m) throw new Error(`zstd: no WebAssembly module found in ${file} (zstddec changed its layout)`);
  const module = new WebAssembly.Module(Buffer.from(m[1], 'base64'));
  // The module calls back when its memory grows; views are made afresh after each malloc instead.
  const instance = new WebAssembly.Instance(module, { env: { emscripten_notify_memory_growth: () => undefined } });
  const ex = instance.exports as unknown as ZstddecExports;
  for (const name of ['memory', 'malloc', 'free', 'ZSTD_decompress', 'ZSTD_isError'] as const) {
    if (!(name in ex)) throw new Error(`zstd: zstddec's module has no ${name} export`);
  }
  return {
    memory: ex.memory,
    malloc: (size) => ex.malloc(size) >>> 0,
    free: (ptr) => ex.free(ptr),
    // size_t: an error is a code near 2^32 (ZSTD_isError), its negation zstd's error number.
    decompress: (dst, cap, src, len) => {
      const n = ex.ZSTD_decompress(dst, cap, src, len);
      return ex.ZSTD_isError(n) ? n | 0 : n >>> 0;
    },
  };
}
