import type { ParamsOnlyReport } from './paramsOnly.js';
import type { VerifyReport } from './report.js';
import { type VerifyFailure, type VerifyRunInfo } from './runInfo.js';
/** JUnit for `verify --params-only`: the one params testcase. */
export declare function renderParamsOnlyJunit(report: ParamsOnlyReport): string;
/** JUnit XML of a finished run: params, final, one testcase per layer, and expect. */
export declare function renderJunit(report: VerifyReport, run?: VerifyRunInfo): string;
/** JUnit XML of a run that ended without a report: one testcase, errored with the reason. */
export declare function renderJunitError(run: VerifyRunInfo, failure: VerifyFailure): string;
