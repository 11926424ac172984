/**
 * onnxruntime-node, an optional peer: its native CPU kernels (MLAS) for the products with a
 * weight (`--backend ort`). Loaded with `require` only when asked for, and typed here by what
 * scanconv touches, so nothing in dist's declarations names the package.
 *
 * The products run through the package's native binding, whose `run` is synchronous (the public
 * `InferenceSession.run` wraps the same call in a promise and a setImmediate): the model code is
 * synchronous inside tf.tidy, and a product of a few milliseconds gains nothing from a turn of
 * the event loop.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { productModel, SKIP_OUTPUT, SKIP_OUTPUT_ERROR, type Orientation } from './onnx.js';

export type { Orientation };

const requireHere = createRequire(import.meta.url);

/** What scanconv uses of onnxruntime-common's Tensor: the binding builds its outputs with it. */
export interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
  readonly type: string;
}
export type TensorClass = new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;

export interface NativeSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
  /** `fetches` binds a preallocated output, which MLAS writes in place (null: onnxruntime allocates it). */
  run(feeds: Record<string, OrtTensor>, fetches: Record<string, OrtTensor | null>, options: object): unknown;
}

interface Runtime {
  version: string;
  threads: number;
  Tensor: TensorClass;
  /** One per graph (onnx.ts), made on first use (about 1.2 ms each): a model without biases never makes those. */
  session(orientation: Orientation, withBias: boolean): NativeSession;
}

/** The package's directory, or null when it is not installed (NODE_PATH counts, as for require). */
export function ortPackageDir(): string | null {
  try {
    return path.dirname(requireHere.resolve('onnxruntime-node/package.json'));
  } catch {
    return null;
  }
}

export const ORT_HOW_TO_GET =
  'npm install --ignore-scripts onnxruntime-node@1.30.0 (--ignore-scripts: its install script only fetches optional GPU parts; offline, install from a tarball made with npm pack; see docs/ORT.md)';

interface Binding {
  binding: { InferenceSession: new () => NativeSession };
  initOrt(): void;
}

/**
 * Load the package and its native library in this thread; throws an Error whose first line says
 * why it cannot (not installed, another platform, a library missing).
 */
export function loadOrt(): { version: string; binding: Binding; Tensor: TensorClass } {
  const dir = ortPackageDir();
  if (!dir) throw new Error('the onnxruntime-node package is not installed');
  const requireOrt = createRequire(path.join(dir, 'package.json'));
  const { version } = requireOrt('./package.json') as { version: string };
  const binding = requireOrt('./dist/binding.js') as Binding;
  const { Tensor } = requireOrt('onnxruntime-common') as { Tensor: TensorClass };
  return { version, binding, Tensor };
}

/**
 * Intra-op threads per form: one, measured (docs/ORT.md, Threads). verify runs its two forms side
 * by side, one worker each; on this project's 2-core machines a second thread per form made
 * verify slower end to end in every alternating run (`bench:verify -- --backend ort@1,ort@2`):
 * notebook model 7.07 s against 11.16 s, 1B model 2.9 s against 4.1 s; MLAS's pool spins while
 * it waits and contends with tfjs-wasm and the other form. SCANCONV_ORT_THREADS overrides (a
 * count >= 1) on a machine with cores to spare.
 */
export function ortThreads(): number {
  const asked = Number(process.env.SCANCONV_ORT_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? asked : 1;
}

let runtime: Runtime | undefined;
/** Whether the products of this thread go to onnxruntime (a thread may run forms on several backends in turn). */
let active = false;

/** Start onnxruntime in this thread (its sessions made as first used, then kept); returns its version. */
export function startOrt(threads: number): { version: string; threads: number } {
  active = true;
  return runtimeWith(threads);
}

/**
 * What startOrt does first, without sending this thread's products to onnxruntime: its
 * environment started (initOrt, about 40 ms of CPU and more of waiting) and its first session
 * made (about 20 ms: the CPU kernels' registry is built then, later sessions take about 1.2 ms).
 * A prestarted worker does it while it waits for its request (verify/backendInit.ts
 * preloadBackend), so a form on ort does not start 0.06 to 0.15 s after one on wasm.
 */
export function warmOrt(threads: number): void {
  runtimeWith(threads).session('in,out', false);
}

function runtimeWith(threads: number): Runtime {
  if (runtime?.threads === threads) return runtime;
  const { version, binding, Tensor } = loadOrt();
  binding.initOrt();
  const options = { executionProviders: [{ name: 'cpu' }], intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
  // Per orientation: [without a bias, with one].
  const sessions: Record<Orientation, [NativeSession?, NativeSession?]> = { 'in,out': [], 'out,in': [] };
  const session = (orientation: Orientation, withBias: boolean) => {
    const made = sessions[orientation];
    const at = withBias ? 1 : 0;
    let s = made[at];
    if (!s) {
      s = new binding.binding.InferenceSession();
      const bytes = productModel(orientation, withBias);
      s.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, options);
      probe(s, Tensor, version, orientation, withBias);
      made[at] = s;
    }
    return s;
  };
  runtime = { version, threads, Tensor, session };
  return runtime;
}

/**
 * Run a session once on a product whose answer is known before trusting it: ortProduct takes
 * the binding's error on the skip output to mean that y was written, which holds for the binding
 * scanconv is tested with (1.30) and would not for one that checked output types before running.
 * Such a binding is refused here, by name, rather than leaving y as it was.
 */
export function probe(s: NativeSession, Tensor: TensorClass, version: string, orientation: Orientation, withBias: boolean): void {
  // (1, 2) x (2, 1): 1*3 + 2*4 = 11, plus 0.5 with the bias; y starts as NaN.
  const out = new Float32Array([Number.NaN]);
  const feeds: Record<string, OrtTensor> = { x: new Tensor('float32', new Float32Array([1, 2]), [1, 2]), w: new Tensor('float32', new Float32Array([3, 4]), orientation === 'out,in' ? [1, 2] : [2, 1]) };
  if (withBias) feeds.b = new Tensor('float32', new Float32Array([0.5]), [1]);
  runProduct(s, feeds, new Tensor('float32', out, [1, 1]));
  const expected = withBias ? 11.5 : 11;
  if (out[0] !== expected) throw new Error(`onnxruntime-node ${version}: a product's result was not written in place (${out[0]} for ${expected}); scanconv is tested with onnxruntime-node 1.30.0`);
}

/** Run a product session, its result bound to `y` (see onnx.ts for the skip output and its error). */
function runProduct(s: NativeSession, feeds: Record<string, OrtTensor>, y: OrtTensor): void {
  try {
    s.run(feeds, { [SKIP_OUTPUT]: null, y }, {});
  } catch (e) {
    // Thrown after the run, as the binding turns to the outputs: y is written (onnx.ts says why).
    if (!(e instanceof Error && e.message === SKIP_OUTPUT_ERROR)) throw e;
  }
}

/** This thread's next forms run on another backend. */
export function stopOrt(): void {
  active = false;
}

/** Whether this thread multiplies its weights with onnxruntime (startOrt was called, stopOrt not since). */
export function ortActive(): boolean {
  return active;
}

/** One product's operands: all views of memory the caller holds, none copied. */
export interface Product {
  /** (M, K) row-major. */
  x: Float32Array;
  M: number;
  K: number;
  /** (K, N) for 'in,out', (N, K) for 'out,in'. */
  w: Float32Array;
  N: number;
  orientation: Orientation;
  /** (N), added to every row. */
  bias?: Float32Array;
  /** (M, N): written by MLAS in place (a preallocated output bound to the run). */
  out: Float32Array;
}

/**
 * out (M,N) = x (M,K) times w [+ bias]. Every array may be a view of memory that the caller
 * reuses or that another runtime owns (tfjs-wasm's heap): the call is synchronous, onnxruntime
 * wraps the arrays as they are (no copy in), writes `out` in place (no copy out) and keeps none
 * of them.
 */
export function ortProduct(p: Product): void {
  if (!runtime || !active) throw new Error('onnxruntime was not started in this thread');
  const { Tensor, session } = runtime;
  const { x, M, K, w, N, orientation, bias, out } = p;
  if (x.length !== M * K || w.length !== K * N || out.length !== M * N || (bias && bias.length !== N)) {
    throw new Error(`onnxruntime product: x ${x.length}, w ${w.length}, bias ${bias?.length ?? '-'}, out ${out.length} values for (${M}, ${K}) x (${K}, ${N})`);
  }
  const feeds: Record<string, OrtTensor> = { x: new Tensor('float32', x, [M, K]), w: new Tensor('float32', w, orientation === 'out,in' ? [N, K] : [K, N]) };
  if (bias) feeds.b = new Tensor('float32', bias, [N]);
  runProduct(session(orientation, bias !== undefined), feeds, new Tensor('float32', out, [M, N]));
}
