import { type PlannedOutput } from '../outputs.js';
import { type VerifyRunInfo } from './junit.js';
import type { VerifyReport } from './report.js';
export interface ReportPaths {
    json?: string;
    junit?: string;
}
/** The reports as outputs for `checkOutputs`: replaced when they exist, never an input. */
export declare function reportOutputs(paths: ReportPaths): PlannedOutput[];
export declare class VerifyReportFiles {
    private readonly paths;
    private readonly run;
    private readonly started;
    /** Fails before any compute when a report could not be written (the checks of `checkOutputs`). */
    constructor(paths: ReportPaths, run: VerifyRunInfo);
    get any(): boolean;
    /** The paths written, for messages. */
    get written(): string[];
    write(report: VerifyReport): void;
    /** The errored reports of a run that ended without a report; never throws (returns the paths written). */
    writeFailure(error: unknown, code?: string): string[];
}
