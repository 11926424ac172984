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
import { productModel } from './onnx.js';
const requireHere = createRequire(import.meta.url);
/** The package's directory, or null when it is not installed (NODE_PATH counts, as for require). */
export function ortPackageDir() {
    try {
        return path.dirname(requireHere.resolve('onnxruntime-node/package.json'));
    }
    catch {
        return null;
    }
}
export const ORT_HOW_TO_GET = 'npm install --ignore-scripts onnxruntime-node@1.30.0 (--ignore-scripts: its install script only fetches optional GPU parts; offline, install from a tarball made with npm pack; see docs/ORT.md)';
/**
 * Load the package and its native library in this thread; throws an Error whose first line says
 * why it cannot (not installed, another platform, a library missing).
 */
export function loadOrt() {
    const dir = ortPackageDir();
    if (!dir)
        throw new Error('the onnxruntime-node package is not installed');
    const requireOrt = createRequire(path.join(dir, 'package.json'));
    const { version } = requireOrt('./package.json');
    const binding = requireOrt('./dist/binding.js');
    const { Tensor } = requireOrt('onnxruntime-common');
    return { version, binding, Tensor };
}
/**
 * Intra-op threads per form: one, measured (docs/ORT.md). verify runs its two forms side by side,
 * one worker each; on this project's 2-core machines a second thread per form made the notebook
 * model's verify 1.6-1.9x slower end to end (28.2 s against 15.2-18.2 s, busy machine), and run
 * one after the other (--no-workers) two threads were still slower (4.9-7.5 s against 2.3 s a
 * forward): MLAS's pool spins while it waits and contends with tfjs-wasm and the other form.
 * SCANCONV_ORT_THREADS overrides (a count >= 1) on a machine with cores to spare.
 */
export function ortThreads() {
    const asked = Number(process.env.SCANCONV_ORT_THREADS);
    return Number.isInteger(asked) && asked >= 1 ? asked : 1;
}
let runtime;
/** Whether the products of this thread go to onnxruntime (a thread may run forms on several backends in turn). */
let active = false;
/** Start onnxruntime in this thread (one session per orientation, kept); returns its version. */
export function startOrt(threads) {
    active = true;
    if (runtime?.threads === threads)
        return runtime;
    const { version, binding, Tensor } = loadOrt();
    binding.initOrt();
    const options = { executionProviders: [{ name: 'cpu' }], intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' };
    const session = (orientation) => {
        const s = new binding.binding.InferenceSession();
        const bytes = productModel(orientation);
        s.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, options);
        return s;
    };
    runtime = { version, threads, Tensor, sessions: { 'in,out': session('in,out'), 'out,in': session('out,in') } };
    return runtime;
}
/** This thread's next forms run on another backend. */
export function stopOrt() {
    active = false;
}
/** Whether this thread multiplies its weights with onnxruntime (startOrt was called, stopOrt not since). */
export function ortActive() {
    return active;
}
/**
 * y (M,N) = x (M,K) times w: (K,N) for 'in,out', (N,K) for 'out,in'. `w` may be a view of memory
 * that the next weight read reuses: the call is synchronous and onnxruntime keeps nothing.
 */
export function ortProduct(x, M, K, w, N, orientation) {
    if (!runtime || !active)
        throw new Error('onnxruntime was not started in this thread');
    const { Tensor, sessions } = runtime;
    const feeds = { x: new Tensor('float32', x, [M, K]), w: new Tensor('float32', w, orientation === 'out,in' ? [N, K] : [K, N]) };
    const { y } = sessions[orientation].run(feeds, { y: null }, {});
    if (!(y?.data instanceof Float32Array) || y.data.length !== M * N)
        throw new Error(`onnxruntime returned ${y ? `${y.type} [${y.dims.join(', ')}]` : 'no output'} for a (${M}, ${N}) product`);
    return y.data;
}
