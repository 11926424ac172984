/**
 * GPT-2 as a registry entry: sizes from config.json, naming from the tree (PyTorch Conv1D
 * `.weight` (in,out), Flax `.kernel` (out,in); LayerNorm `.weight` or `.scale`), trees with or
 * without the `transformer.` prefix, every tensor's shape checked.
 */
import { LayoutError } from '../../errors.js';
import type { Family } from '../registry.js';
import type { ModelSpec } from '../spec.js';
import { requireCarried, ShapeCheck, type Dims, type TreeView } from './check.js';
import { namingOf, needConfig } from './llama.js';

export const gpt2Family: Family = {
  name: 'gpt2',
  modelTypes: ['gpt2'],
  traceNames: ['+attention', '+mlp'],
  describe: 'GPT-2 (per layer: attn.c_attn, attn.c_proj, mlp.c_fc, mlp.c_proj, ln_1, ln_2; with config.json)',
  recognizes: (tree) => ['attn.c_attn.', 'mlp.c_fc.', 'ln_1.'].every((n) => [...tree.layerLeaves.keys()].some((k) => k.startsWith(n))),
  spec(tree: TreeView, ctx): ModelSpec {
    const c = needConfig(ctx, 'gpt2');
    const D = c.size(['n_embd', 'hidden_size']);
    const H = c.size(['n_head', 'num_attention_heads']);
    const L = c.size(['n_layer', 'num_hidden_layers']);
    const V = c.size('vocab_size');
    const F = c.size('n_inner', 4 * D);
    const P = c.size(['n_positions', 'max_position_embeddings'], 1024);
    if (D % H !== 0) throw new LayoutError(`${c.file}: n_embd ${D} is not a multiple of n_head ${H}`, 'BAD_CONFIG');
    if (L !== tree.layers) throw new LayoutError(`${c.file}: n_layer is ${L}, but the checkpoint has ${tree.layers} layers`, 'BAD_CONFIG');
    c.oneOf('activation_function', ['gelu_new', 'gelu_pytorch_tanh'], 'gelu_new');
    if (!c.flag('scale_attn_weights', true) || c.flag('scale_attn_by_inverse_layer_idx', false)) {
      throw new LayoutError(`${c.file}: scanconv's gpt2 scales attention by 1/sqrt(head width) only (scale_attn_weights true, scale_attn_by_inverse_layer_idx false)`, 'UNSUPPORTED_CONFIG');
    }
    const naming = namingOf(tree, 'attn.c_attn.weight', 'attn.c_attn.kernel');
    // Conv1D stores (in,out); Hugging Face's Flax GPT-2 stores (out,in): the reverse of Linear/Dense.
    const conv = (input: string, output: string): Dims => (naming === 'pt' ? [input, output] : [output, input]);
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
    const globals: Record<string, string> = {
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
