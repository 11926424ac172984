import type { ChalkInstance } from 'chalk';
import type { KeepTraces } from './layerDiff.js';
import type { ParamCheck } from './paramCheck.js';
import type { VerifyReport } from './report.js';
import type { TraceDetails } from './verify.js';
/** Which layers get sampled-index detail tables: verify's keepTraces must keep at least those. */
export type DetailMode = KeepTraces;
export declare const PASS = "\u2705";
export declare const FAIL = "\u274C";
/** Marks a failing layer whose input already differed (downstream of an earlier divergence). */
export declare const DOWNSTREAM = "\u2193";
export declare function fmt(x: number): string;
/**
 * The parameter check's lines: all bit-identical, or the mismatching keys grouped by layer, one
 * line per layer (20 at most), each within 80 columns.
 */
export declare function renderParamLines(p: ParamCheck, c: ChalkInstance): string[];
/** Why the run failed, cause first: where the forms diverge, then what follows from it. */
export declare function causeLines(report: VerifyReport): string[];
export declare function renderReport(report: VerifyReport, details: TraceDetails, c: ChalkInstance, detail?: DetailMode): string;
/** The one line that says how a run ended: `PASSED in 1.23 s`, or `FAILED: ` and the first cause. */
export declare function verdictLine(report: VerifyReport): string;
