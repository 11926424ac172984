/**
 * The Flax modules the two models are built from, one function each, in f32 on tfjs-core.
 * Shapes in comments: B batch, T (query) length, S (key) length, D model width, H heads,
 * DH head width. Each mirrors flax.linen's own computation order (linen/normalization.py,
 * linen/linear.py, linen/attention.py) so results match Flax to float rounding.
 */
import { tf } from './tf.js';
import { ropeFrequencies } from './rope.js';
import { simdAttentionApplies, simdAttentionLogits, simdAttentionValues } from './wasm/attention.js';
import { hostLinear, hostWeight, isHostWeight } from './ort/linear.js';
import { ortActive } from './ort/runtime.js';
/** The weight at `path` as the linear op multiplies it here: unread on ort, a tensor elsewhere. */
export function weightAt(p, path) {
    return ortActive() ? hostWeight(p.ref(path)) : p(path);
}
/** The same weight seen as `shape` (same values, same order). */
const reshapeWeight = (w, shape) => (isHostWeight(w) ? hostWeight(w.ref, shape) : tf.reshape(w, shape));
/** flax.linen.RMSNorm: x * rsqrt(mean(x^2, -1) + eps) * scale. x (..., D), scale (D). */
export function rmsNorm(x, scale, epsilon = 1e-6) {
    const meanSquare = tf.mean(tf.square(x), -1, true);
    return tf.mul(tf.mul(x, tf.rsqrt(tf.add(meanSquare, epsilon))), scale);
}
/** flax.linen.Dense: x (..., Din) @ kernel (Din, Dout) + bias (Dout). */
export function dense(x, kernel, bias) {
    if (isHostWeight(kernel))
        return hostLinear(x, kernel, 'in,out', bias);
    const [din, dout] = kernel.shape;
    const y = tf.add(tf.matMul(tf.reshape(x, [-1, din]), kernel), bias);
    return tf.reshape(y, [...x.shape.slice(0, -1), dout]);
}
/**
 * flax.linen.DenseGeneral with axis=-1, features=(H, DH): the attention projections.
 * x (B, T, D), kernel (D, H, DH), bias (H, DH) -> (B, T, H, DH).
 */
export function denseGeneralIn(x, kernel, bias) {
    const [D, H, DH] = isHostWeight(kernel) ? kernel.ref.shape : kernel.shape;
    const y = dense(x, reshapeWeight(kernel, [D, H * DH]), tf.reshape(bias, [H * DH]));
    return tf.reshape(y, [...x.shape.slice(0, -1), H, DH]);
}
/**
 * flax.linen.DenseGeneral with axis=(-2, -1): the attention output projection.
 * x (B, T, H, DH), kernel (H, DH, D), bias (D) -> (B, T, D).
 */
export function denseGeneralOut(x, kernel, bias) {
    const [H, DH, D] = isHostWeight(kernel) ? kernel.ref.shape : kernel.shape;
    return dense(tf.reshape(x, [...x.shape.slice(0, -2), H * DH]), reshapeWeight(kernel, [H * DH, D]), bias);
}
/** Heads first for batched matmul: (B, T, H, DH) -> (B, H, T, DH). */
const headsFirst = (x) => tf.transpose(x, [0, 2, 1, 3]);
/**
 * On the wasm backend the attention's two batched products run in our SIMD kernels
 * (wasm/attention.ts says why); elsewhere (GPU, tfjs-node, cpu) through tfjs's batched matmul.
 */
const simdKernels = (headWidth) => tf.getBackend() === 'wasm' && simdAttentionApplies(headWidth);
/** logits (B,H,T,S) = q (B,T,H,DH) . k (B,S,H,DH) over DH: Flax's einsum '...qhd,...khd->...hqk'. */
export function attentionLogits(q, k) {
    if (simdKernels(q.shape[3]))
        return simdAttentionLogits(q, k);
    return tf.matMul(headsFirst(q), headsFirst(k), false, true);
}
/** values (B,T,H,DH) = weights (B,H,T,S) . v (B,S,H,DH) over S: Flax's einsum '...hqk,...khd->...qhd'. */
export function attentionValues(weights, v) {
    if (simdKernels(v.shape[3]))
        return simdAttentionValues(weights, v);
    return tf.transpose(tf.matMul(weights, headsFirst(v)), [0, 2, 1, 3]);
}
/**
 * flax.linen.dot_product_attention: q (B,T,H,DH), k/v (B,S,H,DH); mask (T,S) boolean-as-0/1,
 * masked logits set to float32 min (Flax's big_neg), softmax over keys -> (B, T, H, DH).
 * `scaleQuery`: Flax's MHA divides the query by sqrt(DH) before the product; the notebook's
 * LLM divides the logits instead. The order changes rounding, so we mirror each.
 */
export function dotProductAttention(q, k, v, options) {
    const depth = q.shape[3];
    const scale = Math.sqrt(depth);
    let logits = attentionLogits(options.scaleQuery ? tf.div(q, scale) : q, k); // (B,H,T,S)
    // Gemma 2 multiplies by query_pre_attn_scalar^-0.5 (a Python float, rounded to f32 by torch).
    if (options.multiplier !== undefined)
        logits = tf.mul(logits, Math.fround(options.multiplier));
    else if (!options.scaleQuery)
        logits = tf.div(logits, scale);
    if (options.softcap !== undefined)
        logits = softcap(logits, options.softcap);
    if (options.mask)
        logits = tf.where(tf.cast(options.mask, 'bool'), logits, tf.fill(logits.shape, -3.4028234663852886e38));
    return attentionValues(tf.softmax(logits, -1), v);
}
/** cap * tanh(x / cap), as transformers' Gemma 2 writes it (divide, tanh, multiply). */
export function softcap(x, cap) {
    return tf.mul(tf.tanh(tf.div(x, cap)), cap);
}
/**
 * Causal mask with a sliding window: query t (absolute position index + t) sees key s iff
 * index + t - window < s <= index + t, as transformers' Mistral and Gemma 2 mask it. (T, S).
 */
export function slidingCausalMask(T, S, index, window) {
    const t = tf.reshape(tf.range(0, T, 1, 'int32'), [T, 1]);
    const s = tf.reshape(tf.range(0, S, 1, 'int32'), [1, S]);
    const position = tf.add(t, index);
    return tf.logicalAnd(tf.lessEqual(s, position), tf.greater(s, tf.sub(position, window)));
}
/** Causal mask for a cache: key position s is visible to query t iff s <= index + t. (T, S). */
export function causalMask(T, S, index) {
    const t = tf.reshape(tf.range(0, T, 1, 'int32'), [T, 1]);
    const s = tf.reshape(tf.range(0, S, 1, 'int32'), [1, S]);
    return tf.lessEqual(s, tf.add(t, index));
}
/** flax.linen.gelu with approximate=True: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
export function geluTanh(x) {
    // jax.nn.gelu(approximate=True): cdf = 0.5 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x**3))); x * cdf
    const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
    return tf.mul(x, tf.mul(0.5, tf.add(1, tf.tanh(inner))));
}
/** flax.linen.Embed: table (V, D)[ids (B, T)] -> (B, T, D). */
export function embed(ids, table) {
    return tf.gather(table, tf.cast(ids, 'int32'));
}
// ---- The Hugging Face decoders' pieces (transformers 4.40.2's modeling_llama.py, modeling_gemma.py, modeling_gpt2.py): PyTorch's order of operations. ----
/**
 * x (..., in) @ kernel (in, out) [+ bias]: always a 2-D untransposed matMul, the one product
 * tfjs-wasm sends to XNNPACK (~20 GFLOP/s here, against ~1 for transposed or batched ones).
 */
export function linear(x, kernel, bias) {
    if (isHostWeight(kernel))
        return hostLinear(x, kernel, 'in,out', bias);
    const [din, dout] = kernel.shape;
    let y = tf.matMul(tf.reshape(x, [-1, din]), kernel);
    if (bias)
        y = tf.add(y, bias);
    return tf.reshape(y, [...x.shape.slice(0, -1), dout]);
}
/**
 * x (..., in) times a PyTorch (out, in) weight's transpose [+ bias], computed as
 * (weight @ xᵀ)ᵀ. Why: XNNPACK packs a product's second operand before every call (~90M
 * floats/s in wasm), and a weight is used once per forward call, so packing the (in, tokens)
 * activation instead of the (in, out) weight, and never transposing the weight, is what makes a
 * prefill of 32 tokens 5x faster and a decode step 10x (bench/matmul.ts). XNNPACK sums each
 * dot product in the same order either way: the results are bit-identical (measured there).
 */
export function linearOutIn(x, weight, bias) {
    if (isHostWeight(weight))
        return hostLinear(x, weight, 'out,in', bias);
    const [dout, din] = weight.shape;
    let y = tf.transpose(tf.matMul(weight, tf.transpose(tf.reshape(x, [-1, din]))));
    if (bias)
        y = tf.add(y, bias);
    return tf.reshape(y, [...x.shape.slice(0, -1), dout]);
}
/** Hugging Face's RMSNorm: x * rsqrt(mean(x^2) + eps), times weight (Llama) or (1 + weight) (Gemma). */
export function rmsNormHf(x, weight, eps, plusOne = false) {
    const normed = tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), eps)));
    return tf.mul(normed, plusOne ? tf.add(1, weight) : weight);
}
/** torch.nn.LayerNorm: (x - mean) / sqrt(var + eps) * scale + bias, biased variance. */
export function layerNorm(x, scale, bias, eps) {
    const centered = tf.sub(x, tf.mean(x, -1, true));
    const variance = tf.mean(tf.square(centered), -1, true);
    return tf.add(tf.mul(tf.mul(centered, tf.rsqrt(tf.add(variance, eps))), scale), bias);
}
/**
 * RoPE tables for positions index..index+T-1, "rotate half" form: the inverse frequencies of the
 * model's RoPE variant for this call (rope.ts; dynamic and longrope depend on its length), the
 * angles in f32 as PyTorch's (inv_freq @ positions) computes them, cos/sin of concat(angle,
 * angle), times the variant's attention scaling in f32. (T, 1, DH).
 */
export function rotaryTables(index, T, DH, rope) {
    const { invFreq, attentionScaling } = ropeFrequencies(rope, index + T);
    const half = DH / 2;
    const scaling = Math.fround(attentionScaling);
    const cos = new Float32Array(T * DH);
    const sin = new Float32Array(T * DH);
    for (let j = 0; j < half; j++) {
        for (let t = 0; t < T; t++) {
            const angle = Math.fround((index + t) * invFreq[j]);
            cos[t * DH + j] = cos[t * DH + j + half] = scaling === 1 ? Math.cos(angle) : Math.fround(Math.cos(angle)) * scaling;
            sin[t * DH + j] = sin[t * DH + j + half] = scaling === 1 ? Math.sin(angle) : Math.fround(Math.sin(angle)) * scaling;
        }
    }
    return { cos: tf.tensor(cos, [T, 1, DH]), sin: tf.tensor(sin, [T, 1, DH]) };
}
/** x (B,T,heads,DH) rotated: x*cos + rotate_half(x)*sin, rotate_half(x) = concat(-x2, x1). */
export function applyRotary(x, cos, sin) {
    const half = x.shape[3] / 2;
    const [x1, x2] = tf.split(x, [half, half], 3);
    return tf.add(tf.mul(x, cos), tf.mul(tf.concat([tf.neg(x2), x1], 3), sin));
}
/**
 * Grouped KV heads for every query head: (B,S,KV,DH) -> (B,S,KV*rep,DH), head h reads kv head
 * floor(h/rep). A gather on the head axis, not transformers' expand + reshape: tiling a rank-5
 * tensor runs on the CPU in tfjs-backend-webgpu, which reads synchronously and fails in Node.
 */
export function repeatKv(x, rep) {
    if (rep === 1)
        return x;
    const KV = x.shape[2];
    return tf.gather(x, Array.from({ length: KV * rep }, (_, h) => Math.floor(h / rep)), 2);
}
/** x * sigmoid(x). */
export function silu(x) {
    return tf.mul(x, tf.sigmoid(x));
}
