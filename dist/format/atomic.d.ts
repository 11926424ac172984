import { ScanconvError } from '../errors.js';
/** Host names go into file names: keep them short and plain. */
export declare const HOST: string;
export declare const TEMP_NAME: RegExp;
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
 * removed, and the error is rethrown.
 */
export declare function commitAll(files: readonly AtomicFile[]): void;
/** Run `body` with an AtomicFile, committing on success and removing the temp file on failure. */
export declare function writeAtomically<T>(finalPath: string, body: (file: AtomicFile) => Promise<T> | T): Promise<T>;
