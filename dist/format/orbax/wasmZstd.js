/**
 * libzstd's decoder compiled to WebAssembly (the module zstddec ships), driven directly:
 * instantiated synchronously on first use, so importing scanconv costs nothing for it (zstddec's
 * own `init` is asynchronous, and awaiting it at import cost every process ~100 ms, Orbax or not);
 * errors are reported (ZSTD_isError: zstddec's `decode` returns whatever was written); and the
 * input and output live in buffers inside the module's memory that are reused from chunk to chunk,
 * so a decode allocates nothing once the largest chunk has been seen. The output is a view of that
 * memory, valid until the next decode: callers that keep it copy it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
/** zstd's error codes (zstd_errors.h) that a hostile or damaged frame can give, by name. */
const ZSTD_ERRORS = {
    1: 'generic error',
    10: 'unknown frame prefix',
    12: 'unsupported version',
    14: 'unsupported frame parameter',
    16: 'window too large',
    20: 'corrupted data',
    22: 'checksum mismatch',
    24: 'bad literals header',
    30: 'corrupted dictionary',
    32: 'wrong dictionary',
    64: 'allocation failed',
    70: 'output larger than its buffer',
    72: 'wrong source size',
};
/** WasmZstdError's code when the module's memory could not hold the buffers (not a zstd code). */
export const NO_WASM_MEMORY = 0;
/** zstd's code for "the frame decodes to more than the buffer holds". */
export const DST_TOO_SMALL = 70;
export class WasmZstdError extends Error {
    zstdCode;
    constructor(
    /** zstd's error code (0 when the module's memory could not hold the buffers). */
    zstdCode, message) {
        super(message);
        this.zstdCode = zstdCode;
    }
}
let wasm;
/**
 * zstddec keeps its module as a base64 string inside its JavaScript and exports no way to
 * instantiate it synchronously, so the string is read from the package's file (resolved by
 * Node, the version the lockfile pins) and compiled here. Any change of shape is a clear error.
 */
function load() {
    const file = createRequire(import.meta.url).resolve('zstddec');
    const m = /const wasm\s*=\s*["']([A-Za-z0-9+/=]+)["']/.exec(fs.readFileSync(file, 'latin1'));
    if (!m)
        throw new Error(`zstd: no WebAssembly module found in ${file} (zstddec changed its layout)`);
    const module = new WebAssembly.Module(Buffer.from(m[1], 'base64'));
    // The module calls back when its memory grows; views are made afresh after each malloc instead.
    const instance = new WebAssembly.Instance(module, { env: { emscripten_notify_memory_growth: () => undefined } });
    const ex = instance.exports;
    for (const name of ['memory', 'malloc', 'free', 'ZSTD_decompress', 'ZSTD_isError']) {
        if (!(name in ex))
            throw new Error(`zstd: zstddec's module has no ${name} export`);
    }
    return ex;
}
/** Buffers below this size get an eighth more room than asked for. */
const HEADROOM_BELOW = 64 << 20;
/** One reusable buffer in the module's memory. */
class Region {
    ptr = 0;
    capacity = 0;
    ensure(ex, size) {
        if (size <= this.capacity && this.ptr)
            return;
        if (this.ptr)
            ex.free(this.ptr);
        this.ptr = 0;
        this.capacity = 0;
        // Some headroom, so chunks a little larger than the last do not free and malloc each time;
        // none for large ones: the module's memory ends near 2 GiB, and a legal chunk must still fit.
        const capacity = Math.max(1, size < HEADROOM_BELOW ? size + (size >>> 3) : size);
        const ptr = ex.malloc(capacity);
        if (!ptr)
            throw new WasmZstdError(NO_WASM_MEMORY, `zstd: cannot allocate ${capacity} bytes of WebAssembly memory`);
        this.ptr = ptr;
        this.capacity = capacity;
    }
}
const input = new Region();
const output = new Region();
/**
 * The decoder's input buffer, `length` bytes, to read a stored chunk into: `wasmZstdDecode` of it
 * (or of a view starting where it starts) copies nothing, and no chunk-sized buffer exists outside
 * the module's memory. Valid until the next call of either function.
 */
export function wasmZstdInput(length) {
    const ex = (wasm ??= load());
    input.ensure(ex, length);
    return new Uint8Array(ex.memory.buffer, input.ptr, length);
}
/**
 * Decode the zstd frame(s) in `src` into at most `capacity` bytes; returns a view of the module's
 * memory holding the output, valid until the next call. Throws WasmZstdError (code
 * DST_TOO_SMALL when the frame decodes to more than `capacity`).
 */
export function wasmZstdDecode(src, capacity) {
    const ex = (wasm ??= load());
    // Already in the input buffer (wasmZstdInput): decoded where it lies. Told apart before the
    // output buffer is made, which may grow the memory and detach `src`'s view of it.
    const length = src.byteLength;
    const inPlace = input.ptr !== 0 && src.buffer === ex.memory.buffer && src.byteOffset === input.ptr && length <= input.capacity;
    if (!inPlace)
        input.ensure(ex, length);
    output.ensure(ex, capacity);
    if (!inPlace)
        new Uint8Array(ex.memory.buffer, input.ptr, length).set(src);
    const n = ex.ZSTD_decompress(output.ptr, capacity, input.ptr, length);
    if (ex.ZSTD_isError(n)) {
        const code = -n;
        throw new WasmZstdError(code, ZSTD_ERRORS[code] ?? `zstd error ${code}`);
    }
    return new Uint8Array(ex.memory.buffer, output.ptr, n >>> 0);
}
/** Whether the module has been instantiated in this thread (tests: importing must not). */
export function wasmZstdLoaded() {
    return wasm !== undefined;
}
