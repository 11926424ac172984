/** The verification report: one plain object that every renderer (table, JSON, JUnit) reads. */
import type { Layout } from '../layout/analyze.js';
import type { ModelKind, ModelSpec } from '../model/spec.js';
import type { DiffStats } from './diff.js';
import type { Divergence } from './divergence.js';
import type { ParamCheck } from './paramCheck.js';
export interface FormSummary {
    name: Layout;
    checkpoint: string;
    /** True when this form's weights are the checkpoint converted in memory. */
    converted: boolean;
    seconds: {
        load: number;
        compute: number;
    };
}
export interface LayerRow {
    layer: number;
    maxAbsDiff: Record<string, number>;
    passed: boolean;
    /** Wall seconds from the previous layer's comparison to this one's (the first: from the start). */
    seconds: number;
    /** A failing layer whose input already differed: the layer where its divergence started. */
    downstreamOf?: number | null;
    /** The layer's first intermediate holding a NaN or an infinity, and which forms (report.forms indices) hold one. */
    nonfinite?: {
        intermediate: string;
        forms: number[];
    };
}
/**
 * Where a NaN or an infinity first appears. It is a failure whatever the other side holds: NaN
 * in both forms is not agreement.
 */
export interface NonfiniteFinding {
    /** `layer 3, +mlp`, `the final output`, or a golden tensor: `golden "logits"`. */
    where: string;
    /** The forms (or the golden file) that hold it. */
    in: string[];
}
export interface ExpectResult {
    file: string;
    /** The form compared with the golden outputs (the checkpoint's own layout). */
    form: Layout;
    compared: number;
    maxAbsDiff: number;
    relError: number;
    threshold: number;
    passed: boolean;
    /** The first golden tensor holding a NaN or an infinity (a failure, whatever the form computes). */
    nonfinite?: string;
    /** Each layer's scale-aware error against the golden file (the layers it has), in layer order. */
    perLayer: {
        layer: number;
        maxAbsDiff: number;
        relError: number;
    }[];
}
export interface VerifyReport {
    passed: boolean;
    threshold: number;
    model: ModelKind;
    layers: number;
    backend: string;
    spec: ModelSpec;
    forms: FormSummary[];
    input: {
        shape: number[];
        source: string;
    };
    params: ParamCheck;
    /** Seconds the parameter check took (on the main thread, while the forms ran). */
    paramSeconds: number;
    final: DiffStats & {
        downstreamOf: number | null;
    };
    perLayer: LayerRow[];
    /** Where the forms start to disagree: one entry per run of consecutive failing layers. */
    divergences: Divergence[];
    /** Where a NaN or an infinity first appears (a form's layer or final output, or the golden file); it fails the run. */
    nonfinite: NonfiniteFinding | null;
    expectThreshold?: number;
    expect: ExpectResult | null;
    /** Orbax checkpoints that were read by byte range, not staged decoded, and why (slower, as exact). */
    staging?: string[];
    seconds: number;
}
