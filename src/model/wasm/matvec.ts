/**
 * Products of a few rows (a decode step: one token per sequence) with a stored weight, as a
 * WebAssembly SIMD kernel reading the weight's bytes as stored: bf16 or f32, (out,in) as
 * PyTorch stores it or (in,out) as Flax does, with f32 accumulation.
 *
 *   y[m, o] = sum over k, in order, of w(o, k) * x[m, k]     (f32 multiply, then f32 add)
 *
 * Why: a one-row product through tfjs-wasm needs the weight widened to f32 and copied into a
 * tensor (params.ts), then goes through XNNPACK's general matrix path, which packs an operand
 * for every call; for a decode step that is most of its time. This reads the stored bytes once.
 *
 * The summation order is XNNPACK's: its f32 gemm micro-kernels (the wasm SIMD "splat" ones
 * tfjs-backend-wasm is built with) start each output from the bias (0 here, the bias is added
 * afterwards as linearOutIn adds it) and add the products over k one at a time, without fused
 * multiply-add. So each output is the same sequence of f32 operations, and the result is bit
 * for bit what `linearOutIn` (and `linear`) computes for the same product (the matvec tests check
 * it on random shapes, odd K included): prefill (XNNPACK) and decode steps (here) stay
 * consistent, and the two forms equal.
 *
 * (out,in): eight output rows at a time, each 4 x 4 block of the weight transposed with lane
 * shuffles so a vector holds w(o..o+3, k), multiplied by x[k] splatted, the two groups of four
 * rows in two accumulators so their additions overlap (8192 x 2048 bf16, one row: 4 to 5 ms,
 * against 7 to 8 with one). (in,out): four output columns are contiguous, w(k, o..o+3) times
 * x[k] splatted, sixteen columns (four accumulators) per pass over the rows (2048 x 8192: 10 ms,
 * against 26 with four). Leftover rows, columns and k are done with scalar f32 operations in
 * the same order.
 */
import { encodeModule, forLoop, forRange, I32, op, u32, V128 } from './encode.js';

const F32 = 0x7d;

// Parameters: weight, x, y byte offsets; N outputs, K inputs, M rows of x.
const [W, X, Y, N, K, M] = [0, 1, 2, 3, 4, 5];
// Locals: i32 counters and pointers, RO[j] = j rows' bytes; two groups of four rows' vectors; f32 S.
const [O, MI, KI, PX, K4, N4, N8, RB, KB, XA] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const RO = [0, 16, 17, 18, 19, 20, 21, 22];
/** Group g's loaded rows V[0..3], shuffled pairs T[0..3] and accumulator. */
const group = (g: number) => ({ V: [23, 24, 25, 26].map((l) => l + 9 * g), T: [27, 28, 29, 30].map((l) => l + 9 * g), ACC: 31 + 9 * g });
const XS = 41;
const S = 42;
const LOCALS = [...new Array<number>(17).fill(I32), ...new Array<number>(19).fill(V128), F32];

const ins = {
  shl: [0x74],
  f32Mul: [0x94],
  load16U: [0x2f, 0x01, 0x00],
  reinterpretF32: [0xbe],
  v128Load32Splat: [0xfd, 0x09, 0x02, 0x00],
  /** v128.load32_splat at the address on the stack plus a constant byte offset. */
  v128Load32SplatAt: (offset: number) => [0xfd, 0x09, 0x02, ...u32(offset)],
};

/** Push the f32 at byte address (instructions `at`) of a weight with `bytes`-byte elements. */
const loadScalar = (bytes: 2 | 4, at: number[]) => (bytes === 4 ? [...at, ...op.f32Load] : [...at, ...ins.load16U, ...op.const(16), ...ins.shl, ...ins.reinterpretF32]);
/** Push 4 consecutive weight values at (instructions `at`) as f32 lanes. */
const loadVector = (bytes: 2 | 4, at: number[]) => (bytes === 4 ? [...at, ...op.v128Load] : [...at, ...op.v128Load16x4U, ...op.const(16), ...op.i32x4Shl]);
/** Instructions pushing local * constant. */
const times = (local: number, c: number) => [...op.get(local), ...op.const(c), ...op.mul];
/** K4 = K - K % 4 and N4 = N - N % 4, from x % 4 = x - ((x >> 2) << 2) written as x & ~3. */
const roundDown4 = (into: number, from: number) => [...op.get(from), ...op.const(-4), 0x71 /* i32.and */, ...op.set(into)];

/** S = S + w * x[m, k] for the weight value at instructions `wAt` and x at PX + 4k (k in KI). */
const scalarStep = (bytes: 2 | 4, wAt: number[]) => [
  ...op.get(S),
  ...loadScalar(bytes, wAt),
  ...op.get(PX), ...times(KI, 4), ...op.add, ...op.f32Load,
  ...ins.f32Mul, ...op.f32Add, ...op.set(S),
];

/** y (M,N) = x (M,K) times w stored (N,K): (out,in). */
function outInBody(bytes: 2 | 4): number[] {
  // Address of w(O + r, KI): W + ((O + r) * K + KI) * bytes.
  const wAt = (r: number) => [...op.get(O), ...op.const(r), ...op.add, ...op.get(K), ...op.mul, ...op.get(KI), ...op.add, ...op.const(bytes), ...op.mul, ...op.get(W), ...op.add];
  const shuffle = (a: number, b: number, lanes: [number, number, number, number], into: number) => [...op.get(a), ...op.get(b), ...op.shuffle32(lanes), ...op.set(into)];
  const yAt = (row: number[]) => [...op.get(Y), ...op.get(MI), ...op.get(N), ...op.mul, ...row, ...op.add, ...op.const(4), ...op.mul, ...op.add];
  const xRow = [...op.get(X), ...op.get(MI), ...op.get(K), ...op.mul, ...op.const(4), ...op.mul, ...op.add, ...op.set(PX)];
  /**
   * Rows O..O+4G-1 for x row MI: each group of four rows keeps its own accumulator (independent
   * additions overlap), each adding its products in k order.
   */
  const rows = (G: 1 | 2): number[] => {
    const groups = Array.from({ length: G }, (_, g) => group(g));
    // Row r's column KI: RB (row O) + KB (KI's bytes) + r rows.
    const rowAt = (r: number) => [...op.get(RB), ...op.get(KB), ...op.add, ...(r === 0 ? [] : [...op.get(RO[r]), ...op.add])];
    const column = (T: number[], j: number) => (j < 2 ? [...op.get(T[0]), ...op.get(T[2])] : [...op.get(T[1]), ...op.get(T[3])]).concat(op.shuffle32(j % 2 === 0 ? [0, 1, 4, 5] : [2, 3, 6, 7]));
    return [
      ...xRow,
      ...op.get(W), ...op.get(O), ...op.get(RO[1]), ...op.mul, ...op.add, ...op.set(RB),
      ...groups.flatMap(({ ACC: acc }) => [...op.v128Zero, ...op.set(acc)]),
      ...forLoop(KI, K4, 4, [
        ...times(KI, bytes), ...op.set(KB),
        ...op.get(PX), ...times(KI, 4), ...op.add, ...op.set(XA),
        ...groups.flatMap(({ V, T }, g) => [
          ...[0, 1, 2, 3].flatMap((r) => [...loadVector(bytes, rowAt(4 * g + r)), ...op.set(V[r])]),
          // rows a, b, c, d -> (a0 b0 a1 b1), (a2 b2 a3 b3), (c0 d0 c1 d1), (c2 d2 c3 d3)
          ...shuffle(V[0], V[1], [0, 4, 1, 5], T[0]), ...shuffle(V[0], V[1], [2, 6, 3, 7], T[1]),
          ...shuffle(V[2], V[3], [0, 4, 1, 5], T[2]), ...shuffle(V[2], V[3], [2, 6, 3, 7], T[3]),
        ]),
        // Column j (a_j b_j c_j d_j) of each group times x[KI + j], added in k order.
        ...[0, 1, 2, 3].flatMap((j) => [
          ...op.get(XA), ...ins.v128Load32SplatAt(4 * j), ...op.set(XS),
          ...groups.flatMap(({ T, ACC: acc }) => [...op.get(acc), ...column(T, j), ...op.get(XS), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc)]),
        ]),
      ]),
      ...groups.flatMap(({ ACC: acc }, g) => [...yAt([...op.get(O), ...op.const(4 * g), ...op.add]), ...op.get(acc), ...op.v128Store]),
      // The last K % 4 terms of each row, in order.
      ...Array.from({ length: 4 * G }, (_, r) => [
        ...yAt([...op.get(O), ...op.const(r), ...op.add]), ...op.f32Load, ...op.set(S),
        ...forRange(KI, op.get(K4), K, 1, scalarStep(bytes, wAt(r))),
        ...yAt([...op.get(O), ...op.const(r), ...op.add]), ...op.get(S), ...op.f32Store,
      ]).flat(),
    ];
  };
  return [
    ...roundDown4(K4, K), ...roundDown4(N4, N),
    ...op.get(N), ...op.const(-8), 0x71 /* i32.and */, ...op.set(N8),
    ...[1, 2, 3, 4, 5, 6, 7].flatMap((j) => [...op.get(K), ...op.const(bytes * j), ...op.mul, ...op.set(RO[j])]),
    // Eight rows at a time, then four, then one.
    ...forLoop(O, N8, 8, forLoop(MI, M, 1, rows(2))),
    ...forRange(O, op.get(N8), N4, 4, forLoop(MI, M, 1, rows(1))),
    ...forRange(O, op.get(N4), N, 1, forLoop(MI, M, 1, [
      ...xRow,
      0x43, 0, 0, 0, 0 /* f32.const 0 */, ...op.set(S),
      ...forLoop(KI, K, 1, scalarStep(bytes, wAt(0))),
      ...yAt(op.get(O)), ...op.get(S), ...op.f32Store,
    ])),
  ];
}

/** y (M,N) = x (M,K) times w stored (K,N): (in,out). */
function inOutBody(bytes: 2 | 4): number[] {
  // Address of w(KI, O + j): W + (KI * N + O + j) * bytes.
  const wAt = (j: number) => [...op.get(KI), ...op.get(N), ...op.mul, ...op.get(O), ...op.add, ...op.const(j), ...op.add, ...op.const(bytes), ...op.mul, ...op.get(W), ...op.add];
  const yAt = (j: number) => [...op.get(Y), ...op.get(MI), ...op.get(N), ...op.mul, ...op.get(O), ...op.add, ...op.const(j), ...op.add, ...op.const(4), ...op.mul, ...op.add];
  // `G` groups of four columns, each with its accumulator (the (out,in) body's row vectors' locals).
  const columns = (G: 1 | 4): number[] => {
    const accs = group(0).V.slice(0, G);
    return [
      ...accs.flatMap((acc) => [...op.v128Zero, ...op.set(acc)]),
      // RB walks row KI's columns O.., KB the row length in bytes; XA walks x.
      ...op.get(W), ...op.get(O), ...op.const(bytes), ...op.mul, ...op.add, ...op.set(RB),
      ...op.get(PX), ...op.set(XA),
      ...forLoop(KI, K, 1, [
        ...op.get(XA), ...ins.v128Load32SplatAt(0), ...op.set(XS),
        ...accs.flatMap((acc, g) => [...op.get(acc), ...loadVector(bytes, [...op.get(RB), ...(g ? [...op.const(4 * g * bytes), ...op.add] : [])]), ...op.get(XS), ...op.f32x4Mul, ...op.f32x4Add, ...op.set(acc)]),
        ...op.get(RB), ...op.get(KB), ...op.add, ...op.set(RB),
        ...op.get(XA), ...op.const(4), ...op.add, ...op.set(XA),
      ]),
      ...accs.flatMap((acc, g) => [...yAt(4 * g), ...op.get(acc), ...op.v128Store]),
    ];
  };
  return [
    ...roundDown4(N4, N),
    // N8 here: N rounded down to 16 columns.
    ...op.get(N), ...op.const(-16), 0x71 /* i32.and */, ...op.set(N8),
    ...op.get(N), ...op.const(bytes), ...op.mul, ...op.set(KB),
    ...forLoop(MI, M, 1, [
      ...op.get(X), ...op.get(MI), ...op.get(K), ...op.mul, ...op.const(4), ...op.mul, ...op.add, ...op.set(PX),
      // Sixteen columns at a time (four independent accumulators), then four, then one.
      ...forLoop(O, N8, 16, columns(4)),
      ...forRange(O, op.get(N8), N4, 4, columns(1)),
      ...forRange(O, op.get(N4), N, 1, [
        0x43, 0, 0, 0, 0 /* f32.const 0 */, ...op.set(S),
        ...forLoop(KI, K, 1, scalarStep(bytes, wAt(0))),
        ...yAt(0), ...op.get(S), ...op.f32Store,
      ]),
    ]),
  ];
}

export interface MatvecKernel {
  memory: WebAssembly.Memory;
  outInF32: (w: number, x: number, y: number, n: number, k: number, m: number) => void;
  outInBf16: (w: number, x: number, y: number, n: number, k: number, m: number) => void;
  inOutF32: (w: number, x: number, y: number, n: number, k: number, m: number) => void;
  inOutBf16: (w: number, x: number, y: number, n: number, k: number, m: number) => void;
}

/** A fresh instance (its own memory: weightCache.ts keeps weights in it). */
export function matvecKernel(): MatvecKernel {
  const params = [I32, I32, I32, I32, I32, I32];
  const bytes = encodeModule(
    [
      { name: 'outInF32', params, locals: LOCALS, body: outInBody(4) },
      { name: 'outInBf16', params, locals: LOCALS, body: outInBody(2) },
      { name: 'inOutF32', params, locals: LOCALS, body: inOutBody(4) },
      { name: 'inOutBf16', params, locals: LOCALS, body: inOutBody(2) },
    ],
    1,
  );
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as MatvecKernel;
}
