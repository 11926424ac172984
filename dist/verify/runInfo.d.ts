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
export declare function runFiles(run: VerifyRunInfo): string;
/** A name for the run made of the checkpoint's file name: CI views tell runs apart by it. */
export declare function runSlug(run: VerifyRunInfo): string;
