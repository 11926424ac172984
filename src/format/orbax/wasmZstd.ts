/**
 * libzstd's decoder compiled to WebAssembly, driven directly (wasmZstdModules.ts loads the two
 * builds): instantiated synchronously on first use, so importing scanconv costs nothing for it;
 * frames are decoded by the fast build, and one it refuses is decoded again by the build that
 * names zstd's errors, so a refusal says why; and the input and output live in buffers inside the
 * module's memory that are reused from chunk to chunk, so a decode allocates nothing once the
 * largest chunk has been seen. The output is a view of that memory, valid until the next decode:
 * callers that keep it copy it.
 */
import { loadFast, loadNamed, type ZstdModule } from './wasmZstdModules.js';

/** zstd's error codes (zstd_errors.h) that a hostile or damaged frame can give, by name. */
const ZSTD_ERRORS: Readonly<Record<number, string>> = {
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
  constructor(
    /** zstd's error code (0 when the module's memory could not hold the buffers). */
    readonly zstdCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Buffers below this size get an eighth more room than asked for. */
const HEADROOM_BELOW = 64 << 20;

/** One reusable buffer in the module's memory. */
class Region {
  ptr = 0;
  capacity = 0;

  ensure(ex: ZstdModule, size: number): void {
    if (size <= this.capacity && this.ptr) return;
    if (this.ptr) ex.free(this.ptr);
    this.ptr = 0;
    this.capacity = 0;
    // Some headroom, so chunks a little larger than the last do not free and malloc each time;
    // none for large ones: the module's memory ends near 2 GiB, and a legal chunk must still fit.
    const capacity = Math.max(1, size < HEADROOM_BELOW ? size + (size >>> 3) : size);
    const ptr = ex.malloc(capacity);
    if (!ptr) throw new WasmZstdError(NO_WASM_MEMORY, `zstd: cannot allocate ${capacity} bytes of WebAssembly memory`);
    this.ptr = ptr;
    this.capacity = capacity;
  }
}

/** A build with its two buffers. */
class Decoder {
  readonly input = new Region();
  readonly output = new Region();
  /** The length of the last frame decoded, which stays in `input` until the next call. */
  lastLength = 0;
  constructor(readonly ex: ZstdModule) {}

  inputView(length: number): Uint8Array {
    this.input.ensure(this.ex, length);
    return new Uint8Array(this.ex.memory.buffer, this.input.ptr, length);
  }

  /** The output's length, or a negative code (wasmZstdModules.ts's ZstdModule.decompress). */
  decode(src: Uint8Array, capacity: number): number {
    const { ex, input, output } = this;
    // Already in the input buffer (inputView): decoded where it lies. Told apart before the
    // output buffer is made, which may grow the memory and detach `src`'s view of it.
    const length = (this.lastLength = src.byteLength);
    const inPlace = input.ptr !== 0 && src.buffer === ex.memory.buffer && src.byteOffset === input.ptr && length <= input.capacity;
    if (!inPlace) input.ensure(ex, length);
    output.ensure(ex, capacity);
    if (!inPlace) new Uint8Array(ex.memory.buffer, input.ptr, length).set(src);
    return ex.decompress(output.ptr, capacity, input.ptr, length);
  }
}

let fast: Decoder | undefined;
let named: Decoder | undefined;

/**
 * The decoder's input buffer, `length` bytes, to read a stored chunk into: `wasmZstdDecode` of it
 * (or of a view starting where it starts) copies nothing, and no chunk-sized buffer exists outside
 * the module's memory. Valid until the next call of either function.
 */
export function wasmZstdInput(length: number): Uint8Array {
  return (fast ??= new Decoder(loadFast())).inputView(length);
}

/**
 * Decode the zstd frame(s) in `src` into at most `capacity` bytes; returns a view of the module's
 * memory holding the output, valid until the next call. Throws WasmZstdError (code
 * DST_TOO_SMALL when the frame decodes to more than `capacity`).
 */
export function wasmZstdDecode(src: Uint8Array, capacity: number): Uint8Array {
  const f = (fast ??= new Decoder(loadFast()));
  const n = f.decode(src, capacity);
  if (n >= 0) return new Uint8Array(f.ex.memory.buffer, f.output.ptr, n);
  // The fast build says only that the frame failed: the other build says why. The frame is
  // still in the fast build's input buffer (`src` may be a view detached by the output's growth).
  const frame = new Uint8Array(f.ex.memory.buffer, f.input.ptr, f.lastLength);
  let again: number;
  try {
    again = (named ??= new Decoder(loadNamed())).decode(frame, capacity);
  } catch (e) {
    if (!(e instanceof WasmZstdError)) throw e;
    again = 1;
  }
  const code = again < 0 ? -again : 1;
  throw new WasmZstdError(code, again < 0 ? ZSTD_ERRORS[code] ?? `zstd error ${code}` : 'generic error (libzstd refused the frame; its naming build could not say why)');
}

/** Whether a module has been instantiated in this thread (tests: importing must not). */
export function wasmZstdLoaded(): boolean {
  return fast !== undefined || named !== undefined;
}
