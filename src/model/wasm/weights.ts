/**
 * Weights as the model reads them, on the wasm backend: bf16 widened to f32, and 2-D matrices
 * transposed (and widened), as WebAssembly SIMD kernels. The stored bytes are read straight
 * into this module's memory; the result is a view of it that tf.tensor copies.
 *
 *   widen:     out[i] = src[i] << 16                          (bf16 -> f32, 8 values per step)
 *   transpose: out[c * rows + r] = widen(src[r * cols + c])   (widen: f32 as is, bf16 << 16)
 *
 * Why: every weight is read (and widened) once per forward call. In JavaScript, widening took
 * 19 ms for 2048 x 5632 bf16 values. The model code multiplies every Linear as an (out,in)
 * weight (layers.ts linearOutIn), so Flax's (in,out) kernels are transposed as they are read:
 * 70 ms more in JavaScript (6 of a 1B model's 18 s); here each 4 x 4 block is moved with eight
 * lane shuffles, 24 ms with the widening.
 *
 * Columns are taken a narrow strip at a time over all rows, so the few output rows being
 * written stay in cache. Values are moved, never computed on: the result is bit-identical to
 * the scalar copy.
 * Rows and columns must be multiples of 4 (`simdTransposeApplies`); the caller copies others.
 */
import { ScanconvError } from '../../errors.js';
import { encodeModule, forLoop, forRange, I32, op, V128 } from './encode.js';

/** widen(src, out, n): n bf16 values, n a multiple of 8 (the caller widens the rest). */
const [W_SRC, W_OUT, W_N, W_I] = [0, 1, 2, 3];
const widenBody = forLoop(W_I, W_N, 8, [
  // out + 4i <- the 4 values at src + 2i, and out + 4i + 16 <- those at src + 2i + 8
  ...[0, 8].flatMap((k) => [
    ...op.get(W_OUT), ...op.get(W_I), ...op.const(4), ...op.mul, ...op.add, ...op.const(2 * k), ...op.add,
    ...op.get(W_SRC), ...op.get(W_I), ...op.const(2), ...op.mul, ...op.add, ...op.const(k), ...op.add,
    ...op.v128Load16x4U, ...op.const(16), ...op.i32x4Shl, ...op.v128Store,
  ]),
]);

// Parameters, then locals.
const [SRC, OUT, ROWS, COLS] = [0, 1, 2, 3];
const [C0, CEND, R, C, P_IN, P_OUT, ROW_IN, ROW_OUT] = [4, 5, 6, 7, 8, 9, 10, 11];
const [V0, V1, V2, V3, T0, T1, T2, T3] = [12, 13, 14, 15, 16, 17, 18, 19];
const LOCALS = [I32, I32, I32, I32, I32, I32, I32, I32, V128, V128, V128, V128, V128, V128, V128, V128];
/** Columns per strip, measured: 8 gives 24 ms for 2048 x 5632 bf16, 4 gives 28, 16 gives 43, 64 gives 41. */
const COLUMN_BLOCK = 8;

/** The kernel body for source elements of `bytes` bytes (4: f32, 2: bf16). */
function body(bytes: 2 | 4): number[] {
  // Push P_IN + k * ROW_IN, then load 4 values there as f32 bits.
  const loadRow = (k: number, into: number) => [
    ...op.get(P_IN), ...op.get(ROW_IN), ...op.const(k), ...op.mul, ...op.add,
    ...(bytes === 4 ? op.v128Load : [...op.v128Load16x4U, ...op.const(16), ...op.i32x4Shl]),
    ...op.set(into),
  ];
  const shuffle = (a: number, b: number, lanes: [number, number, number, number], into: number) => [...op.get(a), ...op.get(b), ...op.shuffle32(lanes), ...op.set(into)];
  const storeRow = (k: number, a: number, b: number, lanes: [number, number, number, number]) => [
    ...op.get(P_OUT), ...op.get(ROW_OUT), ...op.const(k), ...op.mul, ...op.add,
    ...op.get(a), ...op.get(b), ...op.shuffle32(lanes), ...op.v128Store,
  ];
  return [
    ...op.get(COLS), ...op.const(bytes), ...op.mul, ...op.set(ROW_IN),
    ...op.get(ROWS), ...op.const(4), ...op.mul, ...op.set(ROW_OUT),
    ...forLoop(C0, COLS, COLUMN_BLOCK, [
      // CEND = min(C0 + COLUMN_BLOCK, COLS)
      ...op.get(COLS), ...op.get(C0), ...op.const(COLUMN_BLOCK), ...op.add,
      ...op.get(C0), ...op.const(COLUMN_BLOCK), ...op.add, ...op.get(COLS), ...op.gtU, ...op.select, ...op.set(CEND),
      ...forLoop(R, ROWS, 4, forRange(C, op.get(C0), CEND, 4, [
        // P_IN = SRC + (R * COLS + C) * bytes; P_OUT = OUT + (C * ROWS + R) * 4
        ...op.get(R), ...op.get(COLS), ...op.mul, ...op.get(C), ...op.add, ...op.const(bytes), ...op.mul, ...op.get(SRC), ...op.add, ...op.set(P_IN),
        ...op.get(C), ...op.get(ROWS), ...op.mul, ...op.get(R), ...op.add, ...op.const(4), ...op.mul, ...op.get(OUT), ...op.add, ...op.set(P_OUT),
        ...loadRow(0, V0), ...loadRow(1, V1), ...loadRow(2, V2), ...loadRow(3, V3),
        // rows a, b, c, d -> (a0 b0 a1 b1), (a2 b2 a3 b3), (c0 d0 c1 d1), (c2 d2 c3 d3)
        ...shuffle(V0, V1, [0, 4, 1, 5], T0), ...shuffle(V0, V1, [2, 6, 3, 7], T1),
        ...shuffle(V2, V3, [0, 4, 1, 5], T2), ...shuffle(V2, V3, [2, 6, 3, 7], T3),
        // -> columns (a0 b0 c0 d0), (a1 b1 c1 d1), (a2 b2 c2 d2), (a3 b3 c3 d3)
        ...storeRow(0, T0, T2, [0, 1, 4, 5]), ...storeRow(1, T0, T2, [2, 3, 6, 7]),
        ...storeRow(2, T1, T3, [0, 1, 4, 5]), ...storeRow(3, T1, T3, [2, 3, 6, 7]),
      ])),
    ]),
  ];
}

interface Kernel {
  memory: WebAssembly.Memory;
  widen: (src: number, out: number, n: number) => void;
  f32: (src: number, out: number, rows: number, cols: number) => void;
  bf16: (src: number, out: number, rows: number, cols: number) => void;
}

let kernel: Kernel | undefined;

function instance(): Kernel {
  if (!kernel) {
    const params = [I32, I32, I32, I32];
    const bytes = encodeModule(
      [
        { name: 'widen', params: [I32, I32, I32], locals: [I32], body: widenBody },
        { name: 'f32', params, locals: LOCALS, body: body(4) },
        { name: 'bf16', params, locals: LOCALS, body: body(2) },
      ],
      1,
    );
    kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Kernel;
  }
  return kernel;
}

const PAGE = 65536;
/** wasm32 addresses: source and result must fit below 4 GiB together. */
const MAX_BYTES = 2 ** 32 - PAGE;

/** Room for the source bytes at 0 and n f32 values after them; returns the values' offset. */
function reserve(k: Kernel, srcBytes: number, n: number): number {
  const out = Math.ceil(srcBytes / 16) * 16;
  const have = k.memory.buffer.byteLength;
  try {
    if (out + 4 * n > have) k.memory.grow(Math.ceil((out + 4 * n - have) / PAGE));
  } catch (e) {
    // A RangeError from the engine: say which limit, not just "Maximum memory size exceeded".
    throw new ScanconvError(`a weight of ${n} values (${out + 4 * n} bytes with its f32 copy) does not fit in this process's WebAssembly memory (${(e as Error).message})`, 'OUT_OF_MEMORY');
  }
  return out;
}

export function simdWidenApplies(n: number): boolean {
  return n * 6 + 16 < MAX_BYTES;
}

/**
 * n bf16 values, whose bytes `fill` writes into the array it is given, widened to f32. The
 * result is a view of this module's memory, valid until the next call: copy it (tf.tensor on
 * the wasm backend does) before calling again.
 */
export function simdWidenBf16(n: number, fill: (bytes: Uint8Array) => void): Float32Array {
  const k = instance();
  const out = reserve(k, 2 * n, n);
  fill(new Uint8Array(k.memory.buffer, 0, 2 * n));
  const whole = n - (n % 8);
  k.widen(0, out, whole);
  const values = new Uint32Array(k.memory.buffer, out, n);
  const src = new Uint16Array(k.memory.buffer, 0, n);
  for (let i = whole; i < n; i++) values[i] = src[i] << 16;
  return new Float32Array(k.memory.buffer, out, n);
}

export function simdTransposeApplies(dtype: string, rows: number, cols: number): dtype is 'F32' | 'BF16' {
  return (dtype === 'F32' || dtype === 'BF16') && rows % 4 === 0 && cols % 4 === 0 && rows * cols * 6 + 16 < MAX_BYTES;
}

/**
 * The (cols, rows) f32 transpose of a (rows, cols) F32 or BF16 matrix whose bytes `fill` writes
 * into the array it is given; like `simdWidenBf16`, a view valid until the next call.
 */
export function simdTranspose(dtype: 'F32' | 'BF16', rows: number, cols: number, fill: (bytes: Uint8Array) => void): Float32Array {
  const k = instance();
  const n = rows * cols;
  const srcBytes = n * (dtype === 'F32' ? 4 : 2);
  const out = reserve(k, srcBytes, n);
  fill(new Uint8Array(k.memory.buffer, 0, srcBytes));
  (dtype === 'F32' ? k.f32 : k.bf16)(0, out, rows, cols);
  return new Float32Array(k.memory.buffer, out, n);
}
