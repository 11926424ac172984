import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../errors.js';
import { ownName } from './tempNames.js';
import { writevFully } from './positional.js';
import { AbortedError, currentAbortSignal, trackTemporary } from './unfinished.js';

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
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    // Some filesystems (and Windows) cannot open or sync a directory; the data itself is synced.
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'EBADF'].includes(errno(e) ?? '')) throw e;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** What is at a path (not following a final symlink): its identity, or absent. */
export interface PathState {
  dev: number;
  ino: number;
}

export function pathState(file: string): PathState | undefined {
  try {
    const s = fs.lstatSync(file);
    return { dev: s.dev, ino: s.ino };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code;
/** link(2) is not available on every filesystem (FAT, some FUSE and SMB mounts). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

/**
 * Files that running commands read, by identity. No AtomicFile replaces one, whoever asks: the
 * checks before a command (outputs.ts) refuse such outputs with a clear line, and this is the
 * backstop for every later write (a report written on an error path included).
 */
const guarded = new Map<string, number>();

const identity = (s: fs.Stats) => `${s.dev}:${s.ino}`;

/** Guard `files` until the returned release is called (refcounted: concurrent commands in one process). */
export function guardInputs(files: readonly string[]): () => void {
  const ids: string[] = [];
  for (const f of files) {
    try {
      ids.push(identity(fs.statSync(f)));
    } catch {
      /* absent: nothing to guard */
    }
  }
  for (const id of ids) guarded.set(id, (guarded.get(id) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const id of ids) {
      const n = (guarded.get(id) ?? 1) - 1;
      if (n > 0) guarded.set(id, n);
      else guarded.delete(id);
    }
  };
}

/** Refuse to write over a non-regular file (a FIFO, /dev/null) or a guarded input. */
function checkReplaceable(finalPath: string): void {
  let target: fs.Stats;
  try {
    target = fs.statSync(finalPath);
  } catch {
    return;
  }
  if (!target.isFile()) throw new ScanconvError(`cannot write ${finalPath}: not a regular file; scanconv writes regular files only`, 'NOT_REGULAR_OUTPUT');
  if (guarded.has(identity(target))) throw new ScanconvError(`cannot write ${finalPath}: it is an input of this command`, 'OUTPUT_IS_INPUT');
}

export class OutputRaceError extends ScanconvError {
  constructor(file: string, detail: string) {
    super(`${file} ${detail} while this run was writing it; left it as it is, nothing written`, 'OUTPUT_CHANGED');
  }
}

export class AtomicFile {
  readonly tempPath: string;
  readonly fd: number;
  /** What was at the final path when this file was created: the only thing a commit may replace. */
  readonly before: PathState | undefined;
  private synced = false;
  private done = false;
  private backup?: string;
  /** Stops this write when aborted (the scope's signal when the file was created). */
  private readonly signal = currentAbortSignal();
  /** Stops counting this file as unfinished (removeUnfinishedFiles). */
  private readonly untrack: () => void;

  constructor(readonly finalPath: string) {
    if (this.signal?.aborted) throw new AbortedError(finalPath);
    const dir = path.dirname(path.resolve(finalPath));
    this.tempPath = ownName(finalPath, 'tmp');
    checkReplaceable(finalPath);
    try {
      this.before = pathState(finalPath);
      this.fd = fs.openSync(this.tempPath, 'wx');
    } catch (e) {
      const why = errno(e) === 'ENOENT' ? `directory ${dir} does not exist` : (e as Error).message;
      throw new ScanconvError(`cannot write ${finalPath}: ${why}`, 'CANNOT_WRITE');
    }
    this.untrack = trackTemporary(this);
  }

  /** Write all of `bytes` at the current end of the file. */
  write(bytes: Uint8Array): void {
    if (this.signal?.aborted) throw new AbortedError(this.finalPath);
    let off = 0;
    while (off < bytes.byteLength) off += fs.writeSync(this.fd, bytes, off, bytes.byteLength - off);
  }

  /**
   * Write `parts`, one after the other, at byte `position` (a positional write: the file's own
   * offset is neither used nor moved), so a writer can place pieces in any order.
   */
  writeAt(parts: readonly Uint8Array[], position: number): void {
    if (this.signal?.aborted) throw new AbortedError(this.finalPath);
    writevFully(this.fd, parts, position);
  }

  /** Data on disk before the name: after a crash the output is either complete or absent. */
  sync(): void {
    if (this.synced) return;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.synced = true;
  }

  /**
   * Put the file at its final path if what is there is still what was there at creation.
   * With `keepBackup`, a replaced file stays reachable until `release`, so `undo` can restore it.
   * Returns the undo.
   */
  publish(keepBackup = false): () => void {
    if (this.signal?.aborted) throw new AbortedError(this.finalPath);
    this.sync();
    checkReplaceable(this.finalPath);
    const now = pathState(this.finalPath);
    const was = this.before;
    if (was && now && (now.dev !== was.dev || now.ino !== was.ino)) throw new OutputRaceError(this.finalPath, 'was replaced by another process');
    if (was && !now) throw new OutputRaceError(this.finalPath, 'was removed by another process');
    if (!was) {
      try {
        fs.linkSync(this.tempPath, this.finalPath);
      } catch (e) {
        if (errno(e) === 'EEXIST') throw new OutputRaceError(this.finalPath, 'was created by another process');
        if (!NO_LINKS.has(errno(e) ?? '')) throw e;
        if (pathState(this.finalPath)) throw new OutputRaceError(this.finalPath, 'was created by another process');
        fs.renameSync(this.tempPath, this.finalPath);
        return this.placed(() => fs.rmSync(this.finalPath, { force: true }));
      }
      fs.rmSync(this.tempPath, { force: true });
      return this.placed(() => fs.rmSync(this.finalPath, { force: true }));
    }
    if (keepBackup) {
      const backup = ownName(this.finalPath, 'old');
      try {
        fs.linkSync(this.finalPath, backup);
        this.backup = backup;
      } catch (e) {
        if (!NO_LINKS.has(errno(e) ?? '')) throw e;
      }
    }
    fs.renameSync(this.tempPath, this.finalPath);
    const backup = this.backup;
    return this.placed(() => {
      if (backup) fs.renameSync(backup, this.finalPath);
      else fs.rmSync(this.finalPath, { force: true });
      this.backup = undefined;
    });
  }

  private placed(undo: () => void): () => void {
    this.done = true;
    this.untrack();
    // The rename (or link) is a change to the directory: without this it may be lost in a crash
    // even though the file's data was synced.
    syncDir(path.dirname(path.resolve(this.finalPath)));
    return undo;
  }

  /** After a group commit: drop the replaced file's backup. */
  release(): void {
    if (this.backup) fs.rmSync(this.backup, { force: true });
    this.backup = undefined;
  }

  commit(): void {
    if (this.done) return;
    this.publish();
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    this.untrack();
    if (!this.synced) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* already closed */
      }
    }
    fs.rmSync(this.tempPath, { force: true });
  }
}

/**
 * Put every file in place, or none: each is synced first, then published in order; if one
 * cannot be, those already in place are moved back (replaced files restored) and the rest
 * removed, and the error is rethrown. `retire` names files the new ones replace under other
 * names (a model directory's other checkpoint form): they are moved aside under a backup name
 * before the first file is published, put back if the commit fails, and removed after it.
 */
export function commitAll(files: readonly AtomicFile[], retire: readonly string[] = []): void {
  const undos: (() => void)[] = [];
  const retired: { file: string; backup: string }[] = [];
  try {
    for (const f of files) f.sync();
    for (const file of retire) {
      checkReplaceable(file);
      const backup = ownName(file, 'old');
      fs.renameSync(file, backup);
      retired.push({ file, backup });
    }
    for (const f of files) undos.push(f.publish(true));
  } catch (e) {
    for (const undo of undos.reverse()) {
      try {
        undo();
      } catch {
        /* best effort: keep undoing the others */
      }
    }
    for (const r of retired.reverse()) {
      try {
        fs.renameSync(r.backup, r.file);
      } catch {
        /* best effort: the backup keeps its name and a later run reports it */
      }
    }
    for (const f of files) f.abort();
    throw e;
  }
  for (const f of files) f.release();
  for (const r of retired) fs.rmSync(r.backup, { force: true });
}

/**
 * Run `body` with an AtomicFile, committing on success and removing the temp file on failure.
 * With `group`, the complete file is added to it instead of committed: the caller puts the
 * group in place with `commitAll` (or aborts every file of it).
 */
export async function writeAtomically<T>(finalPath: string, body: (file: AtomicFile) => Promise<T> | T, group?: AtomicFile[]): Promise<T> {
  const file = new AtomicFile(finalPath);
  try {
    const result = await body(file);
    if (group) {
      file.sync();
      group.push(file);
    } else file.commit();
    return result;
  } catch (err) {
    file.abort();
    throw err;
  }
}
