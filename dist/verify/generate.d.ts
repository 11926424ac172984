import type { Layout } from '../layout/analyze.js';
import type { ModelSpec } from '../model/spec.js';
import { type ModelOptions } from './session.js';
export interface GenerateOptions extends ModelOptions {
    /** One sequence of token ids, or a file with `prompt` (B, P) int32. */
    prompt?: number[];
    /** A text prompt, encoded with the checkpoint directory's tokenizer.json (model/tokenizer.ts). */
    promptText?: string;
    promptFile?: string;
    maxNewTokens?: number;
    /** Scale-aware bound on the two forms' logits (default 1e-5). */
    threshold?: number;
    /** Scale-aware bound on cached decoding vs a full recompute (default DEFAULTS.recomputeThreshold). */
    recomputeThreshold?: number;
    expect?: string;
    expectThreshold?: number;
    parallel?: boolean;
    /**
     * Bytes of stored weights each form keeps between decode steps, 0 to MAX_WEIGHT_CACHE_BYTES
     * (3 GiB, which a 1B bf16 model fits in); past it a weight is read again at every step. Per
     * form: each runs in its own worker with its own memory. Default
     * defaultWeightCacheBytes(new tokens): 3 GiB from 40 new tokens, none below (limits.ts says why).
     */
    weightCacheBytes?: number;
    /** Test hook (no CLI flag): shift the decode cache index to prove the recompute check bites. */
    cacheIndexOffset?: number;
}
export interface GenerateCheck {
    name: string;
    value: number;
    threshold: number;
    passed: boolean;
}
export interface GenerateReport {
    passed: boolean;
    tokens: number[][];
    prompt: number[][];
    /** With a text prompt: the text, the generated tokens decoded, and the tokenizer.json used. */
    text?: {
        prompt: string;
        continuation: string;
        tokenizer: string;
    };
    checks: GenerateCheck[];
    forms: Layout[];
    spec: ModelSpec;
    backend: string;
    seconds: number;
    /** The budget of weight bytes each form could keep between decode steps (--weight-cache). */
    weightCacheBytes: number;
    /** The bytes each form kept, by form. */
    weightsKeptBytes: Record<string, number>;
}
export declare function generate(checkpoint: string, options?: GenerateOptions): Promise<GenerateReport>;
