import type { ParamsOnlyReport } from './paramsOnly.js';
import type { VerifyReport } from './report.js';
/** What a verify run was asked to do: known even when it failed before producing a report. */
export interface VerifyRunInfo {
    checkpoint: string;
    other?: string;
    input?: string;
    expect?: string;
    threshold?: number;
    expectThreshold?: number;
    backend?: string;
}
/** Why a verify run produced no report: a ScanconvError's code and message, `INTERNAL`, `INTERRUPTED`. */
export interface VerifyFailure {
    code: string;
    message: string;
    seconds: number;
}
/** JUnit for `verify --params-only`: the one params testcase. */
export declare function renderParamsOnlyJunit(report: ParamsOnlyReport): string;
/** JUnit XML of a finished run: params, final, one testcase per layer, and expect. */
export declare function renderJunit(report: VerifyReport, run?: VerifyRunInfo): string;
/** JUnit XML of a run that ended without a report: one testcase, errored with the reason. */
export declare function renderJunitError(run: VerifyRunInfo, failure: VerifyFailure): string;
/** The JSON report: the fields CI scripts read, as specified, plus the rest of the report. */
export declare function renderJsonReport(report: VerifyReport): string;
/** The JSON report of a run that ended without a report: `passed: false` and the error. */
export declare function renderJsonError(run: VerifyRunInfo, failure: VerifyFailure): string;
