/**
 * Llama, Mistral and Qwen2 (`model_type` llama, mistral, qwen2: one block, q/k/v biases when the
 * checkpoint has them), as transformers v4.45.2 computes them:
 *   x = embed[ids]
 *   per layer:  h = x + o_proj(attention(rms(x) * input_layernorm))     grouped KV heads, RoPE, KV cache
 *               x = h + down(silu(gate(n)) * up(n)),  n = rms(h) * post_attention_layernorm
 *   logits = (rms(x) * norm) lm_head        (embedᵀ when tied)
 * RoPE: every rope_scaling type for Llama and Qwen2 (rope.ts); Mistral's class ignores
 * rope_scaling, so it is refused. Mistral's `sliding_window` masks every layer, in the prefill
 * and past the window in generate (modeling_mistral.py:921-928). Qwen2's `use_sliding_window`
 * (with sliding_window, max_window_layers) masks nothing in v4.45.2's eager attention, so none
 * here either; a note says so (docs/FAMILIES.md quotes the lines).
 */
import { tf } from '../tf.js';
import { LayoutError } from '../../errors.js';
import { rmsNormHf } from '../layers.js';
import { maxtextLlamaBlock, maxtextLlamaSpec, maxtextRotaryTables, recognizesMaxTextLlama } from './maxtext.js';
import { ShapeCheck } from '../specs/check.js';
import { ALL_ROPE, PLAIN_ROPE, attention, embedRows, finalRmsNorm, flashOnlyWindowNote, slidingWindow, hasLayerLeaves, hfGlobals, hfSizes, linear, lmHead, mlp, namingOf, needConfig, rotary, } from './hf.js';
const RULES = {
    llama: { headDim: 'config', rope: ALL_ROPE, activation: ['hidden_act', ['silu'], 'silu'] },
    mistral: { headDim: 'config', rope: PLAIN_ROPE, activation: ['hidden_act', ['silu'], 'silu'] },
    qwen2: { headDim: 'D/H', rope: ALL_ROPE, activation: ['hidden_act', ['silu'], 'silu'] },
};
const PROJECTIONS = {
    'self_attn.q_proj': ['D', 'H*DH'], 'self_attn.k_proj': ['D', 'KV*DH'], 'self_attn.v_proj': ['D', 'KV*DH'], 'self_attn.o_proj': ['H*DH', 'D'],
    'mlp.gate_proj': ['D', 'F'], 'mlp.up_proj': ['D', 'F'], 'mlp.down_proj': ['F', 'D'],
};
/**
 * Mistral's window on every layer. Qwen2's is applied by transformers v4.45.2's flash-attention
 * path alone, to the layers from max_window_layers up (modeling_qwen2.py:513-520); its eager and
 * sdpa paths build the plain causal mask (:1015-1079, :98-116) whatever the config says, and
 * those are what scanconv computes: no window, and a note.
 */
function windowOf(c, modelType, layers) {
    if (modelType === 'mistral') {
        // MistralConfig's default window is 4096 (configuration_mistral.py:120); null turns it off.
        const size = slidingWindow(c, 4096);
        return size === undefined ? {} : { window: { size, layers: 'all' } };
    }
    if (modelType !== 'qwen2' || !c.flag('use_sliding_window', false))
        return {};
    // Qwen2Config's defaults: sliding_window 4096, max_window_layers 28 (configuration_qwen2.py:149-150).
    const fromLayer = c.finite('max_window_layers', 28);
    const window = c.hasKey('sliding_window') ? c.shown('sliding_window') : '4096';
    const note = flashOnlyWindowNote(c, `"use_sliding_window" (sliding_window ${window}, max_window_layers ${fromLayer})`, 4096, fromLayer < layers);
    return note ? { notes: [note] } : {};
}
/**
 * The Llama tree checked against config.json: shared with Gemma (v1), whose tree is the same
 * (`kind` gemma, its own rules, a tied head by default).
 */
export function llamaTreeSpec(kind, rules, tree, ctx) {
    const c = needConfig(ctx, kind);
    const modelType = c.modelType ?? kind;
    const { D, H, KV, F, V, L, DH, rope, eps } = hfSizes(c, tree, modelType, rules);
    const naming = namingOf(tree, 'self_attn.q_proj.weight', 'self_attn.q_proj.kernel');
    const leaf = naming === 'pt' ? 'weight' : 'kernel';
    const check = new ShapeCheck(tree, { D, H, KV, DH, F, V }, `${c.file}: hidden_size, num_attention_heads, num_key_value_heads, head width, intermediate_size, vocab_size`);
    for (const [name, io] of Object.entries(PROJECTIONS))
        check.layer(`${name}.${leaf}`, linear(naming, ...io));
    const biases = ['self_attn.q_proj', 'self_attn.k_proj', 'self_attn.v_proj'].map((n) => check.layer(`${n}.bias`, [PROJECTIONS[n][1]], true));
    if (biases.some((b) => b !== biases[0]))
        throw new LayoutError('q_proj, k_proj and v_proj must all have biases or none', 'MISSING_PARAM');
    if (check.layer('self_attn.o_proj.bias', ['D'], true))
        throw new LayoutError(`${tree.layerLeafName('self_attn.o_proj.bias')}: an output-projection bias is not computed by scanconv's ${kind}`, 'UNSUPPORTED_CONFIG');
    for (const n of ['input_layernorm.weight', 'post_attention_layernorm.weight'])
        check.layer(n, ['D']);
    const tied = c.flag('tie_word_embeddings', kind === 'gemma');
    return {
        kind,
        layers: L,
        D,
        H,
        DH,
        vocab: V,
        decoder: { modelType, naming, KV, F, eps, rope, ...windowOf(c, modelType, L), qkvBias: biases[0], tied, globals: hfGlobals(tree, check, naming, tied) },
    };
}
function block(x, p, cache, step, spec, layer) {
    const { eps } = spec.decoder;
    const attn = attention(rmsNormHf(x, p(['input_layernorm', 'weight']), eps), p, cache, step, spec, layer);
    const h = tf.add(x, attn.out);
    const out = tf.add(h, mlp(rmsNormHf(h, p(['post_attention_layernorm', 'weight']), eps), p, spec));
    return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}
const isMaxText = (spec) => spec.decoder?.naming === 'maxtext';
/** The Llama block; under MaxText's names, MaxText's own computation (families/maxtext.ts). */
export const llama = {
    tables: (spec, index, T) => (isMaxText(spec) ? maxtextRotaryTables(spec, index, T) : rotary(spec, index, T)),
    embed: (params, spec, ids) => embedRows(params, spec, ids),
    block: (x, p, cache, step, spec, layer) => (isMaxText(spec) ? maxtextLlamaBlock(x, p, cache, step, spec) : block(x, p, cache, step, spec, layer)),
    finalNorm: finalRmsNorm(false),
    logits: lmHead,
};
/** The Llama tree's leaves (Gemma v1 has the same tree). */
export const recognizesLlamaTree = (tree) => hasLayerLeaves(tree, ['self_attn.q_proj', 'mlp.gate_proj', 'input_layernorm']);
export const llamaFamily = {
    name: 'llama',
    modelTypes: ['llama', 'mistral', 'qwen2'],
    traceNames: ['+attention', '+mlp'],
    describe: "Llama/Mistral/Qwen2 (per layer: self_attn.{q,k,v,o}_proj, mlp.{gate,up,down}_proj, input_layernorm; or MaxText's self_attention.{query,key,value,out}, mlp.{wi_0,wi_1,wo}, pre_self_attention_layer_norm; with config.json)",
    recognizes: (tree) => recognizesLlamaTree(tree) || recognizesMaxTextLlama(tree),
    spec: (tree, ctx) => (recognizesMaxTextLlama(tree) && !recognizesLlamaTree(tree) ? maxtextLlamaSpec(tree, ctx) : llamaTreeSpec('llama', RULES[ctx.config?.modelType ?? 'llama'] ?? RULES.llama, tree, ctx)),
    model: llama,
};
