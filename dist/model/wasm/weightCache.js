import { ScanconvError } from '../../errors.js';
import { tf } from '../tf.js';
import { matvecKernel } from './matvec.js';
/** Rows of x up to which a product runs in the matvec kernel: a decode step's (one token per sequence). */
export const MATVEC_MAX_ROWS = 8;
/** Largest weight the kernel reads (the head is read in vocabulary chunks far below this). */
const MATVEC_MAX_WEIGHT_BYTES = 512 * 2 ** 20;
const PAGE = 65536;
/** wasm32 addresses: everything must fit below 4 GiB. */
const MAX_MEMORY = 2 ** 32 - PAGE;
let store;
const align = (n) => Math.ceil(n / 16) * 16;
function kernelStore() {
    return (store ??= { kernel: matvecKernel(), kept: new WeakMap(), top: 0, budget: 0 });
}
/** Make the kernel's memory at least `bytes` long. */
function ensure(k, bytes, what) {
    const have = k.memory.buffer.byteLength;
    if (bytes <= have)
        return;
    try {
        if (bytes > MAX_MEMORY)
            throw new RangeError(`${bytes} bytes are past wasm32's 4 GiB`);
        // At least doubling: a cache filling up grows a few times, not once per weight (each grow
        // cost about 10 ms at a 1B model's sizes); pages never written cost no memory.
        k.memory.grow(Math.ceil((Math.max(bytes, Math.min(MAX_MEMORY, 2 * have)) - have) / PAGE));
    }
    catch (e) {
        throw new ScanconvError(`${what} does not fit in this thread's WebAssembly memory (${e.message}); a smaller --weight-cache leaves more room`, 'OUT_OF_MEMORY');
    }
}
/** Whether x (..., K) times `ref` runs in the matvec kernel here: wasm, few rows, a bf16 or f32 2-D weight. */
export function storedProductApplies(x, ref) {
    const K = x.shape[x.shape.length - 1];
    return (tf.getBackend() === 'wasm' &&
        (ref.dtype === 'BF16' || ref.dtype === 'F32') &&
        ref.shape.length === 2 &&
        x.size / K <= MATVEC_MAX_ROWS &&
        ref.byteLength <= MATVEC_MAX_WEIGHT_BYTES);
}
/**
 * The last activation read, by its tfjs data (an object a new tensor never shares with a disposed
 * one): a Llama layer's q, k, v, gate and up projections, and the notebook block's q, k and v,
 * multiply one normalised input, read once instead of three to five times.
 */
let lastRead;
function hostValues(x) {
    if (lastRead?.dataId !== x.dataId)
        lastRead = { dataId: x.dataId, values: x.dataSync() };
    return lastRead.values;
}
/** Where `ref`'s bytes are in the kernel's memory: kept, newly kept (within the budget), or read into scratch past the kept ones. */
function weightAt(s, ref) {
    const kept = s.kept.get(ref);
    if (kept !== undefined)
        return { at: kept, end: s.top };
    const keep = s.top + ref.byteLength <= s.budget;
    const at = s.top;
    ensure(s.kernel, at + ref.byteLength, `${ref.name} (${ref.byteLength} bytes) after ${s.top} bytes of kept weights`);
    ref.readInto(new Uint8Array(s.kernel.memory.buffer, at, ref.byteLength), 0, 0, ref.byteLength);
    if (!keep)
        return { at, end: align(at + ref.byteLength) };
    s.kept.set(ref, at);
    s.top = align(at + ref.byteLength);
    return { at, end: s.top };
}
/**
 * x (..., K) times the stored weight [+ bias]: `orientation` 'out,in' for a (N,K) weight
 * (PyTorch), 'in,out' for a (K,N) kernel (Flax). Bit for bit what linearOutIn/linear compute
 * from the widened weight (matvec.ts). Call only where `storedProductApplies`.
 */
export function storedProduct(x, ref, orientation, bias) {
    const [rows, cols] = ref.shape;
    const [K, N] = orientation === 'out,in' ? [cols, rows] : [rows, cols];
    if (x.shape[x.shape.length - 1] !== K)
        throw new Error(`${ref.name}: a (${rows}, ${cols}) ${orientation} weight cannot multiply an input of width ${x.shape[x.shape.length - 1]}`);
    const s = kernelStore();
    const values = hostValues(x);
    const M = values.length / K;
    const { at, end } = weightAt(s, ref);
    const xAt = end;
    const yAt = align(xAt + 4 * values.length);
    ensure(s.kernel, yAt + 4 * M * N, `the product with ${ref.name}`);
    new Float32Array(s.kernel.memory.buffer, xAt, values.length).set(values);
    const bf16 = ref.dtype === 'BF16';
    const run = orientation === 'out,in' ? (bf16 ? s.kernel.outInBf16 : s.kernel.outInF32) : bf16 ? s.kernel.inOutBf16 : s.kernel.inOutF32;
    run(at, xAt, yAt, N, K, M);
    // tf.tensor copies the values into the backend's memory (wasm), so the view may be reused.
    const y = tf.tensor(new Float32Array(s.kernel.memory.buffer, yAt, M * N), [...x.shape.slice(0, -1), N], 'float32');
    if (!bias)
        return y;
    const biased = tf.add(y, bias);
    y.dispose();
    return biased;
}
/**
 * Run `decode` with the weights its products read kept up to `budgetBytes` (0: none kept), then
 * drop them: the kernel's memory cannot shrink, so a kernel that kept weights is let go for the
 * garbage collector (a form run in the CLI's own thread must not hold gigabytes afterwards).
 */
export async function withWeightCache(budgetBytes, decode) {
    const s = kernelStore();
    s.budget = budgetBytes;
    try {
        const result = await decode();
        return { result, keptBytes: s.top };
    }
    finally {
        if (s.top > 0)
            store = undefined;
        else
            s.budget = 0;
    }
}
/** Bytes of weights kept now (tests). */
export const keptWeightBytes = () => store?.top ?? 0;
