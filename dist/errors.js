/**
 * Every failure a user can cause is a ScanconvError: the CLI prints its message on one line and
 * exits with `exitCode` (2 = bad input or usage). Anything else is a bug and gets a stack trace.
 */
export class ScanconvError extends Error {
    code;
    exitCode = 2;
    constructor(message, 
    /** Stable machine-readable name of the rule that was broken, e.g. `HEADER_TOO_LARGE`. */
    code) {
        super(message);
        this.code = code;
        this.name = new.target.name;
    }
}
/** A checkpoint whose tree does not fit the layout asked for (missing layer, ragged shapes...). */
export class LayoutError extends ScanconvError {
}
/** Bad arguments that commander itself cannot catch (conflicting options, output == input...). */
export class UsageError extends ScanconvError {
}
