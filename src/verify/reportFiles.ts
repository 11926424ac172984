/**
 * verify's --report/--junit files, written whatever the outcome: the full reports when the run
 * finished (pass or fail), an errored report when it did not (bad input, a bug, an
 * interruption). Writes are synchronous so that a signal handler can use them too, and atomic.
 */
import { ScanconvError } from '../errors.js';
import { AtomicFile } from '../format/atomic.js';
import { checkOutputs, type PlannedOutput } from '../outputs.js';
import { renderJsonError, renderJsonReport, renderJunit, renderJunitError, type VerifyFailure, type VerifyRunInfo } from './junit.js';
import type { VerifyReport } from './report.js';

export interface ReportPaths {
  json?: string;
  junit?: string;
}

/** The reports as outputs for `checkOutputs`: replaced when they exist, never an input. */
export function reportOutputs(paths: ReportPaths): PlannedOutput[] {
  return [
    { file: paths.json, label: 'report' },
    { file: paths.junit, label: 'JUnit report' },
  ].flatMap(({ file, label }) => (file ? [{ file, label, replace: true }] : []));
}

export class VerifyReportFiles {
  private readonly started = performance.now();

  /** Fails before any compute when a report could not be written (the checks of `checkOutputs`). */
  constructor(
    private readonly paths: ReportPaths,
    private readonly run: VerifyRunInfo,
  ) {
    checkOutputs(reportOutputs(paths), []);
  }

  get any(): boolean {
    return Boolean(this.paths.json || this.paths.junit);
  }

  /** The paths written, for messages. */
  get written(): string[] {
    return [this.paths.json, this.paths.junit].filter((p): p is string => Boolean(p));
  }

  write(report: VerifyReport): void {
    if (this.paths.json) writeFile(this.paths.json, renderJsonReport(report));
    if (this.paths.junit) writeFile(this.paths.junit, renderJunit(report, this.run));
  }

  /** The errored reports of a run that ended without a report; never throws (returns the paths written). */
  writeFailure(error: unknown, code?: string): string[] {
    const failure: VerifyFailure = {
      code: code ?? (error instanceof ScanconvError ? error.code : 'INTERNAL'),
      message: error instanceof Error ? error.message : String(error),
      seconds: (performance.now() - this.started) / 1000,
    };
    const done: string[] = [];
    for (const [file, text] of [
      [this.paths.json, () => renderJsonError(this.run, failure)],
      [this.paths.junit, () => renderJunitError(this.run, failure)],
    ] as const) {
      if (!file) continue;
      try {
        writeFile(file, text());
        done.push(file);
      } catch {
        /* the error being reported matters more than this one */
      }
    }
    return done;
  }
}

function writeFile(file: string, text: string): void {
  const f = new AtomicFile(file);
  try {
    f.write(Buffer.from(text));
    f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}
