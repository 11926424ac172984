import type { ParamsOnlyReport } from './paramsOnly.js';
import type { VerifyReport } from './report.js';
import type { VerifyFailure, VerifyRunInfo } from './runInfo.js';
/** The JSON report of a finished run. */
export declare function renderJsonReport(report: VerifyReport): string;
/** The JSON report of `verify --params-only`: the report and its one check. */
export declare function renderParamsOnlyJson(report: ParamsOnlyReport): string;
/** The JSON report of a run that ended without a report: `passed: false` and the error. */
export declare function renderJsonError(run: VerifyRunInfo, failure: VerifyFailure): string;
