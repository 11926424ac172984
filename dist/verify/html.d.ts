import { type ParamsOnlyReport } from './paramsOnly.js';
import { type PlotSeries } from './plot.js';
import type { VerifyReport } from './report.js';
import { type VerifyFailure, type VerifyRunInfo } from './runInfo.js';
/** The plot's series: the forms' worst intermediate per layer, and the golden comparison's. */
export declare function plotSeries(report: VerifyReport): PlotSeries[];
export declare function renderHtmlReport(report: VerifyReport, run?: VerifyRunInfo): string;
export declare function renderParamsOnlyHtml(report: ParamsOnlyReport): string;
export declare function renderHtmlError(run: VerifyRunInfo, failure: VerifyFailure): string;
