/**
 * verify's report outputs and their lifecycle, for the CLI and library users alike: planned and
 * checked before any work (never an input of the run, a regular file or absent; stale temporary
 * files of killed runs swept), then written whatever the outcome: the full reports when the run
 * finished (pass or fail), errored ones when it did not (bad input, a bug, an interruption).
 * Writes are synchronous so that a signal handler can use them too, and atomic. A target is a
 * file or a sink (the CLI's standard output for `--report -`); the GitHub job summary is appended.
 */
import fs from 'node:fs';
import { ScanconvError } from '../errors.js';
import { AtomicFile } from '../format/atomic.js';
import { checkOutputs, guardInputs, sweepOutputDirs } from '../outputs.js';
import { renderGithubSummary, renderGithubSummaryError } from './githubSummary.js';
import { renderHtmlError, renderHtmlReport, renderParamsOnlyHtml } from './html.js';
import { renderJsonError, renderJsonReport, renderParamsOnlyJson } from './jsonReport.js';
import { renderJunit, renderJunitError, renderParamsOnlyJunit } from './junit.js';
const LABELS = { json: 'report', junit: 'JUnit report', html: 'HTML report', summary: 'job summary' };
const KINDS = ['json', 'junit', 'html'];
/** The reports as outputs for `checkOutputs`: replaced when they exist, never an input. */
export function reportOutputs(paths) {
    return ['json', 'junit', 'html', 'summary'].flatMap((k) => {
        const file = paths[k];
        return typeof file === 'string' && file ? [{ file, label: LABELS[k], replace: true }] : [];
    });
}
const isParamsOnly = (r) => 'paramsOnly' in r && r.paramsOnly === true;
export class VerifyReportFiles {
    paths;
    run;
    started = performance.now();
    /** Stale temporary files found beside the outputs by `open` (removed, or kept: another run's). */
    staleTemps = { removed: [], kept: [] };
    /** Fails before any compute when a report could not be written (the checks of `checkOutputs`). */
    constructor(paths, run, inputs = []) {
        this.paths = paths;
        this.run = run;
        checkOutputs(reportOutputs(paths), inputs);
    }
    /**
     * The reports of a run that reads `inputs`: checked against them, the inputs guarded for the
     * rest of the process (no report may replace one, whichever path writes it), and stale
     * temporary files of killed runs swept from the reports' directories.
     */
    static open(paths, run, inputs) {
        const reports = new VerifyReportFiles(paths, run, inputs);
        guardInputs(inputs);
        reports.staleTemps = sweepOutputDirs(reportOutputs(paths).map((o) => o.file));
        return reports;
    }
    get any() {
        return this.written.length > 0 || Boolean(this.paths.summary);
    }
    /** The files written (not sinks), for messages. */
    get written() {
        return KINDS.map((k) => this.paths[k]).filter((p) => typeof p === 'string' && p !== '');
    }
    /** Run `work` and write the reports of its outcome: its report, or errored ones (then rethrows). */
    async capture(work) {
        let report;
        try {
            report = await work();
        }
        catch (e) {
            this.writeFailure(e);
            throw e;
        }
        this.write(report);
        return report;
    }
    write(report) {
        const text = isParamsOnly(report)
            ? { json: () => renderParamsOnlyJson(report), junit: () => renderParamsOnlyJunit(report), html: () => renderParamsOnlyHtml(report) }
            : { json: () => renderJsonReport(report), junit: () => renderJunit(report, this.run), html: () => renderHtmlReport(report, this.run) };
        for (const k of KINDS) {
            const target = this.paths[k];
            if (target)
                put(target, text[k]());
        }
        if (this.paths.summary && !isParamsOnly(report))
            fs.appendFileSync(this.paths.summary, renderGithubSummary(report, this.run));
    }
    /** What a run that ended without a report failed with. */
    failure(error, code) {
        return {
            code: code ?? (error instanceof ScanconvError ? error.code : 'INTERNAL'),
            message: error instanceof Error ? error.message : String(error),
            seconds: (performance.now() - this.started) / 1000,
        };
    }
    /** The errored reports of a run that ended without a report; never throws (returns the files written). */
    writeFailure(error, code) {
        const failure = this.failure(error, code);
        const text = {
            json: () => renderJsonError(this.run, failure),
            junit: () => renderJunitError(this.run, failure),
            html: () => renderHtmlError(this.run, failure),
        };
        const done = [];
        for (const k of KINDS) {
            const target = this.paths[k];
            if (!target)
                continue;
            try {
                put(target, text[k]());
                if (typeof target === 'string')
                    done.push(target);
            }
            catch {
                /* the error being reported matters more than this one */
            }
        }
        try {
            if (this.paths.summary)
                fs.appendFileSync(this.paths.summary, renderGithubSummaryError(this.run, failure));
        }
        catch {
            /* as above */
        }
        return done;
    }
}
function put(target, text) {
    if (typeof target !== 'string')
        return target.write(text);
    const f = new AtomicFile(target);
    try {
        f.write(Buffer.from(text));
        f.commit();
    }
    catch (e) {
        f.abort();
        throw e;
    }
}
