import { ScanconvError } from '../errors.js';
export const EXIT = {
    /** Success: every check passed. */
    OK: 0,
    /** A check failed (verify, generate, check). */
    CHECK_FAILED: 1,
    /** Bad input or usage: one line on stderr, nothing written; also an output that cannot be written. */
    BAD_INPUT: 2,
    /** A bug in scanconv: printed with its stack trace. */
    INTERNAL: 3,
};
/** Interrupted: 128 + the signal's number, as a shell reports a process killed by it. */
export const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 };
export const HANDLED_SIGNALS = Object.keys(SIGNAL_EXIT);
/** The exit code of an error that ended a command: bad input for every ScanconvError and system call error, else a bug. */
export function exitCodeOf(e) {
    if (e instanceof ScanconvError)
        return EXIT.BAD_INPUT;
    const error = e;
    if (error && typeof error.code === 'string' && error.syscall)
        return EXIT.BAD_INPUT;
    return EXIT.INTERNAL;
}
/** How a command that ends with an error code of each kind (errorCodes.ts) exits. */
export const EXIT_BY_KIND = {
    error: String(EXIT.BAD_INPUT),
    check: String(EXIT.CHECK_FAILED),
    internal: String(EXIT.INTERNAL),
    interrupted: Object.entries(SIGNAL_EXIT).map(([signal, code]) => `${code} (${signal})`).join(', '),
};
