import { ScanconvError } from '../errors.js';
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
/** fsync a directory, so a rename or link in it is on disk; filesystems that cannot are skipped. */
export declare function syncDir(dir: string): void;
/**
 * Count `temp` (anything with an abort, e.g. a temporary directory) as unfinished, like an
 * AtomicFile: removeUnfinishedFiles removes it. Returns the function that stops tracking it.
 */
export declare function trackTemporary(temp: {
    readonly finalPath: string;
    abort(): void;
}): () => void;
/** Host names go into file names: keep them short and plain. */
export declare const HOST: string;
export declare const TEMP_NAME: RegExp;
/**
 * `.NAME.scanconv-KIND-HOST-PID-N`; when that passes NAME_MAX (an output named with 242 bytes
 * failed with ENAMETOOLONG), NAME is cut and followed by `~` and a hash of the whole name, so
 * the temporary names of two long outputs still differ and TEMP_NAME still finds them.
 */
export declare function ownName(finalPath: string, kind: 'tmp' | 'old'): string;
/** What is at a path (not following a final symlink): its identity, or absent. */
export interface PathState {
    dev: number;
    ino: number;
}
export declare function pathState(file: string): PathState | undefined;
/** Guard `files` until the returned release is called (refcounted: concurrent commands in one process). */
export declare function guardInputs(files: readonly string[]): () => void;
export declare class OutputRaceError extends ScanconvError {
    constructor(file: string, detail: string);
}
export declare class AtomicFile {
    readonly finalPath: string;
    readonly tempPath: string;
    readonly fd: number;
    /** What was at the final path when this file was created: the only thing a commit may replace. */
    readonly before: PathState | undefined;
    private synced;
    private done;
    private backup?;
    /** Stops this write when aborted (the scope's signal when the file was created). */
    private readonly signal;
    constructor(finalPath: string);
    /** Write all of `bytes` at the current end of the file. */
    write(bytes: Uint8Array): void;
    /** Data on disk before the name: after a crash the output is either complete or absent. */
    sync(): void;
    /**
     * Put the file at its final path if what is there is still what was there at creation.
     * With `keepBackup`, a replaced file stays reachable until `release`, so `undo` can restore it.
     * Returns the undo.
     */
    publish(keepBackup?: boolean): () => void;
    private placed;
    /** After a group commit: drop the replaced file's backup. */
    release(): void;
    commit(): void;
    abort(): void;
}
/**
 * Put every file in place, or none: each is synced first, then published in order; if one
 * cannot be, those already in place are moved back (replaced files restored) and the rest
 * removed, and the error is rethrown. `retire` names files the new ones replace under other
 * names (a model directory's other checkpoint form): they are moved aside under a backup name
 * before the first file is published, put back if the commit fails, and removed after it.
 */
export declare function commitAll(files: readonly AtomicFile[], retire?: readonly string[]): void;
/**
 * Run `body` with an AtomicFile, committing on success and removing the temp file on failure.
 * With `group`, the complete file is added to it instead of committed: the caller puts the
 * group in place with `commitAll` (or aborts every file of it).
 */
export declare function writeAtomically<T>(finalPath: string, body: (file: AtomicFile) => Promise<T> | T, group?: AtomicFile[]): Promise<T>;
