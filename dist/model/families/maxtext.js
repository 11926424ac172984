/**
 * The Llama family as MaxText names and computes it: MaxText's `decoder_block: llama2` (Llama 2,
 * Llama 3 without rope_scaling) and `decoder_block: mistral`, read from the tree MaxText's own
 * converter writes, run with MaxText's math. Sources: AI-Hypercomputer/maxtext at e591f30
 * (2026-08-22), paths under src/maxtext/.
 *
 * The tree (checkpoint_conversion/standalone_scripts/llama_or_mistral_ckpt.py, HF -> MaxText):
 *   token_embedder.embedding [V,D]             = embed_tokens.weight                        (:732-738)
 *   decoder.decoder_norm.scale [D]             = norm.weight                                 (:713-716)
 *   decoder.logits_dense.kernel [D,V]          = lm_head.weightᵀ                             (:722-725)
 *   layer.self_attention.query.kernel [D,H,DH] = q_projᵀ reshaped, then / sqrt(DH)           (:756-762, :807-810)
 *   layer.self_attention.{key,value}.kernel [D,KV,DH] = k_projᵀ, v_projᵀ reshaped           (:756-762)
 *   layer.self_attention.out.kernel [H,DH,D]   = o_proj.weight [D, H·DH] reshaped, axes moved (:768-770, :803-805)
 *   layer.mlp.wi_0 / wi_1 / wo.kernel          = gate_projᵀ / up_projᵀ / down_projᵀ          (:879-895; names :269-306)
 *   layer.pre_ / post_self_attention_layer_norm.scale = input_ / post_attention_layernorm    (:817-856)
 * Scanned, every layer tensor is stacked on axis 1 (:790-805, :851-856, :1036-1038).
 *
 * The math (models/llama2.py LlamaDecoderLayer :166-201, models/mistral.py the same block):
 *   x = embedding[ids]
 *   per layer:  h = x + out(attention(rms(x) * pre_self_attention_layer_norm))
 *               x = h + wo(silu(wi_0(n)) * wi_1(n)),  n = rms(h) * post_self_attention_layer_norm
 *   logits = (rms(x) * decoder_norm) logits_dense
 * - The query kernel holds 1/sqrt(DH): the converter divides it (`scale_query`, True but for
 *   Llama 4, :610), and the attention never scales the logits (layers/attentions.py:660-677 folds
 *   depth scaling into the query's initialiser; no query_pre_attn_scalar in llama2.py :77-104, so
 *   :1298-1300 does nothing; layers/attention_op.py apply_attention_dot :2480 has no scale). So
 *   logits = q·k as stored, unscaled: undoing the division (the Orbax -> HF script multiplies by
 *   sqrt(DH), llama_mistral_mixtral_orbax_to_hf.py:59-64) would not be exact, so it is not done.
 * - RoPE: layers/embeddings.py RotaryEmbedding (:276-375), chosen for every model name and
 *   rope_type but llama3.1 / yarn / partial (layers/attentions.py:934-1022): halves rotated as in
 *   transformers (`_rotate_half` :327-330), angle = position / timescale with timescale_j =
 *   min·(max/min)^(2j/DH) in f32 (:317-325), min = rope_min_timescale 1 (configs/base.yml:1015),
 *   max = rope_max_timescale = config.json's rope_theta. The HF converter leaves q/k unpermuted
 *   except for model sizes llama3.1-* (:764-766, max_utils.py:837-844, to interleaved pairs for
 *   LLaMARotaryEmbedding): which one a tree holds is not in the tree, so rope_scaling is refused.
 * - RMSNorm (layers/normalizations.py:73-96): x·rsqrt(mean(x²) + eps)·scale, eps MaxText's
 *   normalization_layer_epsilon, whose model configs copy rms_norm_eps (configs/models/llama2-7b.yml).
 * - Mistral: MaxText's block attends to every earlier position (no attention_type, and
 *   sliding_window_size 0, configs/base.yml:397), so a config's sliding_window is not applied.
 * Computed in f32 (MaxText's `dtype: float32`; its default bfloat16 rounds activations).
 */
import { tf } from '../tf.js';
import { LayoutError } from '../../errors.js';
import { updateCache } from '../cache.js';
import { linearWeight, project } from '../decoder.js';
import { applyRotary, dotProductAttention, repeatKv, rmsNormHf, silu } from '../layers.js';
import { refToTensor, refToTransposedTensor } from '../params.js';
import { ShapeCheck, requireCarried } from '../specs/check.js';
import { PLAIN_ROPE, hasLayerLeaves, hfSizes, needConfig, refuse, slidingWindow } from './hf.js';
/** Every parameter of MaxText's llama2 / mistral decoder layer, with its per-layer shape. */
const LAYER = {
    'self_attention.query.kernel': ['D', 'H', 'DH'],
    'self_attention.key.kernel': ['D', 'KV', 'DH'],
    'self_attention.value.kernel': ['D', 'KV', 'DH'],
    'self_attention.out.kernel': ['H', 'DH', 'D'],
    'mlp.wi_0.kernel': ['D', 'F'],
    'mlp.wi_1.kernel': ['D', 'F'],
    'mlp.wo.kernel': ['F', 'D'],
    'pre_self_attention_layer_norm.scale': ['D'],
    'post_self_attention_layer_norm.scale': ['D'],
};
/** rope_scaling is refused before these rules are read (see maxtextLlamaSpec), so plain RoPE. */
const RULES = { headDim: 'config', rope: PLAIN_ROPE, activation: ['hidden_act', ['silu'], 'silu'] };
/** MaxText's Llama names: how the llama family recognises a MaxText tree. */
export const recognizesMaxTextLlama = (tree) => hasLayerLeaves(tree, ['self_attention.query', 'mlp.wi_0', 'pre_self_attention_layer_norm', 'post_self_attention_layer_norm']);
/** A MaxText Llama tree checked against config.json (model_type llama or mistral). */
export function maxtextLlamaSpec(tree, ctx) {
    const c = needConfig(ctx, 'llama');
    const modelType = c.modelType ?? 'llama';
    if (modelType !== 'llama' && modelType !== 'mistral') {
        throw new LayoutError(`${c.file}: model_type "${modelType}" with MaxText's parameter names: scanconv runs MaxText's llama2 and mistral decoder blocks (model_type llama, mistral) only`, 'UNSUPPORTED_CONFIG');
    }
    if (c.has('rope_scaling')) {
        refuse(c, 'rope_scaling', "MaxText runs scaled RoPE (LLaMARotaryEmbedding) on query and key kernels its converter permuted into interleaved pairs for model sizes llama3.1-* only (llama_or_mistral_ckpt.py:764-766), and the tree does not say which it holds; scanconv refuses rather than guess");
    }
    if (c.flag('tie_word_embeddings', false)) {
        refuse(c, 'tie_word_embeddings', "MaxText's Llama converter writes decoder.logits_dense (llama_or_mistral_ckpt.py:722-725); a head read from the embedding (logits_via_embedding) is not computed by scanconv");
    }
    const { D, H, KV, F, V, L, DH, rope, eps } = hfSizes(c, tree, modelType, RULES);
    const check = new ShapeCheck(tree, { D, H, KV, DH, F, V }, `${c.file}: hidden_size, num_attention_heads, num_key_value_heads, head width, intermediate_size, vocab_size`);
    const extra = [...tree.layerLeaves.keys()].find((k) => !(k in LAYER));
    if (extra !== undefined) {
        throw new LayoutError(`${tree.layerLeafName(extra)}: not a parameter of MaxText's llama2/mistral decoder layer (models/llama2.py), which scanconv computes; refused rather than ignored`, 'UNSUPPORTED_PARAM');
    }
    for (const [name, dims] of Object.entries(LAYER))
        check.layer(name, dims);
    const embed = requireCarried(tree, ['token_embedder.embedding']);
    check.carried(embed, ['V', 'D']);
    const norm = requireCarried(tree, ['decoder.decoder_norm.scale']);
    check.carried(norm, ['D']);
    const head = requireCarried(tree, ['decoder.logits_dense.kernel']);
    check.carried(head, ['D', 'V']);
    const window = modelType === 'mistral' ? slidingWindow(c, 4096) : undefined;
    const notes = window !== undefined && window < c.size('max_position_embeddings', Infinity)
        ? [`${c.file}: "sliding_window" ${window} is not applied: MaxText's mistral decoder block attends to every earlier position (sliding_window_size 0), and scanconv computes MaxText's math for MaxText's names (docs/MAXTEXT.md)`]
        : undefined;
    return {
        kind: 'llama',
        layers: L,
        D,
        H,
        DH,
        vocab: V,
        // attnMultiplier 1: the logits are q·k as stored; the query kernel already holds 1/sqrt(DH).
        decoder: { modelType, naming: 'maxtext', KV, F, eps, rope, attnMultiplier: 1, qkvBias: false, tied: false, globals: { embed, norm, head }, ...(notes ? { notes } : {}) },
    };
}
// ---- math side (workers) ----
/** One view per stored tensor: generate's weight cache knows a weight by its ref (wasm/weightCache.ts). */
const matrixViews = new WeakMap();
/** A stored kernel seen as a (rows, rest) matrix: the same bytes in the same order. */
function asMatrix(ref, rows) {
    let view = matrixViews.get(ref);
    if (!view) {
        const cols = ref.shape.reduce((a, b) => a * b, 1) / rows;
        const pieces = ref.pieces;
        view = {
            name: ref.name,
            dtype: ref.dtype,
            shape: [rows, cols],
            byteLength: ref.byteLength,
            readInto: (target, targetOffset, offset, length) => ref.readInto(target, targetOffset, offset, length),
            ...(pieces ? { pieces: () => pieces.call(ref) } : {}),
        };
        matrixViews.set(ref, view);
    }
    return view;
}
/** A DenseGeneral kernel ([D,H,DH] or [H,DH,D]) as the (in,out) matrix its product is: the first `rows` values index the input. */
function kernelMatrix(p, path, rows) {
    const view = (q) => asMatrix(p.ref(q), rows);
    const getter = Object.assign((q, read) => (read?.transposed ? refToTransposedTensor : refToTensor)(view(q)), { ref: view });
    return linearWeight(getter, path, 'in,out');
}
/**
 * RotaryEmbedding's tables (embeddings.py:317-325, :363-369): timescale_j = theta^(2j/DH) in f32,
 * angle = position / timescale (a division, where transformers multiplies by 1/timescale),
 * cos and sin of each half repeated. (T, 1, DH), as applyRotary takes them.
 */
export function maxtextRotaryTables(spec, index, T) {
    const { DH } = spec;
    const theta = Math.fround(spec.decoder.rope.theta);
    const half = DH / 2;
    const cos = new Float32Array(T * DH);
    const sin = new Float32Array(T * DH);
    for (let j = 0; j < half; j++) {
        const timescale = Math.fround(theta ** Math.fround((2 * j) / DH));
        for (let t = 0; t < T; t++) {
            const angle = Math.fround((index + t) / timescale);
            cos[t * DH + j] = cos[t * DH + j + half] = Math.cos(angle);
            sin[t * DH + j] = sin[t * DH + j + half] = Math.sin(angle);
        }
    }
    return { cos: tf.tensor(cos, [T, 1, DH]), sin: tf.tensor(sin, [T, 1, DH]) };
}
/**
 * layers/attentions.py's Attention for the llama2 block: DenseGeneral projections, RoPE on q and
 * k, unscaled logits; query head h reads KV head floor(h / (H/KV)) (attention_op.py:2640 groups
 * the query as [b, t, n_kv, n // n_kv, d]), as repeatKv does.
 */
function attention(x, p, cache, step, spec) {
    const [B, T] = x.shape;
    const { D, H, DH } = spec;
    const { KV } = spec.decoder;
    const heads = (name, count) => tf.reshape(project(x, kernelMatrix(p, ['self_attention', name, 'kernel'], D)), [B, T, count, DH]);
    const { cos, sin } = step.tables;
    const q = applyRotary(heads('query', H), cos, sin);
    const k = updateCache(cache.k, applyRotary(heads('key', KV), cos, sin), step.index);
    const v = updateCache(cache.v, heads('value', KV), step.index);
    const rep = H / KV;
    const o = dotProductAttention(q, repeatKv(k, rep), repeatKv(v, rep), { mask: step.mask, scaleQuery: false, multiplier: spec.decoder.attnMultiplier });
    return { out: project(tf.reshape(o, [B, T, H * DH]), kernelMatrix(p, ['self_attention', 'out', 'kernel'], H * DH)), cache: { k, v } };
}
/** LlamaDecoderLayer.__call__ (models/llama2.py:166-201). */
export function maxtextLlamaBlock(x, p, cache, step, spec) {
    const { eps } = spec.decoder;
    const norm = (t, name) => rmsNormHf(t, p([name, 'scale']), eps);
    const attn = attention(norm(x, 'pre_self_attention_layer_norm'), p, cache, step, spec);
    const h = tf.add(x, attn.out);
    const n = norm(h, 'post_self_attention_layer_norm');
    const dense = (name) => linearWeight(p, ['mlp', name, 'kernel'], 'in,out');
    // MlpBlock with mlp_activations ["silu", "linear"]: the activations' product (layers/linears.py:604-618).
    const mlp = project(tf.mul(silu(project(n, dense('wi_0'))), project(n, dense('wi_1'))), dense('wo'));
    const out = tf.add(h, mlp);
    return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}
