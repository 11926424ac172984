export class ScanconvError extends Error {
    code;
    constructor(message, 
    /** Stable machine-readable name of the rule that was broken, e.g. `HEADER_TOO_LARGE`. */
    code) {
        super(message);
        this.code = code;
        this.name = new.target.name;
    }
}
/**
 * What every reader and writer of a checkpoint format throws (format/): SafetensorsError,
 * MsgpackError, JsonCheckpointError and ShardedError extend it, and errors common to all formats
 * (a missing file, a name no format can hold) are FormatErrors themselves. `catch (e) { if (e
 * instanceof FormatError) ... }` catches every format's.
 */
export class FormatError extends ScanconvError {
}
/** A checkpoint whose tree does not fit the layout asked for (missing layer, ragged shapes...). */
export class LayoutError extends ScanconvError {
}
/** Bad arguments that commander itself cannot catch (conflicting options, output == input...). */
export class UsageError extends ScanconvError {
}
