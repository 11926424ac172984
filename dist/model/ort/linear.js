import { tf } from '../tf.js';
import { weightValues } from '../params.js';
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
 * The last activation read, by its tfjs data (an object a new tensor never shares with a disposed
 * one): a Llama layer's q, k, v, gate and up projections, and the notebook block's q, k and v,
 * multiply one normalised input, read once instead of three to five times. The decode step's
 * products on wasm (wasm/weightCache.ts) read their activations here too.
 */
let lastRead;
export function hostValues(x) {
    if (lastRead?.dataId !== x.dataId)
        lastRead = { dataId: x.dataId, values: x.dataSync() };
    return lastRead.values;
}
/**
 * x (..., K) times the weight [+ bias], (..., N): K and N from the weight's `orientation`
 * ('in,out' = (K,N) as Flax stores it, 'out,in' = (N,K) as PyTorch does). Runs in the wasm
 * backend's thread, so the activation is read synchronously.
 */
export function hostLinear(x, weight, orientation, bias) {
    const [rows, cols] = weight.shape;
    const [K, N] = orientation === 'out,in' ? [cols, rows] : [rows, cols];
    if (x.shape[x.shape.length - 1] !== K)
        throw new Error(`${weight.ref.name}: a (${rows}, ${cols}) ${orientation} weight cannot multiply an input of width ${x.shape[x.shape.length - 1]}`);
    const values = hostValues(x);
    const y = ortProduct(values, values.length / K, K, weightValues(weight.ref), N, orientation);
    const out = tf.tensor(y, [...x.shape.slice(0, -1), N], 'float32');
    if (!bias)
        return out;
    const biased = tf.add(out, bias);
    out.dispose();
    return biased;
}
