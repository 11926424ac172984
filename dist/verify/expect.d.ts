import type { Layout } from '../layout/analyze.js';
import { type ModelSpec } from '../model/spec.js';
import type { LayerTrace } from './forms.js';
import type { ExpectResult } from './report.js';
export declare class ExpectComparer {
    readonly file: string;
    private readonly spec;
    private readonly traceShape;
    private readonly threshold;
    private readonly golden;
    private compared;
    private maxAbsDiff;
    private relError;
    /** The first golden tensor holding a NaN or an infinity. */
    private nonfinite;
    /** Each layer's own error (the layers the golden file has), for the plots. */
    private readonly layers;
    /** Opens `file` now, so a missing golden file fails before any compute. */
    constructor(file: string, spec: ModelSpec, traceShape: readonly number[], threshold: number);
    /** Layer i of the form under test; intermediates the golden file lacks are skipped. */
    layer(i: number, trace: LayerTrace): void;
    /** The final output: `output` (block), `prefill_logits` (Flax fixtures) or `logits` (transformers' golden files). */
    final(actual: Float32Array, shape: readonly number[]): void;
    /** `embed_out` and `final_norm_out`, when the golden file has them (transformers' hidden states 0 and L). */
    extras(actual: Readonly<Record<string, Float32Array>>): void;
    result(form: Layout): ExpectResult;
    close(): void;
    private add;
    private goldenLayer;
    private checked;
    private checkShape;
}
