import type { ParamsOnlyReport } from './paramsOnly.js';
import type { VerifyReport } from './report.js';
/** JUnit for `verify --params-only`: the one params testcase. */
export declare function renderParamsOnlyJunit(report: ParamsOnlyReport): string;
export declare function renderJunit(report: VerifyReport): string;
/** The JSON report: the fields CI scripts read, as specified, plus the rest of the report. */
export declare function renderJsonReport(report: VerifyReport): string;
