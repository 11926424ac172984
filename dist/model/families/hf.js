/**
 * What the Hugging Face decoder families share, config side and math side (mlx-lm's base.py and
 * rope_utils.py play this part there): reading config.json's sizes, RoPE and refusals, the
 * naming (PyTorch `.weight` (out,in) or Flax `.kernel` (in,out)), the global tensors, and the
 * Llama attention (grouped KV heads, RoPE, a mask per layer, scale and soft-cap from the spec,
 * fused or separate projections), the gated MLPs and the head. Each family's file
 * (families/<name>.ts) composes these top to bottom. tfjs is required on first use (tf.ts).
 */
import { tf } from '../tf.js';
import { LayoutError } from '../../errors.js';
import { updateCache } from '../cache.js';
import { headLogits, layerMask, linearWeight, project } from '../decoder.js';
import { applyRotary, dotProductAttention, geluTanh, repeatKv, rmsNormHf, rotaryTables, silu } from '../layers.js';
import { ROPE_TYPES, ropeSpec } from '../rope.js';
import { requireCarried } from '../specs/check.js';
// ---- config side (main thread and workers) ----
export function needConfig(ctx, kind) {
    if (!ctx.config)
        throw new LayoutError(`a ${kind} checkpoint needs its config.json (sizes, eps, rope_theta): put it beside the checkpoint or pass --config FILE`, 'NEED_CONFIG');
    return ctx.config;
}
/** Which naming the tree uses, from one leaf that each naming spells differently. */
export function namingOf(tree, pt, flax) {
    if (tree.layerLeaves.has(pt))
        return 'pt';
    if (tree.layerLeaves.has(flax))
        return 'flax';
    throw new LayoutError(`missing parameter ${pt} (PyTorch naming) or ${flax} (Flax naming) in every layer; found ${[...tree.layerLeaves.keys()].slice(0, 6).join(', ')}`, 'MISSING_PARAM');
}
/** A Linear's stored shape: (out,in) under PyTorch names, (in,out) as a Flax kernel. */
export const linear = (naming, input, output) => (naming === 'pt' ? [output, input] : [input, output]);
/** Every rope_scaling type modeling_rope_utils computes (Llama, Qwen2 in transformers v4.45.2). */
export const ALL_ROPE = { types: ROPE_TYPES };
/** A RotaryEmbedding built from (dim, max_position_embeddings, base) alone: rope_scaling is ignored, so refused. */
export const PLAIN_ROPE = { types: [] };
/** The sizes every Hugging Face decoder reads from config.json, checked against each other and the tree. */
export function hfSizes(c, tree, modelType, rules) {
    const D = c.size('hidden_size');
    const H = c.size('num_attention_heads');
    const KV = c.size('num_key_value_heads', H);
    const F = c.size('intermediate_size');
    const V = c.size('vocab_size');
    const L = c.size('num_hidden_layers');
    const DH = rules.headDim === 'config' && c.has('head_dim') ? c.size('head_dim') : D / H;
    if (!Number.isInteger(DH))
        throw new LayoutError(`${c.file}: hidden_size ${D} is not a multiple of num_attention_heads ${H}${rules.headDim === 'config' ? ', and head_dim is not set' : ''}`, 'BAD_CONFIG');
    if (rules.headDim === 'D/H' && c.has('head_dim') && c.size('head_dim') !== DH) {
        throw new LayoutError(`${c.file}: "head_dim" is ${c.size('head_dim')}, but transformers v4.45.2's ${modelType} attention uses hidden_size / num_attention_heads = ${DH} while its RoPE reads head_dim; scanconv refuses rather than guess`, 'UNSUPPORTED_CONFIG');
    }
    if (H % KV !== 0)
        throw new LayoutError(`${c.file}: num_attention_heads ${H} is not a multiple of num_key_value_heads ${KV}`, 'BAD_CONFIG');
    if (DH % 2 !== 0)
        throw new LayoutError(`${c.file}: head width ${DH} is odd; rotary embeddings rotate halves`, 'BAD_CONFIG');
    if (L !== tree.layers)
        throw new LayoutError(`${c.file}: num_hidden_layers is ${L}, but the checkpoint has ${tree.layers} layers`, 'BAD_CONFIG');
    c.oneOf(...rules.activation);
    if (c.flag('attention_bias', false))
        refuse(c, 'attention_bias', `biases on every attention projection (o_proj's too) are not computed by scanconv's ${modelType}`);
    if (c.flag('mlp_bias', false))
        refuse(c, 'mlp_bias', `MLP biases are not computed by scanconv's ${modelType}`);
    const rope = ropeSpec(c, DH, rules.rope, modelType);
    return { D, H, KV, F, V, L, DH, rope, eps: c.positive('rms_norm_eps', 1e-6) };
}
/** An exit-2 refusal naming the config key that scanconv cannot compute exactly. */
export function refuse(c, key, why) {
    throw new LayoutError(`${c.file}: "${key}" is ${c.shown(key)}; ${why}`, 'UNSUPPORTED_CONFIG');
}
/**
 * The note for a sliding window that transformers v4.45.2 applies in its flash-attention path
 * only (Qwen2, Mixtral, Phi-3): its eager and sdpa paths build the plain causal mask
 * (`_update_causal_mask`; docs/FAMILIES.md quotes the lines), so the window changes nothing
 * there, and scanconv, which computes eager, applies none. Undefined when even flash-attention
 * would apply no window: sliding_window null (or absent with no class default), `applies` false
 * (Qwen2 with every layer below max_window_layers), or a window that reaches
 * max_position_embeddings. The value is not checked further: eager never reads it.
 */
export function flashOnlyWindowNote(c, setting, classDefault, applies = true) {
    const window = c.hasKey('sliding_window') ? (c.has('sliding_window') ? c.finite('sliding_window', 0) : undefined) : classDefault;
    if (!applies || window === undefined || window >= c.size('max_position_embeddings', Infinity))
        return undefined;
    return `${c.file}: ${setting} is not applied, as in transformers v4.45.2's eager and sdpa attention; only its flash-attention path applies it (docs/FAMILIES.md)`;
}
/** config.json's sliding_window: `fallback` (the config class's default) when the key is absent, undefined when null. */
export function slidingWindow(c, fallback) {
    if (c.has('sliding_window'))
        return c.size('sliding_window');
    return c.hasKey('sliding_window') ? undefined : fallback;
}
/** embed_tokens, the final norm and (untied) lm_head, each shape checked. */
export function hfGlobals(tree, check, naming, tied) {
    const embed = requireCarried(tree, naming === 'pt' ? ['embed_tokens.weight'] : ['embed_tokens.embedding']);
    check.carried(embed, ['V', 'D']);
    const norm = requireCarried(tree, ['norm.weight']);
    check.carried(norm, ['D']);
    const globals = { embed, norm };
    if (!tied) {
        globals.head = requireCarried(tree, naming === 'pt' ? ['lm_head.weight'] : ['lm_head.kernel']);
        check.carried(globals.head, linear(naming, 'D', 'V'));
    }
    return globals;
}
/** True when every one of `prefixes` starts some per-layer leaf: how a family recognises its tree. */
export const hasLayerLeaves = (tree, prefixes) => prefixes.every((n) => [...tree.layerLeaves.keys()].some((k) => k.startsWith(`${n}.`)));
// ---- math side (workers) ----
const dec = (spec) => spec.decoder;
/** A projection's weight: PyTorch's (out,in) `weight` or Flax's (in,out) `kernel`. */
export function projection(p, spec, path) {
    return dec(spec).naming === 'pt' ? linearWeight(p, [...path, 'weight'], 'out,in') : linearWeight(p, [...path, 'kernel'], 'in,out');
}
/** Separate q_proj, k_proj, v_proj Linears, with biases when the checkpoint has them (Qwen2). */
export const separateQkv = (x, p, spec) => {
    const { qkvBias } = dec(spec);
    const one = (name) => project(x, projection(p, spec, ['self_attn', name]), qkvBias ? p(['self_attn', name, 'bias']) : undefined);
    return [one('q_proj'), one('k_proj'), one('v_proj')];
};
/**
 * Self-attention with RoPE and grouped KV heads; keys and values go into this layer's cache.
 * The layer's mask (a sliding window where the spec has one), the logits' scale and soft-cap
 * come from the spec (Gemma 2); `qkv` makes the projections (Phi-3 fuses them).
 */
export function attention(x, p, cache, step, spec, layer, qkv = separateQkv) {
    const [B, T] = x.shape;
    const { H, DH } = spec;
    const d = dec(spec);
    const [qs, ks, vs] = qkv(x, p, spec);
    const heads = (t, count) => tf.reshape(t, [B, T, count, DH]);
    const { cos, sin } = step.tables;
    const q = applyRotary(heads(qs, H), cos, sin);
    const k = updateCache(cache.k, applyRotary(heads(ks, d.KV), cos, sin), step.index);
    const v = updateCache(cache.v, heads(vs, d.KV), step.index);
    const rep = H / d.KV;
    const o = dotProductAttention(q, repeatKv(k, rep), repeatKv(v, rep), { mask: layerMask(step, spec, layer), scaleQuery: false, multiplier: d.attnMultiplier, softcap: d.attnSoftcap });
    return { out: project(tf.reshape(o, [B, T, H * DH]), projection(p, spec, ['self_attn', 'o_proj'])), cache: { k, v } };
}
/** Llama's MLP: down(silu(gate(x)) * up(x)). */
export function mlp(x, p, spec) {
    const gate = project(x, projection(p, spec, ['mlp', 'gate_proj']));
    const up = project(x, projection(p, spec, ['mlp', 'up_proj']));
    return project(tf.mul(silu(gate), up), projection(p, spec, ['mlp', 'down_proj']));
}
/** Gemma's MLP: down(gelu_tanh(gate(x)) * up(x)). */
export function gatedGeluMlp(x, p, spec) {
    const gate = project(x, projection(p, spec, ['mlp', 'gate_proj']));
    const up = project(x, projection(p, spec, ['mlp', 'up_proj']));
    return project(tf.mul(geluTanh(gate), up), projection(p, spec, ['mlp', 'down_proj']));
}
export const rotary = (spec, index, T) => rotaryTables(index, T, spec.DH, dec(spec).rope);
/** The head, read in vocabulary chunks: tied to the (V,D) embedding, or lm_head ((V,D) under PyTorch names, a (D,V) Flax kernel). */
export function lmHead(params, spec, x) {
    const d = dec(spec);
    if (d.tied)
        return headLogits(params, d.globals.embed, x, spec.vocab);
    return headLogits(params, d.globals.head, x, spec.vocab, d.naming === 'pt' ? 'rows' : 'kernel');
}
/** The embedding rows of `ids`: (B, T, D). */
export const embedRows = (params, spec, ids) => tf.reshape(params.rows(dec(spec).globals.embed, ids.data), [...ids.shape, spec.D]);
/** RMSNorm as transformers' Llama computes it (Gemma: plusOne, times (1 + weight)). */
export const finalRmsNorm = (plusOne) => (params, spec, x) => rmsNormHf(x, params.named(dec(spec).globals.norm), dec(spec).eps, plusOne);
