/**
 * Opening input files for reading without trusting what the path names. `open(2)` on a FIFO
 * blocks until a writer appears (a `check` of a shard that is a FIFO hung forever), and a
 * directory opens fine and fails only at the first read, with an errno message that names no
 * file. So: open non-blocking, fstat the descriptor (no race between the check and the read),
 * and refuse anything that is not a regular file with a typed error that names the file.
 */
import fs from 'node:fs';
import { FormatError, ScanconvError } from '../errors.js';

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** A typed error for an errno failure on `file` (permission denied, vanished, I/O error). */
export function readError(file: string, e: unknown): FormatError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return new FormatError(`${file}: no such file`, 'NOT_FOUND');
  if (err.code === 'EISDIR') return new FormatError(`${file}: is a directory, not a checkpoint file`, 'NOT_A_FILE');
  return new FormatError(`${file}: cannot read (${err.code ?? err.message})`, 'CANNOT_READ');
}

/** Open `file` read-only; throws NOT_A_FILE for directories, FIFOs, sockets and devices. Returns fd and size. */
export function openRegular(file: string): { fd: number; size: number } {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; no effect on regular files.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    throw readError(file, e);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new FormatError(`${file}: is ${kindOf(stat)}, not a checkpoint file`, 'NOT_A_FILE');
    return { fd, size: stat.size };
  } catch (e) {
    fs.closeSync(fd);
    throw e instanceof ScanconvError ? e : readError(file, e);
  }
}

/**
 * The whole of a small regular file, refusing files over `maxBytes` with the error `tooLarge`
 * gives (no FIFO hang: see openRegular).
 */
export function readCappedFile(file: string, maxBytes: number, tooLarge: (size: number) => ScanconvError): Buffer {
  const { fd, size } = openRegular(file);
  try {
    if (size > maxBytes) throw tooLarge(size);
    const buf = Buffer.alloc(size);
    let done = 0;
    while (done < size) {
      const got = fs.readSync(fd, buf, done, size - done, done);
      if (got === 0) break;
      done += got;
    }
    return buf.subarray(0, done);
  } catch (e) {
    throw e instanceof ScanconvError ? e : readError(file, e);
  } finally {
    fs.closeSync(fd);
  }
}

/** The whole of a (small) regular file as UTF-8 text, refusing files over `maxBytes`. */
export function readTextFile(file: string, maxBytes: number, what: string): string {
  return readCappedFile(file, maxBytes, (size) => new FormatError(`${file}: ${what} is ${size} bytes, over the limit of ${maxBytes}`, 'FILE_TOO_LARGE')).toString('utf8');
}

/**
 * A bounded set of open input files: a sharded checkpoint of 2,000 shards held one descriptor
 * per shard until the end and failed past `ulimit -n` (EMFILE). Past `max` open files the least
 * recently used one is closed and, when read again, reopened the same careful way (non-blocking,
 * regular file) and checked to be the same file (device, inode, size): a shard replaced between
 * two reads is refused, not read half from one file and half from another.
 */
export class OpenFiles {
  private readonly open = new Map<PooledFile, number>();

  constructor(readonly max: number) {}

  /** Take over `fd`, just opened on `file` by openRegular. */
  adopt(file: string, fd: number): PooledFile {
    const stat = fs.fstatSync(fd);
    const pooled = new PooledFile(this, file, stat.dev, stat.ino, stat.size);
    this.remember(pooled, fd);
    return pooled;
  }

  /** The descriptor of `f`, reopening it when it was closed to make room. */
  fdOf(f: PooledFile): number {
    const fd = this.open.get(f);
    if (fd !== undefined) {
      // Most recently used last.
      this.open.delete(f);
      this.open.set(f, fd);
      return fd;
    }
    if (f.closed) throw new ScanconvError(`${f.file}: read after the checkpoint was closed`, 'CANNOT_READ');
    const { fd: again, size } = openRegular(f.file);
    const stat = fs.fstatSync(again);
    if (stat.dev !== f.dev || stat.ino !== f.ino || size !== f.size) {
      fs.closeSync(again);
      throw new ScanconvError(`${f.file}: was replaced or changed while being read`, 'INPUT_CHANGED');
    }
    this.remember(f, again);
    return again;
  }

  /** Close `f` for good. */
  release(f: PooledFile): void {
    f.closed = true;
    const fd = this.open.get(f);
    this.open.delete(f);
    if (fd !== undefined) fs.closeSync(fd);
  }

  private remember(f: PooledFile, fd: number): void {
    this.open.set(f, fd);
    for (const [oldest, oldFd] of this.open) {
      if (this.open.size <= this.max) break;
      this.open.delete(oldest);
      fs.closeSync(oldFd);
    }
  }
}

export class PooledFile {
  closed = false;
  constructor(
    private readonly pool: OpenFiles,
    readonly file: string,
    readonly dev: number,
    readonly ino: number,
    readonly size: number,
  ) {}

  get fd(): number {
    return this.pool.fdOf(this);
  }

  close(): void {
    this.pool.release(this);
  }
}

const LFS_PREFIX = 'version https://git-lfs.github.com/spec/';

/** A clone without `git lfs` holds ~130-byte pointer files where the checkpoints should be. */
export function lfsPointerError(file: string, fd: number, size: number): ScanconvError | undefined {
  if (size >= 1024) return undefined;
  const head = Buffer.alloc(LFS_PREFIX.length);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  if (head.subarray(0, n).toString('latin1') !== LFS_PREFIX) return undefined;
  return new ScanconvError(`${file}: a Git LFS pointer, not the checkpoint itself; fetch the file with \`git lfs pull\``, 'LFS_POINTER');
}
