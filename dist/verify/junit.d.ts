import type { VerifyReport } from './report.js';
export declare function renderJunit(report: VerifyReport): string;
/** The JSON report: the fields CI scripts read, as specified, plus the rest of the report. */
export declare function renderJsonReport(report: VerifyReport): string;
