/** What a verify run was asked to do, and why one ended without a report: every report's header. */
import path from 'node:path';

/** Known even when the run failed before producing a report. */
export interface VerifyRunInfo {
  checkpoint: string;
  other?: string;
  input?: string;
  expect?: string;
  threshold?: number;
  expectThreshold?: number;
  backend?: string;
}

/** Why a verify run produced no report: a ScanconvError's code and message, `INTERNAL`, `INTERRUPTED`. */
export interface VerifyFailure {
  code: string;
  message: string;
  seconds: number;
}

/** "a.safetensors vs b.safetensors", or the one checkpoint. */
export function runFiles(run: VerifyRunInfo): string {
  return run.other ? `${run.checkpoint} vs ${run.other}` : run.checkpoint;
}

/** A name for the run made of the checkpoint's file name: CI views tell runs apart by it. */
export function runSlug(run: VerifyRunInfo): string {
  return path.basename(run.checkpoint).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
}
