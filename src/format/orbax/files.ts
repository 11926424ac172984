/**
 * The files of one checkpoint directory, opened once and read by range. Every name comes from
 * the checkpoint (an OCDBT data-file table, a T5X spec), so it is checked before it is opened:
 * relative, no `..` or `.` segment, no backslash or NUL, and it must stay inside the directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openRegular, readError } from '../files.js';
import { OrbaxError } from './errors.js';

/** A value in a key-value store: its length, and a way to read any range of it. */
export interface StoredValue {
  readonly length: number;
  /** Names it in errors: `a/c/0 (d/abc, bytes 10..71)`. */
  readonly where: string;
  /** The bytes; with `into` (at least `length` long) read into its start, so a caller can reuse one buffer. */
  read(offset: number, length: number, into?: Uint8Array): Uint8Array;
  /**
   * Where a range of it lies in an open file, checked like `read` (absent for values held in
   * memory): another thread of the process can then read it itself, into its own buffer.
   */
  locate?(offset: number, length: number): FileRange;
}

/** `length` bytes at `position` of the open descriptor `fd` (the file `path`), for `readFully`. */
export interface FileRange {
  fd: number;
  position: number;
  length: number;
  path: string;
}

/**
 * Read `range` into the start of `into` (at least its length); a file that ends early is
 * TRUNCATED (it shrank after it was measured). Any thread may call it: descriptors are the process's.
 */
export function readFully(range: FileRange, into: Uint8Array, where: string): Uint8Array {
  const out = into.subarray(0, range.length);
  let done = 0;
  while (done < range.length) {
    let got: number;
    try {
      got = fs.readSync(range.fd, out, done, range.length - done, range.position + done);
    } catch (e) {
      throw readError(range.path, e);
    }
    if (got === 0) throw new OrbaxError(where, 'TRUNCATED', `${range.path} shrank while being read`);
    done += got;
  }
  return out;
}

export function memoryValue(bytes: Uint8Array, where: string): StoredValue {
  return { length: bytes.length, where, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

/** Refuse a relative path from a file unless it names something inside the directory. */
export function checkRelativePath(rel: string, where: string): void {
  const bad = rel === '' || rel.startsWith('/') || rel.includes('\\') || rel.includes('\0') || rel.split('/').some((seg) => seg === '..' || seg === '.' || seg === '');
  if (bad) throw new OrbaxError(where, 'BAD_PATH', `file name ${JSON.stringify(rel)} is not a plain relative path inside the checkpoint`);
}

export class CheckpointFiles {
  private readonly open = new Map<string, { fd: number; size: number }>();

  constructor(readonly root: string) {}

  /** `rel` as a path a user can find (errors name files this way). */
  name(rel: string): string {
    return path.join(this.root, rel);
  }

  /** Every file opened so far (absolute paths): the checkpoint's files for `check` and output guards. */
  get paths(): string[] {
    return [...this.open.keys()].map((rel) => path.join(this.root, rel));
  }

  private file(rel: string, where: string): { fd: number; size: number } {
    let f = this.open.get(rel);
    if (!f) {
      checkRelativePath(rel, where);
      const abs = path.join(this.root, rel);
      if (!fs.existsSync(abs)) throw new OrbaxError(where, 'MISSING_ARRAY', `refers to ${abs}, which does not exist`);
      f = openRegular(abs);
      this.open.set(rel, f);
    }
    return f;
  }

  size(rel: string, where: string): number {
    return this.file(rel, where).size;
  }

  exists(rel: string): boolean {
    return this.open.has(rel) || fs.statSync(path.join(this.root, rel), { throwIfNoEntry: false })?.isFile() === true;
  }

  /** Where `length` bytes at `offset` of `rel` are; a range past the file's end is OUT_OF_FILE. */
  locate(rel: string, offset: number, length: number, where: string): FileRange {
    const f = this.file(rel, where);
    if (offset < 0 || length < 0 || offset + length > f.size) {
      throw new OrbaxError(where, 'OUT_OF_FILE', `bytes ${offset}..${offset + length} are outside ${rel} (${f.size} bytes)`);
    }
    return { fd: f.fd, position: offset, length, path: path.join(this.root, rel) };
  }

  /** `length` bytes at `offset` of `rel` (into the start of `into` when given). */
  read(rel: string, offset: number, length: number, where: string, into?: Uint8Array): Uint8Array {
    const range = this.locate(rel, offset, length, where);
    return readFully(range, into && into.byteLength >= length ? into : Buffer.allocUnsafe(length), where);
  }

  /** A whole file as a stored value (zarr chunks and metadata of plain directories). */
  value(rel: string, where = this.name(rel)): StoredValue {
    const size = this.size(rel, where);
    return { length: size, where, read: (offset, length, into) => this.read(rel, offset, length, where, into), locate: (offset, length) => this.locate(rel, offset, length, where) };
  }

  /** A range of a file as a stored value (OCDBT values stored out of line). */
  range(rel: string, offset: number, length: number, where: string): StoredValue {
    const size = this.size(rel, where);
    if (offset + length > size) throw new OrbaxError(where, 'OUT_OF_FILE', `bytes ${offset}..${offset + length} are outside ${rel} (${size} bytes)`);
    return { length, where, read: (o, n, into) => this.read(rel, offset + o, n, where, into), locate: (o, n) => this.locate(rel, offset + o, n, where) };
  }

  close(): void {
    for (const f of this.open.values()) fs.closeSync(f.fd);
    this.open.clear();
  }
}
