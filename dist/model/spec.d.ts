/**
 * What a model is, as plain data every thread can hold: its family and sizes. The registry
 * (registry.ts) reads it from a parameter tree (and a config.json); the tfjs side
 * (runtime.ts) runs it. Nothing here loads tfjs.
 */
import type { RopeSpec } from './rope.js';
/** The families scanconv runs: the notebook's two models, and the Hugging Face decoder families. */
export declare const MODEL_KINDS: readonly ["block", "llm", "llama", "gemma", "gemma2", "phi3", "mixtral", "gpt2"];
export type ModelKind = (typeof MODEL_KINDS)[number];
/**
 * How the Hugging Face families store their weights. `pt`: PyTorch names (`.weight`), Linear
 * (out,in), GPT-2's Conv1D (in,out). `flax`: Flax names (`.kernel`, `.embedding`, `.scale`),
 * Dense (in,out), GPT-2's kernels (out,in). `maxtext`: MaxText's names for a Llama
 * (`self_attention.query.kernel` [D,H,DH] …, families/maxtext.ts). Orientation is handled when a
 * weight is read.
 */
export type Naming = 'pt' | 'flax' | 'maxtext';
/** The sizes and settings of a Hugging Face decoder, from its config.json and tree. */
export interface DecoderSpec {
    /** config.json's model_type (llama, mistral, qwen2, gemma, gemma2, phi3, mixtral, gpt2). */
    modelType: string;
    naming: Naming;
    /** Key/value heads (grouped-query attention: H is a multiple of KV). */
    KV: number;
    /** MLP width. */
    F: number;
    /** Norm epsilon. */
    eps: number;
    /** Rotary embeddings (rope.ts), for the families that rotate. */
    rope?: RopeSpec;
    /** Sliding-window attention: query i sees keys i-size < j <= i, on every layer or the even ones (Gemma 2). */
    window?: {
        size: number;
        layers: 'all' | 'even';
    };
    /** Attention logits times this instead of divided by sqrt(DH) (Gemma 2: query_pre_attn_scalar^-0.5). */
    attnMultiplier?: number;
    /** cap * tanh(x / cap) on the attention logits before the mask, and on the final logits (Gemma 2). */
    attnSoftcap?: number;
    finalSoftcap?: number;
    /** Sparse mixture of experts in place of the MLP (Mixtral): E experts, top k per token. */
    moe?: {
        experts: number;
        topK: number;
    };
    /** Rows of a learned position table (gpt2): the longest sequence it can run. */
    maxPositions?: number;
    /** q, k, v projections have biases (qwen2). */
    qkvBias: boolean;
    /** The head reads the embedding table (no lm_head). */
    tied: boolean;
    /** Full names of the tensors outside the block, by role (embed, norm, head, positions...). */
    globals: Record<string, string>;
    /**
     * One line each, for the commands to show: a config setting that transformers' attention
     * implementations compute differently, and which of them scanconv follows (eager).
     */
    notes?: string[];
}
export interface ModelSpec {
    kind: ModelKind;
    layers: number;
    /** Model width D, query heads H, head width DH (H * DH may differ from D: Gemma). */
    D: number;
    H: number;
    DH: number;
    /** Vocabulary size (token models). */
    vocab?: number;
    /** Hugging Face decoder families only. */
    decoder?: DecoderSpec;
}
/** Key/value heads: the decoder's KV, else H (the notebook's llm has no grouped heads). */
export declare const kvHeads: (spec: ModelSpec) => number;
/** Token models take (B,P) int32 ids; the block takes hidden states (B,T,D). */
export declare const kindTakesTokens: (kind: ModelKind) => boolean;
export declare const takesTokens: (spec: ModelSpec) => boolean;
/** The families `generate` can decode with: those that take tokens. */
export declare const GENERATING_KINDS: readonly ModelKind[];
/**
 * The default random input: the notebook's 12 x 32 for its two toy models; 1 x 32 tokens for the
 * Hugging Face decoders, so a 1B-parameter model verifies in about a minute on two cores.
 */
export declare function defaultInput(spec: ModelSpec): {
    batch: number;
    seq: number;
};
/** Shape of every traced intermediate: the block's input (B,T,D); a token model's hidden state (B,P,D). */
export declare function traceShape(spec: ModelSpec, inputShape: readonly number[]): number[];
