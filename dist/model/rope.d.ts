export declare const ROPE_TYPES: readonly ["default", "linear", "dynamic", "yarn", "longrope", "llama3"];
export type RopeType = (typeof ROPE_TYPES)[number];
/** A model's RoPE, as plain data (it travels to the worker threads inside the ModelSpec). */
export interface RopeSpec {
    type: RopeType;
    /** rope_theta. */
    theta: number;
    /** Rotated dimensions of a head: int(head_dim * partial_rotary_factor). Even. */
    dim: number;
    /** config.max_position_embeddings. */
    maxPositions: number;
    /** rope_scaling.factor (linear, dynamic, yarn, llama3; longrope ignores it when originalMaxPositions is set). */
    factor?: number;
    /** llama3. */
    lowFreqFactor?: number;
    highFreqFactor?: number;
    /** llama3: rope_scaling.original_max_position_embeddings; longrope: the config's top-level one. */
    originalMaxPositions?: number;
    /** yarn, longrope: rope_scaling.attention_factor, when set. */
    attentionFactor?: number;
    /** yarn. */
    betaFast?: number;
    betaSlow?: number;
    /** longrope: per-frequency divisors, dim/2 each. */
    shortFactor?: number[];
    longFactor?: number[];
    /** longrope: choose short/long factors per forward call by its length (Phi-3), not once. */
    longropeByLength?: boolean;
}
export interface RopeFrequencies {
    /** dim/2 inverse frequencies, f32. */
    invFreq: Float32Array;
    /** What cos and sin are multiplied by (transformers' attention_scaling / Phi-3's scaling_factor). */
    attentionScaling: number;
}
/**
 * The inverse frequencies for a forward call whose largest position is seqLen - 1. Only
 * `dynamic` and `longrope` depend on it: transformers recomputes them per call from
 * max(position_ids) + 1 (dynamic grows its base once the sequence passes max_position_embeddings;
 * within one generation positions only grow, so this stateless form equals its cached one).
 */
export declare function ropeFrequencies(r: RopeSpec, seqLen: number): RopeFrequencies;
/** What ropeSpec reads a config through (config.ts HfConfig has these). */
export interface RopeConfigSource {
    readonly file: string;
    has(key: string): boolean;
    positive(key: string, fallback: number): number;
    record(key: string): ReadonlyMap<string, unknown> | undefined;
    size(keys: string | readonly string[], fallback?: number): number;
}
/** The rope_scaling types each family's transformers class computes (others are refused). */
export interface RopeSupport {
    /** `rope_scaling` types this family's RotaryEmbedding applies; empty: the class ignores rope_scaling (so it is refused when set). */
    types: readonly RopeType[];
    /** Phi-3 computes `longrope` itself: factors chosen per call by length, the top-level original_max_position_embeddings. */
    phi3LongRope?: boolean;
}
/**
 * A family's RoPE from its config: rope_theta, partial_rotary_factor (only where the family
 * applies it: none of scanconv's do, so anything but 1 is refused), and rope_scaling read by its
 * `rope_type` key or the legacy `type`. A type the family's class does not compute exits 2
 * naming the key.
 */
export declare function ropeSpec(c: RopeConfigSource, headDim: number, support: RopeSupport, family: string): RopeSpec;
