/**
 * GPT-2 (`model_type` gpt2), one file: its config and shape checks, then its math (transformers 4.40.2, modeling_gpt2.py):
 *   x = wte[ids] + wpe[positions]
 *   per layer:  q, k, v = split(ln_1(x) c_attn + b, 3)
 *               h = x + attention(q, k, v) c_proj + b
 *               x = h + gelu_tanh(ln_2(h) c_fc + b) c_proj' + b
 *   logits = ln_f(x) wteᵀ
 * PyTorch's Conv1D stores (in,out) and Hugging Face's Flax GPT-2 (out,in): the reverse of
 * every other family (decoder.ts linearWeight reads either).
 */
import { tf } from '../tf.js';
import { LayoutError } from '../../errors.js';
import { updateCache } from '../cache.js';
import { headLogits, linearWeight, project } from '../decoder.js';
import { dotProductAttention, geluTanh, layerNorm } from '../layers.js';
import { requireCarried, ShapeCheck } from '../specs/check.js';
import { namingOf, needConfig } from './hf.js';
const flax = (spec) => spec.decoder.naming === 'flax';
/** A Conv1D and its bias: (out,in) under Flax's names, (in,out) under PyTorch's. */
function conv1d(x, p, spec, path) {
    const weight = flax(spec) ? linearWeight(p, [...path, 'kernel'], 'out,in') : linearWeight(p, [...path, 'weight'], 'in,out');
    return project(x, weight, p([...path, 'bias']));
}
function norm(x, p, spec, name) {
    return layerNorm(x, p([name, flax(spec) ? 'scale' : 'weight']), p([name, 'bias']), spec.decoder.eps);
}
function attention(x, p, cache, step, spec) {
    const [B, T] = x.shape;
    const { D, H, DH } = spec;
    const [q, k, v] = tf.split(conv1d(x, p, spec, ['attn', 'c_attn']), 3, -1).map((t) => tf.reshape(t, [B, T, H, DH]));
    const kc = updateCache(cache.k, k, step.index);
    const vc = updateCache(cache.v, v, step.index);
    const o = dotProductAttention(q, kc, vc, { mask: step.mask, scaleQuery: false });
    return { out: conv1d(tf.reshape(o, [B, T, D]), p, spec, ['attn', 'c_proj']), cache: { k: kc, v: vc } };
}
function block(x, p, cache, step, spec) {
    const attn = attention(norm(x, p, spec, 'ln_1'), p, cache, step, spec);
    const h = tf.add(x, attn.out);
    const mlp = conv1d(geluTanh(conv1d(norm(h, p, spec, 'ln_2'), p, spec, ['mlp', 'c_fc'])), p, spec, ['mlp', 'c_proj']);
    const out = tf.add(h, mlp);
    return { out, cache: attn.cache, trace: { '+attention': h, '+mlp': out } };
}
export const gpt2 = {
    embed(params, spec, ids, index) {
        const g = spec.decoder.globals;
        const [B, T] = ids.shape;
        const tokens = tf.reshape(params.rows(g.embed, ids.data), [B, T, spec.D]);
        const positions = params.rows(g.positions, Array.from({ length: T }, (_, t) => index + t));
        return tf.add(tokens, positions);
    },
    block,
    finalNorm: (params, spec, x) => layerNorm(x, params.named(spec.decoder.globals.normScale), params.named(spec.decoder.globals.normBias), spec.decoder.eps),
    logits: (params, spec, x) => headLogits(params, spec.decoder.globals.embed, x, spec.vocab),
};
export const gpt2Family = {
    name: 'gpt2',
    modelTypes: ['gpt2'],
    traceNames: ['+attention', '+mlp'],
    describe: 'GPT-2 (per layer: attn.c_attn, attn.c_proj, mlp.c_fc, mlp.c_proj, ln_1, ln_2; with config.json)',
    model: gpt2,
    recognizes: (tree) => ['attn.c_attn.', 'mlp.c_fc.', 'ln_1.'].every((n) => [...tree.layerLeaves.keys()].some((k) => k.startsWith(n))),
    spec(tree, ctx) {
        const c = needConfig(ctx, 'gpt2');
        const D = c.size(['n_embd', 'hidden_size']);
        const H = c.size(['n_head', 'num_attention_heads']);
        const L = c.size(['n_layer', 'num_hidden_layers']);
        const V = c.size('vocab_size');
        const F = c.size('n_inner', 4 * D);
        const P = c.size(['n_positions', 'max_position_embeddings'], 1024);
        if (D % H !== 0)
            throw new LayoutError(`${c.file}: n_embd ${D} is not a multiple of n_head ${H}`, 'BAD_CONFIG');
        if (L !== tree.layers)
            throw new LayoutError(`${c.file}: n_layer is ${L}, but the checkpoint has ${tree.layers} layers`, 'BAD_CONFIG');
        c.oneOf('activation_function', ['gelu_new', 'gelu_pytorch_tanh'], 'gelu_new');
        if (!c.flag('scale_attn_weights', true) || c.flag('scale_attn_by_inverse_layer_idx', false)) {
            throw new LayoutError(`${c.file}: scanconv's gpt2 scales attention by 1/sqrt(head width) only (scale_attn_weights true, scale_attn_by_inverse_layer_idx false)`, 'UNSUPPORTED_CONFIG');
        }
        const naming = namingOf(tree, 'attn.c_attn.weight', 'attn.c_attn.kernel');
        // Conv1D stores (in,out); Hugging Face's Flax GPT-2 stores (out,in): the reverse of Linear/Dense.
        const conv = (input, output) => (naming === 'pt' ? [input, output] : [output, input]);
        const [leaf, scale] = naming === 'pt' ? ['weight', 'weight'] : ['kernel', 'scale'];
        const check = new ShapeCheck(tree, { D, F, V, P, '3D': 3 * D }, `${c.file}: n_embd, n_inner, vocab_size, n_positions`);
        check.layer(`attn.c_attn.${leaf}`, conv('D', '3D'));
        check.layer('attn.c_attn.bias', ['3D']);
        check.layer(`attn.c_proj.${leaf}`, conv('D', 'D'));
        check.layer('attn.c_proj.bias', ['D']);
        check.layer(`mlp.c_fc.${leaf}`, conv('D', 'F'));
        check.layer('mlp.c_fc.bias', ['F']);
        check.layer(`mlp.c_proj.${leaf}`, conv('F', 'D'));
        check.layer('mlp.c_proj.bias', ['D']);
        for (const n of ['ln_1', 'ln_2']) {
            check.layer(`${n}.${scale}`, ['D']);
            check.layer(`${n}.bias`, ['D']);
        }
        const table = naming === 'pt' ? 'weight' : 'embedding';
        const globals = {
            embed: requireCarried(tree, [`wte.${table}`]),
            positions: requireCarried(tree, [`wpe.${table}`]),
            normScale: requireCarried(tree, [`ln_f.${scale}`]),
            normBias: requireCarried(tree, ['ln_f.bias']),
        };
        check.carried(globals.embed, ['V', 'D']);
        check.carried(globals.positions, ['P', 'D']);
        check.carried(globals.normScale, ['D']);
        check.carried(globals.normBias, ['D']);
        return {
            kind: 'gpt2',
            layers: L,
            D,
            H,
            DH: D / H,
            vocab: V,
            decoder: { modelType: 'gpt2', naming, KV: H, F, eps: c.positive('layer_norm_epsilon', 1e-5), maxPositions: P, qkvBias: true, tied: true, globals },
        };
    },
};
