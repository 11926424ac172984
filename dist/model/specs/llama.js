/**
 * Llama (also Mistral and Qwen2: the same block, q/k/v biases when present) and Gemma, as
 * registry entries: sizes from config.json, the naming (PyTorch `.weight` (out,in) or Flax
 * `.kernel` (in,out)) from the tree, every tensor's shape checked against the config.
 */
import { LayoutError } from '../../errors.js';
import { requireCarried, ShapeCheck } from './check.js';
const LAYER_NAMES = ['self_attn.q_proj', 'self_attn.k_proj', 'self_attn.v_proj', 'self_attn.o_proj', 'mlp.gate_proj', 'mlp.up_proj', 'mlp.down_proj'];
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
const linear = (naming, input, output) => (naming === 'pt' ? [output, input] : [input, output]);
function llamaLikeSpec(kind, tree, ctx) {
    const c = needConfig(ctx, kind);
    const D = c.size('hidden_size');
    const H = c.size('num_attention_heads');
    const KV = c.size('num_key_value_heads', H);
    const F = c.size('intermediate_size');
    const V = c.size('vocab_size');
    const L = c.size('num_hidden_layers');
    const DH = c.has('head_dim') ? c.size('head_dim') : D / H;
    if (!Number.isInteger(DH))
        throw new LayoutError(`${c.file}: hidden_size ${D} is not a multiple of num_attention_heads ${H}, and head_dim is not set`, 'BAD_CONFIG');
    if (H % KV !== 0)
        throw new LayoutError(`${c.file}: num_attention_heads ${H} is not a multiple of num_key_value_heads ${KV}`, 'BAD_CONFIG');
    if (DH % 2 !== 0)
        throw new LayoutError(`${c.file}: head width ${DH} is odd; rotary embeddings rotate halves`, 'BAD_CONFIG');
    if (L !== tree.layers)
        throw new LayoutError(`${c.file}: num_hidden_layers is ${L}, but the checkpoint has ${tree.layers} layers`, 'BAD_CONFIG');
    c.unsupported('rope_scaling', 'scanconv computes plain RoPE only');
    if (kind === 'llama')
        c.oneOf('hidden_act', ['silu'], 'silu');
    else
        c.oneOf('hidden_activation', ['gelu_pytorch_tanh', 'gelu_new'], 'gelu_pytorch_tanh');
    const naming = namingOf(tree, 'self_attn.q_proj.weight', 'self_attn.q_proj.kernel');
    const leaf = naming === 'pt' ? 'weight' : 'kernel';
    const check = new ShapeCheck(tree, { D, H, KV, DH, F, V }, `${c.file}: hidden_size, num_attention_heads, num_key_value_heads, head width, intermediate_size, vocab_size`);
    const io = {
        'self_attn.q_proj': ['D', 'H*DH'], 'self_attn.k_proj': ['D', 'KV*DH'], 'self_attn.v_proj': ['D', 'KV*DH'], 'self_attn.o_proj': ['H*DH', 'D'],
        'mlp.gate_proj': ['D', 'F'], 'mlp.up_proj': ['D', 'F'], 'mlp.down_proj': ['F', 'D'],
    };
    for (const name of LAYER_NAMES)
        check.layer(`${name}.${leaf}`, linear(naming, ...io[name]));
    const biases = ['self_attn.q_proj', 'self_attn.k_proj', 'self_attn.v_proj'].map((n) => check.layer(`${n}.bias`, [io[n][1]], true));
    if (biases.some((b) => b !== biases[0]))
        throw new LayoutError('q_proj, k_proj and v_proj must all have biases or none', 'MISSING_PARAM');
    if (check.layer('self_attn.o_proj.bias', ['D'], true))
        throw new LayoutError(`${tree.layerLeafName('self_attn.o_proj.bias')}: an output-projection bias is not computed by scanconv's ${kind}`, 'UNSUPPORTED_CONFIG');
    for (const n of ['input_layernorm.weight', 'post_attention_layernorm.weight'])
        check.layer(n, ['D']);
    const embed = requireCarried(tree, naming === 'pt' ? ['embed_tokens.weight'] : ['embed_tokens.embedding']);
    check.carried(embed, ['V', 'D']);
    const norm = requireCarried(tree, ['norm.weight']);
    check.carried(norm, ['D']);
    const tied = c.flag('tie_word_embeddings', kind === 'gemma');
    const globals = { embed, norm };
    if (!tied) {
        globals.head = requireCarried(tree, naming === 'pt' ? ['lm_head.weight'] : ['lm_head.kernel']);
        check.carried(globals.head, linear(naming, 'D', 'V'));
    }
    return {
        kind,
        layers: L,
        D,
        H,
        DH,
        vocab: V,
        decoder: {
            modelType: c.modelType ?? kind,
            naming,
            KV,
            F,
            eps: c.positive('rms_norm_eps', 1e-6),
            ropeTheta: c.positive('rope_theta', 10000),
            qkvBias: biases[0],
            tied,
            globals,
        },
    };
}
const LLAMA_LEAVES = ['self_attn.q_proj', 'mlp.gate_proj', 'input_layernorm'];
const recognizes = (tree) => LLAMA_LEAVES.every((n) => [...tree.layerLeaves.keys()].some((k) => k.startsWith(`${n}.`)));
export const llamaFamily = {
    name: 'llama',
    modelTypes: ['llama', 'mistral', 'qwen2'],
    traceNames: ['+attention', '+mlp'],
    describe: 'Llama/Mistral/Qwen2 (per layer: self_attn.{q,k,v,o}_proj, mlp.{gate,up,down}_proj, input_layernorm; with config.json)',
    recognizes,
    spec: (tree, ctx) => llamaLikeSpec('llama', tree, ctx),
};
export const gemmaFamily = {
    name: 'gemma',
    modelTypes: ['gemma'],
    traceNames: ['+attention', '+mlp'],
    describe: 'Gemma (the Llama tree, with config.json model_type gemma)',
    recognizes,
    spec: (tree, ctx) => llamaLikeSpec('gemma', tree, ctx),
};
