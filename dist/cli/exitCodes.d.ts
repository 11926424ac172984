/**
 * The command line's exit codes, in one place. The library never exits: it returns results and
 * throws ScanconvError (whose `code` names the rule, docs/ERRORS.md); the CLI maps those here.
 */
import type { ErrorKind } from '../errorCodes.js';
export declare const EXIT: {
    /** Success: every check passed. */
    readonly OK: 0;
    /** A check failed (verify, generate, check). */
    readonly CHECK_FAILED: 1;
    /** Bad input or usage: one line on stderr, nothing written; also an output that cannot be written. */
    readonly BAD_INPUT: 2;
    /** A bug in scanconv: printed with its stack trace. */
    readonly INTERNAL: 3;
};
/** Interrupted: 128 + the signal's number, as a shell reports a process killed by it. */
export declare const SIGNAL_EXIT: {
    readonly SIGHUP: 129;
    readonly SIGINT: 130;
    readonly SIGQUIT: 131;
    readonly SIGTERM: 143;
};
export type HandledSignal = keyof typeof SIGNAL_EXIT;
export declare const HANDLED_SIGNALS: HandledSignal[];
/** The exit code of an error that ended a command: bad input for every ScanconvError and system call error, else a bug. */
export declare function exitCodeOf(e: unknown): number;
/** How a command that ends with an error code of each kind (errorCodes.ts) exits. */
export declare const EXIT_BY_KIND: Readonly<Record<ErrorKind, string>>;
