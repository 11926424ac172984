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
export declare function renderReport(report: VerifyReport, details: TraceDetails, c: ChalkInstance, detail?: DetailMode): string;
/** Lines longer than the terminal, for tests: verify's own tables never produce one. */
export declare function overWidth(text: string, width?: number): string[];
