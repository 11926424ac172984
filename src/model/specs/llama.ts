/**
 * Llama (also Mistral and Qwen2: the same block, q/k/v biases when present) and Gemma, as
 * registry entries: sizes from config.json, the naming (PyTorch `.weight` (out,in) or Flax
 * `.kernel` (in,out)) from the tree, every tensor's shape checked against the config.
 */
import { LayoutError } from '../../errors.js';
import type { HfConfig } from '../config.js';
import type { Family, DetectContext } from '../registry.js';
import type { Dims } from './check.js';
import type { DecoderSpec, ModelSpec, Naming } from '../spec.js';
import { ROPE_TYPES, ropeSpec, type RopeSupport } from '../rope.js';
import { requireCarried, ShapeCheck, type TreeView } from './check.js';

const LAYER_NAMES = ['self_attn.q_proj', 'self_attn.k_proj', 'self_attn.v_proj', 'self_attn.o_proj', 'mlp.gate_proj', 'mlp.up_proj', 'mlp.down_proj'];

export function needConfig(ctx: DetectContext, kind: string): HfConfig {
  if (!ctx.config) throw new LayoutError(`a ${kind} checkpoint needs its config.json (sizes, eps, rope_theta): put it beside the checkpoint or pass --config FILE`, 'NEED_CONFIG');
  return ctx.config;
}

/** Which naming the tree uses, from one leaf that each naming spells differently. */
export function namingOf(tree: TreeView, pt: string, flax: string): Naming {
  if (tree.layerLeaves.has(pt)) return 'pt';
  if (tree.layerLeaves.has(flax)) return 'flax';
  throw new LayoutError(`missing parameter ${pt} (PyTorch naming) or ${flax} (Flax naming) in every layer; found ${[...tree.layerLeaves.keys()].slice(0, 6).join(', ')}`, 'MISSING_PARAM');
}

/** A Linear's stored shape: (out,in) under PyTorch names, (in,out) as a Flax kernel. */
export const linear = (naming: Naming, input: string, output: string): Dims => (naming === 'pt' ? [output, input] : [input, output]);

/** Every rope_scaling type modeling_rope_utils computes (Llama, Qwen2 in transformers v4.45.2). */
const ALL_ROPE: RopeSupport = { types: ROPE_TYPES };
/** A RotaryEmbedding built from (dim, max_position_embeddings, base) alone: rope_scaling is ignored, so refused. */
const PLAIN_ROPE: RopeSupport = { types: [] };

/**
 * How each model_type's transformers v4.45.2 class reads its config, where they differ:
 * `headDim` 'config' reads head_dim (Llama, Mistral, Gemma), 'D/H' ignores it (Qwen2, Phi-3,
 * Mixtral; a head_dim that differs is refused: their RoPE would read it and their attention
 * not); the RoPE variants the class applies; the activation key and values it computes.
 */
export interface TypeRules {
  headDim: 'config' | 'D/H';
  rope: RopeSupport;
  activation: [key: string, allowed: readonly string[], fallback: string];
}

export const TYPE_RULES: Readonly<Record<string, TypeRules>> = {
  llama: { headDim: 'config', rope: ALL_ROPE, activation: ['hidden_act', ['silu'], 'silu'] },
  mistral: { headDim: 'config', rope: PLAIN_ROPE, activation: ['hidden_act', ['silu'], 'silu'] },
  qwen2: { headDim: 'D/H', rope: ALL_ROPE, activation: ['hidden_act', ['silu'], 'silu'] },
  gemma: { headDim: 'config', rope: PLAIN_ROPE, activation: ['hidden_activation', ['gelu_pytorch_tanh', 'gelu_new'], 'gelu_pytorch_tanh'] },
  gemma2: { headDim: 'config', rope: PLAIN_ROPE, activation: ['hidden_activation', ['gelu_pytorch_tanh'], 'gelu_pytorch_tanh'] },
  phi3: { headDim: 'D/H', rope: { types: ['longrope'], phi3LongRope: true }, activation: ['hidden_act', ['silu'], 'silu'] },
  mixtral: { headDim: 'D/H', rope: PLAIN_ROPE, activation: ['hidden_act', ['silu'], 'silu'] },
};

/** The sizes every Hugging Face decoder reads from config.json, checked against each other and the tree. */
export function hfSizes(c: HfConfig, tree: TreeView, modelType: string) {
  const rules = TYPE_RULES[modelType];
  const D = c.size('hidden_size');
  const H = c.size('num_attention_heads');
  const KV = c.size('num_key_value_heads', H);
  const F = c.size('intermediate_size');
  const V = c.size('vocab_size');
  const L = c.size('num_hidden_layers');
  const DH = rules.headDim === 'config' && c.has('head_dim') ? c.size('head_dim') : D / H;
  if (!Number.isInteger(DH)) throw new LayoutError(`${c.file}: hidden_size ${D} is not a multiple of num_attention_heads ${H}${rules.headDim === 'config' ? ', and head_dim is not set' : ''}`, 'BAD_CONFIG');
  if (rules.headDim === 'D/H' && c.has('head_dim') && c.size('head_dim') !== DH) {
    throw new LayoutError(`${c.file}: "head_dim" is ${c.size('head_dim')}, but transformers v4.45.2's ${modelType} attention uses hidden_size / num_attention_heads = ${DH} while its RoPE reads head_dim; scanconv refuses rather than guess`, 'UNSUPPORTED_CONFIG');
  }
  if (H % KV !== 0) throw new LayoutError(`${c.file}: num_attention_heads ${H} is not a multiple of num_key_value_heads ${KV}`, 'BAD_CONFIG');
  if (DH % 2 !== 0) throw new LayoutError(`${c.file}: head width ${DH} is odd; rotary embeddings rotate halves`, 'BAD_CONFIG');
  if (L !== tree.layers) throw new LayoutError(`${c.file}: num_hidden_layers is ${L}, but the checkpoint has ${tree.layers} layers`, 'BAD_CONFIG');
  c.oneOf(...rules.activation);
  if (c.flag('attention_bias', false)) refuse(c, 'attention_bias', `biases on every attention projection (o_proj's too) are not computed by scanconv's ${modelType}`);
  if (c.flag('mlp_bias', false)) refuse(c, 'mlp_bias', `MLP biases are not computed by scanconv's ${modelType}`);
  const rope = ropeSpec(c, DH, rules.rope, modelType);
  return { D, H, KV, F, V, L, DH, rope, eps: c.positive('rms_norm_eps', 1e-6) };
}

/** An exit-2 refusal naming the config key that scanconv cannot compute exactly. */
export function refuse(c: HfConfig, key: string, why: string): never {
  throw new LayoutError(`${c.file}: "${key}" is ${c.shown(key)}; ${why}`, 'UNSUPPORTED_CONFIG');
}

/**
 * The sliding window of Mistral (every layer; `sliding_window`) and the windows scanconv refuses:
 * Qwen2's `use_sliding_window` (v4.45.2 applies it in its flash-attention path only, so eager and
 * flash disagree) and Mixtral's (its masking differs by attention implementation too).
 */
function windowOf(c: HfConfig, modelType: string): DecoderSpec['window'] {
  if (modelType === 'mistral' && c.has('sliding_window')) return { size: c.size('sliding_window'), layers: 'all' };
  if (modelType === 'qwen2' && c.flag('use_sliding_window', false)) refuse(c, 'use_sliding_window', "transformers v4.45.2 applies Qwen2's window (sliding_window, max_window_layers) in its flash-attention path only, so its implementations disagree; scanconv refuses rather than pick one");
  return undefined;
}

function llamaLikeSpec(kind: 'llama' | 'gemma', tree: TreeView, ctx: DetectContext): ModelSpec {
  const c = needConfig(ctx, kind);
  const modelType = c.modelType ?? kind;
  const { D, H, KV, F, V, L, DH, rope, eps } = hfSizes(c, tree, TYPE_RULES[modelType] ? modelType : kind);
  const naming = namingOf(tree, 'self_attn.q_proj.weight', 'self_attn.q_proj.kernel');
  const leaf = naming === 'pt' ? 'weight' : 'kernel';
  const check = new ShapeCheck(tree, { D, H, KV, DH, F, V }, `${c.file}: hidden_size, num_attention_heads, num_key_value_heads, head width, intermediate_size, vocab_size`);
  const io: Record<string, [string, string]> = {
    'self_attn.q_proj': ['D', 'H*DH'], 'self_attn.k_proj': ['D', 'KV*DH'], 'self_attn.v_proj': ['D', 'KV*DH'], 'self_attn.o_proj': ['H*DH', 'D'],
    'mlp.gate_proj': ['D', 'F'], 'mlp.up_proj': ['D', 'F'], 'mlp.down_proj': ['F', 'D'],
  };
  for (const name of LAYER_NAMES) check.layer(`${name}.${leaf}`, linear(naming, ...io[name]));
  const biases = ['self_attn.q_proj', 'self_attn.k_proj', 'self_attn.v_proj'].map((n) => check.layer(`${n}.bias`, [io[n][1]], true));
  if (biases.some((b) => b !== biases[0])) throw new LayoutError('q_proj, k_proj and v_proj must all have biases or none', 'MISSING_PARAM');
  if (check.layer('self_attn.o_proj.bias', ['D'], true)) throw new LayoutError(`${tree.layerLeafName('self_attn.o_proj.bias')}: an output-projection bias is not computed by scanconv's ${kind}`, 'UNSUPPORTED_CONFIG');
  for (const n of ['input_layernorm.weight', 'post_attention_layernorm.weight']) check.layer(n, ['D']);
  const tied = c.flag('tie_word_embeddings', kind === 'gemma');
  return {
    kind,
    layers: L,
    D,
    H,
    DH,
    vocab: V,
    decoder: { modelType, naming, KV, F, eps, rope, window: windowOf(c, modelType), qkvBias: biases[0], tied, globals: hfGlobals(tree, check, naming, tied) },
  };
}

/** embed_tokens, the final norm and (untied) lm_head, each shape checked. */
export function hfGlobals(tree: TreeView, check: ShapeCheck, naming: Naming, tied: boolean): Record<string, string> {
  const embed = requireCarried(tree, naming === 'pt' ? ['embed_tokens.weight'] : ['embed_tokens.embedding']);
  check.carried(embed, ['V', 'D']);
  const norm = requireCarried(tree, ['norm.weight']);
  check.carried(norm, ['D']);
  const globals: Record<string, string> = { embed, norm };
  if (!tied) {
    globals.head = requireCarried(tree, naming === 'pt' ? ['lm_head.weight'] : ['lm_head.kernel']);
    check.carried(globals.head, linear(naming, 'D', 'V'));
  }
  return globals;
}

const LLAMA_LEAVES = ['self_attn.q_proj', 'mlp.gate_proj', 'input_layernorm'];
const recognizes = (tree: TreeView) => LLAMA_LEAVES.every((n) => [...tree.layerLeaves.keys()].some((k) => k.startsWith(`${n}.`)));

export const llamaFamily: Family = {
  name: 'llama',
  modelTypes: ['llama', 'mistral', 'qwen2'],
  traceNames: ['+attention', '+mlp'],
  describe: 'Llama/Mistral/Qwen2 (per layer: self_attn.{q,k,v,o}_proj, mlp.{gate,up,down}_proj, input_layernorm; with config.json)',
  recognizes,
  spec: (tree, ctx) => llamaLikeSpec('llama', tree, ctx),
};

export const gemmaFamily: Family = {
  name: 'gemma',
  modelTypes: ['gemma'],
  traceNames: ['+attention', '+mlp'],
  describe: 'Gemma (the Llama tree, with config.json model_type gemma)',
  recognizes,
  spec: (tree, ctx) => llamaLikeSpec('gemma', tree, ctx),
};
