import type { Tensor } from '@tensorflow/tfjs-core';
import { type LayerCache } from '../cache.js';
import type { HfConfig } from '../config.js';
import { type DecoderModel, type LinearWeight, type Step } from '../decoder.js';
import type { ModelParams, ParamGetter } from '../params.js';
import type { DetectContext } from '../detect.js';
import { type RopeSupport } from '../rope.js';
import type { ModelSpec, Naming } from '../spec.js';
import { type Dims, type ShapeCheck, type TreeView } from '../specs/check.js';
export declare function needConfig(ctx: DetectContext, kind: string): HfConfig;
/** Which naming the tree uses, from one leaf that each naming spells differently. */
export declare function namingOf(tree: TreeView, pt: string, flax: string): Naming;
/** A Linear's stored shape: (out,in) under PyTorch names, (in,out) as a Flax kernel. */
export declare const linear: (naming: Naming, input: string, output: string) => Dims;
/** Every rope_scaling type modeling_rope_utils computes (Llama, Qwen2 in transformers v4.45.2). */
export declare const ALL_ROPE: RopeSupport;
/** A RotaryEmbedding built from (dim, max_position_embeddings, base) alone: rope_scaling is ignored, so refused. */
export declare const PLAIN_ROPE: RopeSupport;
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
/** The sizes every Hugging Face decoder reads from config.json, checked against each other and the tree. */
export declare function hfSizes(c: HfConfig, tree: TreeView, modelType: string, rules: TypeRules): {
    D: number;
    H: number;
    KV: number;
    F: number;
    V: number;
    L: number;
    DH: number;
    rope: import("../rope.js").RopeSpec;
    eps: number;
};
/** An exit-2 refusal naming the config key that scanconv cannot compute exactly. */
export declare function refuse(c: HfConfig, key: string, why: string): never;
/**
 * The note for a sliding window that transformers v4.45.2 applies in its flash-attention path
 * only (Qwen2, Mixtral, Phi-3): its eager and sdpa paths build the plain causal mask
 * (`_update_causal_mask`; docs/FAMILIES.md quotes the lines), so the window changes nothing
 * there, and scanconv, which computes eager, applies none. Undefined when even flash-attention
 * would apply no window: sliding_window null (or absent with no class default), `applies` false
 * (Qwen2 with every layer below max_window_layers), or a window that reaches
 * max_position_embeddings. The value is not checked further: eager never reads it.
 */
export declare function flashOnlyWindowNote(c: HfConfig, setting: string, classDefault?: number, applies?: boolean): string | undefined;
/** config.json's sliding_window: `fallback` (the config class's default) when the key is absent, undefined when null. */
export declare function slidingWindow(c: HfConfig, fallback?: number): number | undefined;
/** embed_tokens, the final norm and (untied) lm_head, each shape checked. */
export declare function hfGlobals(tree: TreeView, check: ShapeCheck, naming: Naming, tied: boolean): Record<string, string>;
/** True when every one of `prefixes` starts some per-layer leaf: how a family recognises its tree. */
export declare const hasLayerLeaves: (tree: TreeView, prefixes: readonly string[]) => boolean;
/** A projection's weight: PyTorch's (out,in) `weight` or Flax's (in,out) `kernel`. */
export declare function projection(p: ParamGetter, spec: ModelSpec, path: readonly string[]): LinearWeight;
/** Queries (B,T,H*DH), keys and values (B,T,KV*DH) of a layer's input. */
export type QkvProjection = (x: Tensor, p: ParamGetter, spec: ModelSpec) => [Tensor, Tensor, Tensor];
/** Separate q_proj, k_proj, v_proj Linears, with biases when the checkpoint has them (Qwen2). */
export declare const separateQkv: QkvProjection;
/**
 * Self-attention with RoPE and grouped KV heads; keys and values go into this layer's cache.
 * The layer's mask (a sliding window where the spec has one), the logits' scale and soft-cap
 * come from the spec (Gemma 2); `qkv` makes the projections (Phi-3 fuses them).
 */
export declare function attention(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec, layer: number, qkv?: QkvProjection): {
    out: Tensor;
    cache: LayerCache;
};
/** Llama's MLP: down(silu(gate(x)) * up(x)). */
export declare function mlp(x: Tensor, p: ParamGetter, spec: ModelSpec): Tensor;
/** Gemma's MLP: down(gelu_tanh(gate(x)) * up(x)). */
export declare function gatedGeluMlp(x: Tensor, p: ParamGetter, spec: ModelSpec): Tensor;
export declare const rotary: (spec: ModelSpec, index: number, T: number) => {
    cos: Tensor;
    sin: Tensor;
};
/** The head, read in vocabulary chunks: tied to the (V,D) embedding, or lm_head ((V,D) under PyTorch names, a (D,V) Flax kernel). */
export declare function lmHead(params: ModelParams, spec: ModelSpec, x: Tensor): Tensor;
/** The embedding rows of `ids`: (B, T, D). */
export declare const embedRows: (params: ModelParams, spec: ModelSpec, ids: {
    data: Int32Array;
    shape: number[];
}) => Tensor;
/** RMSNorm as transformers' Llama computes it (Gemma: plusOne, times (1 + weight)). */
export declare const finalRmsNorm: (plusOne: boolean) => DecoderModel["finalNorm"];
export type { LayerCache, Step };
