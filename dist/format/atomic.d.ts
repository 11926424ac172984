import { ScanconvError } from '../errors.js';
/**
 * A file written under a temporary name in the destination directory and put in place only
 * when complete, so a reader never sees a partial checkpoint.
 *
 * - The temporary name says who wrote it: `.NAME.scanconv-tmp-HOST-PID-N`. A run killed with
 *   SIGKILL cannot clean up; a later run into the same directory removes the files of dead
 *   processes of this host and reports the others (staleTemps.ts).
 * - A write stops at its next buffer when the AbortSignal it runs under is aborted, and every
 *   failure removes its temporary file (`writeAtomically`'s catch, `commitAll`); unfinished.ts
 *   says how a host stops writes and removes what is unfinished.
 * - The commit replaces only what was at the final path when the file was created: a path that
 *   was absent must still be absent (link(2) fails with EEXIST atomically, so a concurrent writer
 *   that committed first is never replaced), and a file that existed must be the same file
 *   (device and inode) or the commit refuses. Between that check and rename(2) there is no
 *   atomic test on Linux; the window is microseconds.
 * - `commitAll` puts several files in place all or nothing (the shards and index of a sharded
 *   checkpoint): a failure part way moves back every file already put in place.
 * - After a rename or link the directory is synced too, so the new name survives a crash.
 */
/** fsync a directory, so a rename or link in it is on disk; filesystems that cannot are skipped. */
export declare function syncDir(dir: string): void;
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
    /** Stops counting this file as unfinished (removeUnfinishedFiles). */
    private readonly untrack;
    constructor(finalPath: string);
    /** Write all of `bytes` at the current end of the file. */
    write(bytes: Uint8Array): void;
    /**
     * Write `parts`, one after the other, at byte `position` (a positional write: the file's own
     * offset is neither used nor moved), so a writer can place pieces in any order.
     */
    writeAt(parts: readonly Uint8Array[], position: number): void;
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
