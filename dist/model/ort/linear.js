import { tf } from '../tf.js';
import { weightValues } from '../params.js';
import { f32View, outputTensor, wasmHeap } from '../wasm/heap.js';
import { ortProduct } from './runtime.js';
export function isHostWeight(w) {
    return 'ref' in w;
}
/** The stored tensor as a 2-D weight of `shape` (its bytes unchanged: a reshape). */
export function hostWeight(ref, shape = ref.shape) {
    const [rows, cols] = shape.length === 2 ? shape : [shape.slice(0, -1).reduce((a, b) => a * b, 1), shape[shape.length - 1]];
    if (rows * cols !== ref.shape.reduce((a, b) => a * b, 1))
        throw new Error(`${ref.name}: shape [${ref.shape.join(', ')}] viewed as [${shape.join(', ')}]`);
    return { ref, shape: [rows, cols] };
}
/**
 * x (..., K) times the weight [+ bias], (..., N): K and N from the weight's `orientation`
 * ('in,out' = (K,N) as Flax stores it, 'out,in' = (N,K) as PyTorch does). Runs in the wasm
 * backend's thread, synchronously: the weight is read first (into memory outside tfjs's heap),
 * then the output allocated on the heap, then x, the bias and the output viewed there and
 * multiplied with nothing in between (ortProduct checks every operand's size, the bias's too).
 */
export function hostLinear(x, weight, orientation, bias) {
    const [rows, cols] = weight.shape;
    const [K, N] = orientation === 'out,in' ? [cols, rows] : [rows, cols];
    if (x.shape[x.shape.length - 1] !== K)
        throw new Error(`${weight.ref.name}: a (${rows}, ${cols}) ${orientation} weight cannot multiply an input of width ${x.shape[x.shape.length - 1]}`);
    const heap = wasmHeap();
    if (!heap)
        throw new Error(`--backend ort runs its products on tfjs-wasm's heap, but the active backend is ${tf.getBackend()}`);
    const w = weightValues(weight.ref);
    const M = x.size / K;
    // A tensor at once, so that a product that throws leaves it to the enclosing tidy to free.
    const out = outputTensor(heap.backend.makeOutput([...x.shape.slice(0, -1), N], 'float32'));
    ortProduct({ x: f32View(heap, x, 'the input'), M, K, w, N, orientation, bias: bias && f32View(heap, bias, 'the bias'), out: f32View(heap, out, 'the output') });
    return out;
}
