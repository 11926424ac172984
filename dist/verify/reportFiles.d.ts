import type { StaleTemps } from '../format/staleTemps.js';
import { type PlannedOutput } from '../outputs.js';
import type { ParamsOnlyReport } from './paramsOnly.js';
import type { VerifyReport } from './report.js';
import type { VerifyFailure, VerifyRunInfo } from './runInfo.js';
/** Where a report goes when it is not a file: written whole, synchronously. */
export interface ReportSink {
    write(text: string): void;
}
export type ReportTarget = string | ReportSink;
export interface ReportPaths {
    json?: ReportTarget;
    junit?: ReportTarget;
    html?: ReportTarget;
    /** A Markdown file the summary is appended to (GitHub's GITHUB_STEP_SUMMARY). */
    summary?: string;
}
/** The reports as outputs for `checkOutputs`: replaced when they exist, never an input. */
export declare function reportOutputs(paths: ReportPaths): PlannedOutput[];
type AnyReport = VerifyReport | ParamsOnlyReport;
export declare class VerifyReportFiles {
    private readonly paths;
    private readonly run;
    private readonly started;
    /** Stale temporary files found beside the outputs by `open` (removed, or kept: another run's). */
    staleTemps: StaleTemps;
    /** Fails before any compute when a report could not be written (the checks of `checkOutputs`). */
    constructor(paths: ReportPaths, run: VerifyRunInfo, inputs?: readonly string[]);
    /**
     * The reports of a run that reads `inputs`: checked against them, the inputs guarded for the
     * rest of the process (no report may replace one, whichever path writes it), and stale
     * temporary files of killed runs swept from the reports' directories.
     */
    static open(paths: ReportPaths, run: VerifyRunInfo, inputs: readonly string[]): VerifyReportFiles;
    get any(): boolean;
    /** The files written (not sinks), for messages. */
    get written(): string[];
    /** Run `work` and write the reports of its outcome: its report, or errored ones (then rethrows). */
    capture<T extends AnyReport>(work: () => T | Promise<T>): Promise<T>;
    write(report: AnyReport): void;
    /** What a run that ended without a report failed with. */
    failure(error: unknown, code?: string): VerifyFailure;
    /** The errored reports of a run that ended without a report; never throws (returns the files written). */
    writeFailure(error: unknown, code?: string): string[];
}
export {};
