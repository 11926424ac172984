/**
 * Every failure a user can cause is a ScanconvError: the CLI prints its message on one line and
 * exits with `exitCode` (2 = bad input or usage). Anything else is a bug and gets a stack trace.
 */
export declare class ScanconvError extends Error {
    /** Stable machine-readable name of the rule that was broken, e.g. `HEADER_TOO_LARGE`. */
    readonly code: string;
    readonly exitCode: number;
    constructor(message: string, 
    /** Stable machine-readable name of the rule that was broken, e.g. `HEADER_TOO_LARGE`. */
    code: string);
}
/** A checkpoint whose tree does not fit the layout asked for (missing layer, ragged shapes...). */
export declare class LayoutError extends ScanconvError {
}
/** Bad arguments that commander itself cannot catch (conflicting options, output == input...). */
export declare class UsageError extends ScanconvError {
}
