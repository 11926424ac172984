import type { Layout } from '../layout/analyze.js';
import type { ModelSpec } from '../model/spec.js';
import { type ModelOptions } from './session.js';
export interface GenerateOptions extends ModelOptions {
    /** One sequence of token ids, or a file with `prompt` (B, P) int32. */
    prompt?: number[];
    promptFile?: string;
    maxNewTokens?: number;
    /** Scale-aware bound on the two forms' logits (default 1e-5). */
    threshold?: number;
    /** Scale-aware bound on cached decoding vs a full recompute (default 1e-4). */
    recomputeThreshold?: number;
    expect?: string;
    expectThreshold?: number;
    parallel?: boolean;
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
    checks: GenerateCheck[];
    forms: Layout[];
    spec: ModelSpec;
    backend: string;
    seconds: number;
}
export declare function generate(checkpoint: string, options?: GenerateOptions): Promise<GenerateReport>;
