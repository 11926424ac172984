/**
 * What is unfinished, and how a write is stopped. The library never owns the process: it
 * installs no signal handler and never exits. A write stops at its next buffer when the
 * AbortSignal it runs under (`withAbortSignal`) is aborted; a host that exits from its own signal
 * handler calls `removeUnfinishedFiles` first (the CLI does), which removes every temporary file
 * (AtomicFile, atomic.ts) and directory (orbax/atomicDir.ts) not yet put in place.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ScanconvError } from '../errors.js';
/** What is unfinished: temporary files, and temporary directories (orbax/atomicDir.ts). */
const live = new Set();
/**
 * Remove every temporary file not yet put in place, synchronously, and return their final paths.
 * For a host about to exit (a signal handler, an 'exit' listener): a running write that is not
 * stopped first fails at its next buffer with CANNOT_WRITE.
 */
export function removeUnfinishedFiles() {
    const removed = [...live].map((f) => f.finalPath);
    for (const f of [...live])
        f.abort();
    return removed;
}
/** The AbortSignal of the write running in this async context (see withAbortSignal). */
const abortScope = new AsyncLocalStorage();
/**
 * Run `body` so that every AtomicFile it creates (however deep in a writer) stops writing, with
 * ABORTED, once `signal` is aborted; its temporary files are then removed by the writers' own
 * cleanup. Without a signal, `body` just runs.
 */
export function withAbortSignal(signal, body) {
    return signal ? abortScope.run(signal, body) : body();
}
export class AbortedError extends ScanconvError {
    constructor(file) {
        super(`writing ${file} was aborted; nothing written`, 'ABORTED');
    }
}
/**
 * Count `temp` (anything with an abort, e.g. a temporary directory) as unfinished, like an
 * AtomicFile: removeUnfinishedFiles removes it. Returns the function that stops tracking it.
 */
export function trackTemporary(temp) {
    live.add(temp);
    return () => live.delete(temp);
}
/** The AbortSignal of the write running in this async context, if any. */
export function currentAbortSignal() {
    return abortScope.getStore();
}
