/**
 * A form's weights as f32 tfjs tensors: `params.layer(i)(path)` and `params.global(path)`,
 * read through the form's ModelTree (tree.ts says where each form finds them).
 */
import { backendCopiesValues, tf } from './tf.js';
import { LayoutError } from '../errors.js';
import { COMPUTE_DTYPES } from '../format/dtype.js';
import { toFloat32 } from '../format/floats.js';
import { readAll } from '../format/types.js';
import { modelTree } from './tree.js';
import { columnsRef, rowsRef } from './slices.js';
import { simdTranspose, simdTransposeApplies, simdWidenApplies, simdWidenBf16 } from './wasm/weights.js';
/**
 * One read buffer per thread for f32 weights, reused when the backend copies a tensor's values
 * as it is made (backendCopiesValues). That spares the page faults of a fresh allocation for
 * every weight (221 MB per form at the notebook's size).
 */
let scratch = new Uint8Array(0);
/**
 * A weight's f32 values. Where the backend copies them (wasm), they may be a reused buffer's:
 * f32 bytes are read into `scratch`, and bf16 bytes straight into a SIMD kernel's memory and
 * widened there (wasm/weights.ts: at a 1B model's size, fresh arrays per weight were a fifth
 * of verify's time, and widening in JavaScript 19 ms per 11.5M values).
 */
export function weightValues(ref) {
    computeDtype(ref);
    if (!backendCopiesValues())
        return toFloat32(ref.dtype, readAll(ref));
    const n = ref.byteLength / 2;
    if (ref.dtype === 'BF16' && simdWidenApplies(n))
        return simdWidenBf16(n, (bytes) => ref.readInto(bytes, 0, 0, ref.byteLength));
    if (ref.dtype !== 'F32')
        return toFloat32(ref.dtype, readAll(ref));
    if (scratch.byteLength < ref.byteLength)
        scratch = new Uint8Array(ref.byteLength);
    const bytes = scratch.subarray(0, ref.byteLength);
    ref.readInto(bytes, 0, 0, ref.byteLength);
    return toFloat32('F32', bytes);
}
/** Widen a stored tensor to an f32 tfjs tensor (exact for bf16/f16; files are never changed). */
export function refToTensor(ref, shape = ref.shape) {
    computeDtype(ref);
    return tf.tensor(weightValues(ref), [...shape], 'float32');
}
/** A third reused buffer (same condition as the others): the transposed values. */
let flipped = new Float32Array(0);
/**
 * A 2-D (in,out) kernel read as its (out,in) transpose, for layers.ts `linearOutIn`: in a
 * forward call each weight is used once, and XNNPACK's packing of an (in,out) kernel reads it
 * column by column (184 ms for 2048 x 5632 against 43 ms for the whole (out,in) product at 32
 * tokens, bench/matmul.ts). On wasm the bytes go straight into a SIMD kernel's memory, which
 * widens and transposes them (wasm/weights.ts: 24 ms for that kernel in bf16); elsewhere, or
 * for sizes that are not multiples of 4, a blocked copy here (about 90 ms).
 */
export function refToTransposedTensor(ref) {
    computeDtype(ref);
    if (ref.shape.length !== 2)
        throw new LayoutError(`${ref.name}: expected a 2-D kernel, found shape [${ref.shape.join(', ')}]`, 'BAD_SHAPE');
    const [rows, cols] = ref.shape;
    const reuse = backendCopiesValues();
    if (reuse && simdTransposeApplies(ref.dtype, rows, cols)) {
        // The result is a view of the kernel's memory: tf.tensor copies it on wasm (reuse).
        return tf.tensor(simdTranspose(ref.dtype, rows, cols, (bytes) => ref.readInto(bytes, 0, 0, ref.byteLength)), [cols, rows], 'float32');
    }
    const values = weightValues(ref);
    if (reuse && flipped.length < values.length)
        flipped = new Float32Array(values.length);
    const out = reuse ? flipped.subarray(0, values.length) : new Float32Array(values.length);
    transposeInto(values, rows, cols, out);
    return tf.tensor(out, [cols, rows], 'float32');
}
/**
 * out (cols, rows) = src (rows, cols) transposed, in 64 x 64 blocks so both sides stay in cache.
 * Moved as 32-bit integers: through a float, an optimised load may quiet a signaling NaN (x86's
 * cvtss2sd sets its top mantissa bit), and these values are copied, not computed on.
 */
export function transposeInto(src, rows, cols, out) {
    const from = new Uint32Array(src.buffer, src.byteOffset, src.length);
    const to = new Uint32Array(out.buffer, out.byteOffset, out.length);
    const B = 64;
    for (let r0 = 0; r0 < rows; r0 += B) {
        const r1 = Math.min(rows, r0 + B);
        for (let c0 = 0; c0 < cols; c0 += B) {
            const c1 = Math.min(cols, c0 + B);
            for (let r = r0; r < r1; r++) {
                const at = r * cols;
                for (let c = c0; c < c1; c++)
                    to[c * rows + r] = from[at + c];
            }
        }
    }
}
function computeDtype(ref) {
    if (!COMPUTE_DTYPES.includes(ref.dtype)) {
        throw new LayoutError(`${ref.name}: dtype ${ref.dtype} cannot be used as a model parameter (need ${COMPUTE_DTYPES.join(', ')})`, 'BAD_PARAM_DTYPE');
    }
}
/** The weights of `index` as seen by the `form` model, converting in memory when needed. */
export function modelParams(index, form, options = {}) {
    const tree = modelTree(index, form, options);
    // Shared: the same ref for every layer, so its tensor is read once and kept.
    const kept = new Map();
    // One ref per layer weight (a scan form's slice is made once): generate's weight cache knows a weight by its ref (wasm/weightCache.ts).
    const layerRefs = new Map();
    const layerRef = (i, path) => {
        const key = `${i}\u0000${path.join('\u0000')}`;
        let ref = layerRefs.get(key);
        if (!ref)
            layerRefs.set(key, (ref = tree.layerRef(i, path)));
        return ref;
    };
    return {
        form: tree.form,
        layers: tree.layers,
        layerLeaves: tree.layerLeaves,
        globalLeaves: tree.globalLeaves,
        global: Object.assign((path, read) => (read?.transposed ? refToTransposedTensor : refToTensor)(tree.globalRef(path)), { ref: tree.globalRef }),
        named: (name) => refToTensor(tree.carriedRef(name)),
        ref: tree.carriedRef,
        rows: (name, ids) => refToTensor(rowsRef(tree.carriedRef(name), ids)),
        rowRange: (name, start, count) => refToTensor(rowsRef(tree.carriedRef(name), { start, count })),
        columnRange: (name, start, count, read) => (read?.transposed ? refToTransposedTensor : refToTensor)(columnsRef(tree.carriedRef(name), start, count)),
        layer: (i) => Object.assign((path, read) => {
            const ref = layerRef(i, path);
            const load = () => (read?.transposed ? refToTransposedTensor(ref) : refToTensor(ref));
            if (form !== 'shared')
                return load();
            const key = read?.transposed ? 'transposed' : 'stored';
            const both = kept.get(ref) ?? {};
            kept.set(ref, both);
            const t = (both[key] ??= tf.keep(load()));
            // A clone shares the kept values; callers may dispose what they are given (decoder.ts project).
            return tf.clone(t);
        }, { ref: (path) => layerRef(i, path) }),
    };
}
