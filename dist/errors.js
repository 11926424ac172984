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
/**
 * BLOCK_SIZE_UNKNOWN: per-layer layers that differ but repeat every few layers (MaxText's blocks
 * of layers, unscanned), a valid pyloop tree whose block size K only the user can give.
 */
export class BlockSizeUnknownError extends LayoutError {
    layers;
    repeatsEvery;
    constructor(message, 
    /** Layers under the group. */
    layers, 
    /** The shortest period of the layers' shapes: K is a multiple of it. */
    repeatsEvery) {
        super(message, 'BLOCK_SIZE_UNKNOWN');
        this.layers = layers;
        this.repeatsEvery = repeatsEvery;
    }
}
/** Bad arguments that commander itself cannot catch (conflicting options, output == input...). */
export class UsageError extends ScanconvError {
}
