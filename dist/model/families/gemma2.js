/**
 * Gemma 2 (`model_type` gemma2), one file: its config, its checks and its math, as transformers
 * v4.45.2's modeling_gemma2.py computes it (fixtures/arch2/README.md quotes the lines):
 *   x = embed[ids] * sqrt(D)                       the factor rounded to f32 first
 *   per layer:  h = x + post_attention_layernorm(attention(input_layernorm(x)))
 *               x = h + post_feedforward_layernorm(mlp(pre_feedforward_layernorm(h)))
 *     every norm scales by (1 + weight); mlp = down(gelu_tanh(gate) * up)
 *     attention logits times query_pre_attn_scalar^-0.5, then cap*tanh(s/cap) before the mask;
 *     a sliding window on the even layers (0, 2, ...), causal on the odd ones
 *   logits = final_cap * tanh((rms(x) * (1 + norm)) embedᵀ / final_cap)        (tied head)
 * tfjs is required on first use (model/tf.ts), so the main thread can import this file.
 */
import { tf } from '../tf.js';
import { rmsNormHf, softcap } from '../layers.js';
import { PLAIN_ROPE, attention, finalRmsNorm, gatedGeluMlp, hasLayerLeaves, hfGlobals, hfSizes, linear, lmHead, namingOf, needConfig, refuse, rotary, slidingWindow } from './hf.js';
import { scaledEmbed } from './gemma.js';
import { ShapeCheck } from '../specs/check.js';
const RULES = { headDim: 'config', rope: PLAIN_ROPE, activation: ['hidden_activation', ['gelu_pytorch_tanh'], 'gelu_pytorch_tanh'] };
const NORMS = ['input_layernorm', 'post_attention_layernorm', 'pre_feedforward_layernorm', 'post_feedforward_layernorm'];
const PROJECTIONS = {
    'self_attn.q_proj': ['D', 'H*DH'], 'self_attn.k_proj': ['D', 'KV*DH'], 'self_attn.v_proj': ['D', 'KV*DH'], 'self_attn.o_proj': ['H*DH', 'D'],
    'mlp.gate_proj': ['D', 'F'], 'mlp.up_proj': ['D', 'F'], 'mlp.down_proj': ['F', 'D'],
};
function spec(tree, ctx) {
    const c = needConfig(ctx, 'gemma2');
    const { D, H, KV, F, V, L, DH, rope, eps } = hfSizes(c, tree, 'gemma2', RULES);
    // Gemma2Config's defaults where config.json leaves a key out.
    const scalar = c.positive('query_pre_attn_scalar', 224);
    // null turns a cap off (transformers skips it for None); an absent key takes the class default.
    const cap = (key, fallback) => (c.hasKey(key) && !c.has(key) ? undefined : c.positive(key, fallback));
    const attnCap = cap('attn_logit_softcapping', 50);
    const finalCap = cap('final_logit_softcapping', 30);
    // Gemma2Config's default window is 4096 (configuration_gemma2.py:125); null cannot run.
    const window = slidingWindow(c, 4096);
    if (window === undefined)
        refuse(c, 'sliding_window', 'Gemma 2 masks its even layers with it; transformers v4.45.2 cannot run without one');
    if (!c.flag('tie_word_embeddings', true))
        refuse(c, 'tie_word_embeddings', "Gemma 2's head is its embedding; an untied head is not a Gemma 2 transformers computes");
    const naming = namingOf(tree, 'self_attn.q_proj.weight', 'self_attn.q_proj.kernel');
    const leaf = naming === 'pt' ? 'weight' : 'kernel';
    const check = new ShapeCheck(tree, { D, H, KV, DH, F, V }, `${c.file}: hidden_size, num_attention_heads, num_key_value_heads, head_dim, intermediate_size, vocab_size`);
    for (const [name, io] of Object.entries(PROJECTIONS))
        check.layer(`${name}.${leaf}`, linear(naming, ...io));
    for (const name of NORMS)
        check.layer(`${name}.weight`, ['D']);
    for (const name of ['q_proj', 'k_proj', 'v_proj', 'o_proj']) {
        if (tree.layerLeaves.has(`self_attn.${name}.bias`))
            refuse(c, 'attention_bias', `${tree.layerLeafName(`self_attn.${name}.bias`)}: scanconv's gemma2 has no attention biases`);
    }
    return {
        kind: 'gemma2',
        layers: L,
        D,
        H,
        DH,
        vocab: V,
        decoder: {
            modelType: 'gemma2', naming, KV, F, eps, rope, qkvBias: false, tied: true,
            window: { size: window, layers: 'even' }, attnMultiplier: scalar ** -0.5, attnSoftcap: attnCap, finalSoftcap: finalCap,
            globals: hfGlobals(tree, check, naming, true),
        },
    };
}
const norm = (x, p, name, spec) => rmsNormHf(x, p([name, 'weight']), spec.decoder.eps, true);
function block(x, p, cache, step, spec, layer) {
    const attn = attention(norm(x, p, 'input_layernorm', spec), p, cache, step, spec, layer);
    const h = tf.add(x, norm(attn.out, p, 'post_attention_layernorm', spec));
    const out = tf.add(h, norm(gatedGeluMlp(norm(h, p, 'pre_feedforward_layernorm', spec), p, spec), p, 'post_feedforward_layernorm', spec));
    return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}
export const gemma2 = {
    tables: (spec, index, T) => rotary(spec, index, T),
    embed: scaledEmbed,
    block,
    finalNorm: finalRmsNorm(true),
    logits: (params, spec, x) => {
        const logits = lmHead(params, spec, x);
        const cap = spec.decoder.finalSoftcap;
        return cap === undefined ? logits : softcap(logits, cap);
    },
};
export const gemma2Family = {
    name: 'gemma2',
    modelTypes: ['gemma2'],
    traceNames: ['+attention', '+mlp'],
    describe: 'Gemma 2 (the Llama tree plus pre_/post_feedforward_layernorm, with config.json model_type gemma2)',
    recognizes: (tree) => hasLayerLeaves(tree, ['self_attn.q_proj', 'pre_feedforward_layernorm', 'post_feedforward_layernorm']),
    spec,
    model: gemma2,
};
