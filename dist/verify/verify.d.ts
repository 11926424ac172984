import type { LayerTrace, TraceResult } from './forms.js';
import { type KeepTraces } from './layerDiff.js';
import type { VerifyReport } from './report.js';
import { type ModelOptions } from './session.js';
export interface VerifyOptions extends ModelOptions {
    /** A second checkpoint in the other layout; without it the first is converted in memory. */
    other?: string;
    input?: string;
    expect?: string;
    threshold?: number;
    expectThreshold?: number;
    batch?: number;
    seq?: number;
    seed?: number;
    /** Run the two forms in worker threads (default) or one after the other in this thread. */
    parallel?: boolean;
    /** Layers whose intermediates are kept for detail tables (default: where divergences start). */
    keepTraces?: KeepTraces;
    /**
     * Stops the run: the forms' workers are ended and verify rejects with ABORTED. verify installs
     * no signal handler; a host that wants Ctrl-C to stop it aborts this from its own.
     */
    signal?: AbortSignal;
}
/** Both forms' intermediates of the kept layers (report.forms order), each of `traceShape`. */
export interface TraceDetails {
    traceShape: number[];
    layers: ReadonlyMap<number, readonly [LayerTrace, LayerTrace]>;
}
export interface VerifyOutcome {
    report: VerifyReport;
    /** Each form's final output and timings, in report.forms order. */
    traces: TraceResult[];
    details: TraceDetails;
}
export declare function verify(checkpoint: string, options?: VerifyOptions): Promise<VerifyOutcome>;
