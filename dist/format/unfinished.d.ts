import { ScanconvError } from '../errors.js';
/** Anything written under a temporary name that can be removed synchronously. */
export interface Unfinished {
    readonly finalPath: string;
    abort(): void;
}
/**
 * Remove every temporary file not yet put in place, synchronously, and return their final paths.
 * For a host about to exit (a signal handler, an 'exit' listener): a running write that is not
 * stopped first fails at its next buffer with CANNOT_WRITE.
 */
export declare function removeUnfinishedFiles(): string[];
/**
 * Run `body` so that every AtomicFile it creates (however deep in a writer) stops writing, with
 * ABORTED, once `signal` is aborted; its temporary files are then removed by the writers' own
 * cleanup. Without a signal, `body` just runs.
 */
export declare function withAbortSignal<T>(signal: AbortSignal | undefined, body: () => Promise<T>): Promise<T>;
export declare class AbortedError extends ScanconvError {
    constructor(file: string);
}
/**
 * Count `temp` (anything with an abort, e.g. a temporary directory) as unfinished, like an
 * AtomicFile: removeUnfinishedFiles removes it. Returns the function that stops tracking it.
 */
export declare function trackTemporary(temp: Unfinished): () => void;
/** The AbortSignal of the write running in this async context, if any. */
export declare function currentAbortSignal(): AbortSignal | undefined;
