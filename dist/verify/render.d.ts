import type { ChalkInstance } from 'chalk';
import type { KeepTraces } from './layerDiff.js';
import type { ParamCheck } from './paramCheck.js';
import type { VerifyReport } from './report.js';
import type { TraceDetails } from './verify.js';
/** Which layers get sampled-index detail tables: verify's keepTraces must keep at least those. */
export type DetailMode = KeepTraces;
export declare const PASS = "\u2705";
export declare const FAIL = "\u274C";
export declare function fmt(x: number): string;
/** The parameter check's lines: all bit-identical, or each mismatching key and layer (20 at most). */
export declare function renderParamLines(p: ParamCheck, c: ChalkInstance): string[];
export declare function renderReport(report: VerifyReport, details: TraceDetails, c: ChalkInstance, detail?: DetailMode): string;
