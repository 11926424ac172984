/** The verification report: one plain object that every renderer (table, JSON, JUnit) reads. */
import type { Layout } from '../layout/plan.js';
import type { ModelKind, ModelSpec } from '../model/spec.js';
import type { DiffStats } from './diff.js';
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
    final: DiffStats;
    perLayer: LayerRow[];
    expect: ExpectResult | null;
    seconds: number;
}
