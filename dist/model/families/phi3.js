/**
 * Phi-3 (`model_type` phi3: Phi-3, Phi-3.5, Phi-4), one file: the Llama block with fused
 * projections, as transformers v4.45.2's modeling_phi3.py computes it:
 *   qkv = qkv_proj(n)  split as q (H*DH), k (KV*DH), v (KV*DH) along the output (:426-429)
 *   gate, up = gate_up_proj(n).chunk(2)            gate first (:339-344); mlp = down(up * silu(gate))
 *   RoPE: default, or `longrope` with short/long factors chosen per call by the sequence length
 *   (Phi3LongRoPEScaledRotaryEmbedding; rope.ts). head width D/H.
 * The checkpoint keeps its fused tensors in both layouts (files are never rewritten); the split
 * happens on the product's output, so each row is the dot product transformers computes.
 * `sliding_window` masks nothing: v4.45.2 reads it in Phi3FlashAttention2 only (:550-622); the
 * eager and sdpa paths mask causally (:1097-1160). scanconv computes eager, and a note says so
 * when the window is shorter than max_position_embeddings (Phi-3-mini-4k's 2047).
 */
import { tf } from '../tf.js';
import { project } from '../decoder.js';
import { rmsNormHf, silu } from '../layers.js';
import { attention, embedRows, finalRmsNorm, flashOnlyWindowNote, hasLayerLeaves, hfGlobals, hfSizes, linear, lmHead, namingOf, needConfig, projection, refuse, rotary } from './hf.js';
import { ShapeCheck } from '../specs/check.js';
const RULES = { headDim: 'D/H', rope: { types: ['longrope'], phi3LongRope: true }, activation: ['hidden_act', ['silu'], 'silu'] };
function spec(tree, ctx) {
    const c = needConfig(ctx, 'phi3');
    const { D, H, KV, F, V, L, DH, rope, eps } = hfSizes(c, tree, 'phi3', RULES);
    const naming = namingOf(tree, 'self_attn.qkv_proj.weight', 'self_attn.qkv_proj.kernel');
    const leaf = naming === 'pt' ? 'weight' : 'kernel';
    const check = new ShapeCheck(tree, { D, H, KV, DH, F, V, QKV: (H + 2 * KV) * DH, '2F': 2 * F }, `${c.file}: hidden_size, num_attention_heads, num_key_value_heads, D/H, intermediate_size, vocab_size`);
    check.layer(`self_attn.qkv_proj.${leaf}`, linear(naming, 'D', 'QKV'));
    check.layer(`self_attn.o_proj.${leaf}`, linear(naming, 'H*DH', 'D'));
    check.layer(`mlp.gate_up_proj.${leaf}`, linear(naming, 'D', '2F'));
    check.layer(`mlp.down_proj.${leaf}`, linear(naming, 'F', 'D'));
    for (const n of ['input_layernorm.weight', 'post_attention_layernorm.weight'])
        check.layer(n, ['D']);
    for (const n of ['self_attn.qkv_proj.bias', 'self_attn.o_proj.bias', 'mlp.gate_up_proj.bias', 'mlp.down_proj.bias']) {
        if (tree.layerLeaves.has(n))
            refuse(c, 'attention_bias', `${tree.layerLeafName(n)}: Phi-3's projections have no biases in transformers v4.45.2`);
    }
    const tied = c.flag('tie_word_embeddings', false);
    // Phi3Config's default window is None (configuration_phi3.py:134).
    const note = flashOnlyWindowNote(c, `"sliding_window" ${c.shown('sliding_window')}`);
    return {
        kind: 'phi3',
        layers: L,
        D,
        H,
        DH,
        vocab: V,
        decoder: { modelType: 'phi3', naming, KV, F, eps, rope, qkvBias: false, tied, globals: hfGlobals(tree, check, naming, tied), ...(note ? { notes: [note] } : {}) },
    };
}
/** One product with the fused weight, split on its output: q, k, v. */
const fusedQkv = (x, p, spec) => {
    const { H, DH } = spec;
    const KV = spec.decoder.KV;
    const qkv = project(x, projection(p, spec, ['self_attn', 'qkv_proj']));
    return tf.split(qkv, [H * DH, KV * DH, KV * DH], -1);
};
function mlp(x, p, spec) {
    const F = spec.decoder.F;
    const [gate, up] = tf.split(project(x, projection(p, spec, ['mlp', 'gate_up_proj'])), [F, F], -1);
    return project(tf.mul(up, silu(gate)), projection(p, spec, ['mlp', 'down_proj']));
}
function block(x, p, cache, step, spec, layer) {
    const { eps } = spec.decoder;
    const attn = attention(rmsNormHf(x, p(['input_layernorm', 'weight']), eps), p, cache, step, spec, layer, fusedQkv);
    const h = tf.add(x, attn.out);
    const out = tf.add(h, mlp(rmsNormHf(h, p(['post_attention_layernorm', 'weight']), eps), p, spec));
    return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}
export const phi3 = {
    tables: (spec, index, T) => rotary(spec, index, T),
    embed: embedRows,
    block,
    finalNorm: finalRmsNorm(false),
    logits: lmHead,
};
export const phi3Family = {
    name: 'phi3',
    modelTypes: ['phi3'],
    traceNames: ['+attention', '+mlp'],
    describe: 'Phi-3 (per layer: self_attn.qkv_proj, self_attn.o_proj, mlp.gate_up_proj, mlp.down_proj; with config.json)',
    recognizes: (tree) => hasLayerLeaves(tree, ['self_attn.qkv_proj', 'mlp.gate_up_proj', 'input_layernorm']),
    spec,
    model: phi3,
};
