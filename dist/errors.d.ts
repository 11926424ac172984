/**
 * Every failure a user can cause is a ScanconvError whose `code` names the broken rule, one of
 * the typed list in errorCodes.ts (documented in docs/ERRORS.md). The library only throws: the
 * CLI prints the message on one line and picks the exit code (cli/exitCodes.ts). Anything else is
 * a bug and gets a stack trace.
 */
import type { ErrorCode } from './errorCodes.js';
export type { ErrorCode } from './errorCodes.js';
export declare class ScanconvError extends Error {
    /** Stable machine-readable name of the rule that was broken, e.g. `HEADER_TOO_LARGE`. */
    readonly code: ErrorCode;
    constructor(message: string, 
    /** Stable machine-readable name of the rule that was broken, e.g. `HEADER_TOO_LARGE`. */
    code: ErrorCode);
}
/**
 * What every reader and writer of a checkpoint format throws (format/): SafetensorsError,
 * MsgpackError, JsonCheckpointError and ShardedError extend it, and errors common to all formats
 * (a missing file, a name no format can hold) are FormatErrors themselves. `catch (e) { if (e
 * instanceof FormatError) ... }` catches every format's.
 */
export declare class FormatError extends ScanconvError {
}
/** A checkpoint whose tree does not fit the layout asked for (missing layer, ragged shapes...). */
export declare class LayoutError extends ScanconvError {
}
/**
 * BLOCK_SIZE_UNKNOWN: per-layer layers that differ but repeat every few layers (MaxText's blocks
 * of layers, unscanned), a valid pyloop tree whose block size K only the user can give.
 */
export declare class BlockSizeUnknownError extends LayoutError {
    /** Layers under the group. */
    readonly layers: number;
    /** The shortest period of the layers' shapes: K is a multiple of it. */
    readonly repeatsEvery: number;
    constructor(message: string, 
    /** Layers under the group. */
    layers: number, 
    /** The shortest period of the layers' shapes: K is a multiple of it. */
    repeatsEvery: number);
}
/** Bad arguments that commander itself cannot catch (conflicting options, output == input...). */
export declare class UsageError extends ScanconvError {
}
