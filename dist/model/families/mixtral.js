/**
 * Mixtral (`model_type` mixtral), one file: the Llama attention with a sparse mixture of experts
 * in place of the MLP, as transformers v4.45.2's MixtralSparseMoeBlock computes it (:716-745):
 *   n = post_attention_layernorm(h)
 *   p = softmax(gate(n)) over all E experts, in f32; the top k of p; renormalised to sum to 1
 *   x = h + sum over the chosen experts e, in expert order, of p_e * w2(silu(w1 n) * w3 n)
 * Every expert is computed for every token and weighted by its routing weight, 0 where the token
 * did not choose it (adding 0 changes no sum; the forward stays one synchronous pass). That is
 * E/k times the experts' arithmetic; `profile` counts the active experts only (flops.ts).
 * The experts are numeric children of each layer (`block_sparse_moe.experts.{e}`) and stack
 * with the layer like every other tensor.
 * `sliding_window` masks nothing in v4.45.2's eager (and sdpa) attention, only in its
 * flash-attention path; scanconv computes eager, so no window, and a note says so.
 */
import { tf } from '../tf.js';
import { project } from '../decoder.js';
import { rmsNormHf, silu } from '../layers.js';
import { PLAIN_ROPE, attention, embedRows, finalRmsNorm, flashOnlyWindowNote, hasLayerLeaves, hfGlobals, hfSizes, linear, lmHead, namingOf, needConfig, projection, rotary } from './hf.js';
import { ShapeCheck } from '../specs/check.js';
import { LayoutError } from '../../errors.js';
const ATTENTION = { q_proj: ['D', 'H*DH'], k_proj: ['D', 'KV*DH'], v_proj: ['D', 'KV*DH'], o_proj: ['H*DH', 'D'] };
const RULES = { headDim: 'D/H', rope: PLAIN_ROPE, activation: ['hidden_act', ['silu'], 'silu'] };
function spec(tree, ctx) {
    const c = needConfig(ctx, 'mixtral');
    const { D, H, KV, F, V, L, DH, rope, eps } = hfSizes(c, tree, 'mixtral', RULES);
    const E = c.size('num_local_experts', 8);
    const topK = c.size('num_experts_per_tok', 2);
    if (topK > E)
        throw new LayoutError(`${c.file}: num_experts_per_tok ${topK} is more than num_local_experts ${E}`, 'BAD_CONFIG');
    // MixtralConfig's default window is None (configuration_mixtral.py:129); v4.45.2 reads it in
    // MixtralFlashAttention2 only (modeling_mixtral.py:483-552): eager masks causally (:1123-1187).
    const note = flashOnlyWindowNote(c, `"sliding_window" ${c.shown('sliding_window')}`);
    const naming = namingOf(tree, 'self_attn.q_proj.weight', 'self_attn.q_proj.kernel');
    const leaf = naming === 'pt' ? 'weight' : 'kernel';
    const check = new ShapeCheck(tree, { D, H, KV, DH, F, V, E }, `${c.file}: hidden_size, num_attention_heads, num_key_value_heads, D/H, intermediate_size, vocab_size, num_local_experts`);
    for (const [name, io] of Object.entries(ATTENTION))
        check.layer(`self_attn.${name}.${leaf}`, linear(naming, ...io));
    check.layer(`block_sparse_moe.gate.${leaf}`, linear(naming, 'D', 'E'));
    for (let e = 0; e < E; e++) {
        check.layer(`block_sparse_moe.experts.${e}.w1.${leaf}`, linear(naming, 'D', 'F'));
        check.layer(`block_sparse_moe.experts.${e}.w3.${leaf}`, linear(naming, 'D', 'F'));
        check.layer(`block_sparse_moe.experts.${e}.w2.${leaf}`, linear(naming, 'F', 'D'));
    }
    const extra = [...tree.layerLeaves.keys()].find((k) => /^block_sparse_moe\.experts\.(\d+)\./.test(k) && Number(/\.experts\.(\d+)\./.exec(k)[1]) >= E);
    if (extra)
        throw new LayoutError(`${tree.layerLeafName(extra)}: an expert beyond num_local_experts ${E} (${c.file})`, 'BAD_CONFIG');
    for (const n of ['input_layernorm.weight', 'post_attention_layernorm.weight'])
        check.layer(n, ['D']);
    const tied = c.flag('tie_word_embeddings', false);
    return {
        kind: 'mixtral',
        layers: L,
        D,
        H,
        DH,
        vocab: V,
        decoder: { modelType: 'mixtral', naming, KV, F, eps, rope, qkvBias: false, tied, moe: { experts: E, topK }, globals: hfGlobals(tree, check, naming, tied), ...(note ? { notes: [note] } : {}) },
    };
}
/** (BT, E) routing weights: softmax over all experts, the top k kept and renormalised, 0 elsewhere. */
function routing(n, p, spec) {
    const { experts: E, topK } = spec.decoder.moe;
    const logits = project(tf.reshape(n, [-1, spec.D]), projection(p, spec, ['block_sparse_moe', 'gate']));
    const { values, indices } = tf.topk(tf.softmax(logits, -1), topK);
    const weights = tf.div(values, tf.sum(values, -1, true)); // (BT, k)
    return tf.sum(tf.mul(tf.oneHot(indices, E), tf.expandDims(weights, -1)), 1); // one non-zero term per expert
}
function moe(n, p, spec) {
    const { experts: E } = spec.decoder.moe;
    const x = tf.reshape(n, [-1, spec.D]);
    const weights = tf.split(routing(n, p, spec), E, 1);
    let sum = tf.zerosLike(x);
    for (let e = 0; e < E; e++) {
        const w = (name) => projection(p, spec, ['block_sparse_moe', 'experts', String(e), name]);
        const out = project(tf.mul(silu(project(x, w('w1'))), project(x, w('w3'))), w('w2'));
        sum = tf.add(sum, tf.mul(out, weights[e]));
    }
    return tf.reshape(sum, n.shape);
}
function block(x, p, cache, step, spec, layer) {
    const { eps } = spec.decoder;
    const attn = attention(rmsNormHf(x, p(['input_layernorm', 'weight']), eps), p, cache, step, spec, layer);
    const h = tf.add(x, attn.out);
    const out = tf.add(h, moe(rmsNormHf(h, p(['post_attention_layernorm', 'weight']), eps), p, spec));
    return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}
export const mixtral = {
    tables: (spec, index, T) => rotary(spec, index, T),
    embed: embedRows,
    block,
    finalNorm: finalRmsNorm(false),
    logits: lmHead,
};
export const mixtralFamily = {
    name: 'mixtral',
    modelTypes: ['mixtral'],
    traceNames: ['+attention', '+mlp'],
    describe: 'Mixtral (per layer: self_attn.{q,k,v,o}_proj, block_sparse_moe.gate, block_sparse_moe.experts.{e}.w1/w2/w3; with config.json)',
    recognizes: (tree) => hasLayerLeaves(tree, ['self_attn.q_proj', 'block_sparse_moe.gate', 'input_layernorm']),
    spec,
    model: mixtral,
};
