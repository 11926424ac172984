/**
 * Library entry for `scanconv profile`: the notebook's timing and cost analysis for both forms,
 * each in its own worker, one after the other (so neither slows the other's timings).
 */
import type { Layout } from '../layout/analyze.js';
import { type ModelSpec } from '../model/spec.js';
import { type ModelOptions } from './session.js';
export interface ProfileOptions extends ModelOptions {
    batch?: number;
    seq?: number;
    runs?: number;
    warmup?: number;
    seed?: number;
}
export interface FormProfile {
    name: Layout;
    firstCallMs: number;
    medianMs: number;
    timesMs: number[];
    flops: number;
    transcendentals: number;
    paramBytes: number;
    activationBytes: number;
    peakBytes: number;
    gflopsPerSecond: number;
}
export interface ProfileReport {
    spec: ModelSpec;
    backend: string;
    batch: number;
    seq: number;
    runs: number;
    warmup: number;
    forms: FormProfile[];
    /** Second form over first form, for the timings. */
    ratio: {
        firstCall: number;
        median: number;
    };
}
export declare function profile(checkpoint: string, options?: ProfileOptions): Promise<ProfileReport>;
