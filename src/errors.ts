/**
 * Every failure a user can cause is a ScanconvError whose `code` names the broken rule, one of
 * the typed list in errorCodes.ts (documented in docs/ERRORS.md). The library only throws: the
 * CLI prints the message on one line and picks the exit code (cli/exitCodes.ts). Anything else is
 * a bug and gets a stack trace.
 */
import type { ErrorCode } from './errorCodes.js';

export type { ErrorCode } from './errorCodes.js';

export class ScanconvError extends Error {
  constructor(
    message: string,
    /** Stable machine-readable name of the rule that was broken, e.g. `HEADER_TOO_LARGE`. */
    readonly code: ErrorCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * What every reader and writer of a checkpoint format throws (format/): SafetensorsError,
 * MsgpackError, JsonCheckpointError and ShardedError extend it, and errors common to all formats
 * (a missing file, a name no format can hold) are FormatErrors themselves. `catch (e) { if (e
 * instanceof FormatError) ... }` catches every format's.
 */
export class FormatError extends ScanconvError {}

/** A checkpoint whose tree does not fit the layout asked for (missing layer, ragged shapes...). */
export class LayoutError extends ScanconvError {}

/**
 * BLOCK_SIZE_UNKNOWN: per-layer layers that differ but repeat every few layers (MaxText's blocks
 * of layers, unscanned), a valid pyloop tree whose block size K only the user can give.
 */
export class BlockSizeUnknownError extends LayoutError {
  constructor(
    message: string,
    /** Layers under the group. */
    readonly layers: number,
    /** The shortest period of the layers' shapes: K is a multiple of it. */
    readonly repeatsEvery: number,
  ) {
    super(message, 'BLOCK_SIZE_UNKNOWN');
  }
}

/** Bad arguments that commander itself cannot catch (conflicting options, output == input...). */
export class UsageError extends ScanconvError {}
