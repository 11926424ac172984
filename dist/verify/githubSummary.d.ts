import { type Check } from './checks.js';
import type { VerifyReport } from './report.js';
import { type VerifyFailure, type VerifyRunInfo } from './runInfo.js';
/** A workflow command's message: `%`, CR and LF escaped, so one command stays one line. */
export declare const escapeData: (s: string) => string;
/** A workflow command's property value: also `:` and `,`, which end a property. */
export declare const escapeProperty: (s: string) => string;
/** One `::error` line per failed or errored check, naming the checkpoint. */
export declare function githubAnnotations(checks: readonly Check[], run: VerifyRunInfo): string[];
/** The chart of log10(max |diff|) per layer, with the threshold as a line. */
export declare function mermaidChart(report: VerifyReport): string;
/** The Markdown job summary of a finished run. */
export declare function renderGithubSummary(report: VerifyReport, run: VerifyRunInfo, worstRows?: number): string;
/** The Markdown job summary of a run that ended without a report. */
export declare function renderGithubSummaryError(run: VerifyRunInfo, failure: VerifyFailure): string;
