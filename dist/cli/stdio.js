/**
 * Standard output that cannot be written. A closed pipe (`scanconv check ... | head -1`) is the
 * reader saying it has seen enough: the rest of the output is dropped, quietly, and the command
 * ends with the exit code of its own work. Any other failure (`> /dev/full`: ENOSPC) loses
 * output the user asked for: one line on stderr and exit 2, like an output file that cannot be
 * written. Without a listener Node throws these as an unhandled 'error' event (a stack trace and
 * exit 1, which `check` documents as "a check failed").
 */
import { EXIT } from './exitCodes.js';
import { err } from './style.js';
export const STDOUT_FAILED_EXIT = EXIT.BAD_INPUT;
export function guardStdio() {
    const closed = (e) => e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED';
    process.stdout.on('error', (e) => {
        if (closed(e))
            return;
        process.stderr.write(`${err.red('scanconv: error:')} cannot write to standard output: ${e.code === 'ENOSPC' ? 'no space left on device (ENOSPC)' : e.message}\n`);
        process.exit(STDOUT_FAILED_EXIT);
    });
    process.stderr.on('error', (e) => {
        // Nowhere left to say anything: drop a closed stderr, fail on a broken one.
        if (!closed(e))
            process.exit(STDOUT_FAILED_EXIT);
    });
}
