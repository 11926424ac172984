/**
 * An Orbax checkpoint's arrays decoded once into a temporary file, for readers that visit them
 * in an order the chunks do not follow. `verify --params-only` compares layer by layer: a layer's
 * slice of a scanned array touches every chunk of it (each chunk spans every layer), so reading
 * by byte range decoded each chunk once per layer, and the byte-range cache, smaller than an
 * array, evicts each chunk before its next layer comes (a 1 GB pair took 36-60 s, against about
 * 7 s to convert it). Staged (scatter.ts, as convert writes safetensors), every chunk is
 * decoded once and the layers are read back from a safetensors file in the page cache.
 *
 * The price is disk: the arrays uncompressed, in the system's temporary directory (TMPDIR),
 * removed when the run ends. Where that directory lives in memory (tmpfs), or lacks the room,
 * nothing is staged: the checkpoint is read by byte range as before (exact, slower), and the
 * reason is returned for the caller to show.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TensorIndex } from '../types.js';
import type { AtomicFile } from '../atomic.js';
import { openCheckpoint } from '../open.js';
import { writePlanned } from '../scatter.js';
import { encodeHeader, MAX_HEADER_SIZE } from '../safetensors.js';
import { copyOf } from '../stream.js';
import { trackTemporary } from '../unfinished.js';
import { processAlive } from '../staleTemps.js';
import { HOST } from '../tempNames.js';
import { decodeThreadsFor } from './decodePool.js';
import { zarrArrayOf } from './zarrArray.js';
import { filesystemOf } from './staging.js';

/** statfs f_type of filesystems held in memory: staging there would hold the checkpoint in RAM. */
const IN_MEMORY = new Map([
  [0x01021994, 'tmpfs'],
  [0x858458f6, 'ramfs'],
]);

/** Room left beside the staging file: other writers share the filesystem. */
const MARGIN = 64 << 20;

/** The staged checkpoint, or why it could not be staged. */
export type StagedIndex = { index: TensorIndex; file: string; remove(): void; skipped?: undefined } | { skipped: string };

const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;

/** Why `dir` cannot take `bytes` of staging, or undefined when it can (or cannot say). */
function unsuitable(dir: string, bytes: number): string | undefined {
  const fsys = filesystemOf(dir);
  if (!fsys) return undefined;
  const ram = IN_MEMORY.get(fsys.type);
  if (ram) return `${dir} is ${ram}, held in memory; set TMPDIR to a directory on disk with ${mb(bytes)} free to decode each chunk once`;
  const { free } = fsys;
  if (free < bytes + MARGIN) return `${dir} has ${mb(free)} free, and decoding each chunk once stages ${mb(bytes)} there; set TMPDIR to a directory with more room`;
  return undefined;
}

/** Staged copies are `scanconv-verify-HOST-PID-XXXXXX` directories: whose they are is in the name. */
const PREFIX = 'scanconv-verify-';
const COPY_NAME = /^scanconv-verify-([A-Za-z0-9._]+)-(\d+)-[A-Za-z0-9]{6}$/;

/**
 * Remove the copies that runs killed with SIGKILL left in `tmp` (their process of this host is
 * gone); a copy is nobody's data, only a decoded duplicate of a checkpoint. In a shared TMPDIR
 * only this user's own directories are touched (not a link, not another user's), and one that
 * cannot be removed stays: the sweep never fails the run.
 */
function sweepStaleCopies(tmp: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return;
  }
  for (const name of names) {
    const m = COPY_NAME.exec(name);
    if (!m || m[1] !== HOST || Number(m[2]) === process.pid || processAlive(Number(m[2]))) continue;
    const copy = path.join(tmp, name);
    try {
      const st = fs.lstatSync(copy);
      if (!st.isDirectory() || st.uid !== process.getuid?.()) continue;
      fs.rmSync(copy, { recursive: true, force: true });
    } catch {
      /* another's, or gone meanwhile: left as it is */
    }
  }
}

/**
 * `index` decoded into a safetensors file in a temporary directory (every tensor, same names and
 * metadata; each stored chunk decoded once), opened; or why not; null when it holds no zarr
 * array (nothing to decode). The file has a path, so model workers can open it too. Close the
 * index, then call `remove`; the directory counts as unfinished until then (a host's
 * removeUnfinishedFiles removes it).
 */
export async function stageIndex(index: TensorIndex, tmp = os.tmpdir()): Promise<StagedIndex | null> {
  const tensors = [...index.tensors.values()];
  if (!tensors.some((r) => zarrArrayOf(r))) return null;
  const bytes = tensors.reduce((s, r) => s + r.byteLength, 0);
  const why = unsuitable(tmp, bytes);
  if (why) return { skipped: why };
  const outputs = tensors.map((r) => copyOf(r));
  // A header the safetensors reader would refuse (names by the hundred thousand, or very long).
  const header = encodeHeader(outputs, index.metadata);
  if (header.byteLength > MAX_HEADER_SIZE) return { skipped: `its names make a safetensors header of ${header.byteLength} bytes, over the ${MAX_HEADER_SIZE} a copy may have` };
  sweepStaleCopies(tmp);
  let dir: string;
  try {
    dir = fs.mkdtempSync(path.join(tmp, `${PREFIX}${HOST}-${process.pid}-`));
  } catch (e) {
    return { skipped: `cannot make a directory in ${tmp} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); set TMPDIR to a writable directory` };
  }
  const untrack = trackTemporary({ finalPath: dir, abort: () => fs.rmSync(dir, { recursive: true, force: true }) });
  const removeDir = () => {
    untrack();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const file = path.join(dir, 'model.safetensors');
  try {
    const group: AtomicFile[] = [];
    // The header just encoded, then the tensors: what writeScattered writes for one file.
    await writePlanned([{ path: file, segments: [header, ...outputs] }], { decodeThreads: decodeThreadsFor(tensors), sync: false }, group);
    // Read back at once and removed with the directory: moved to its name unsynced, which
    // AtomicFile's commit would not do (it syncs first); abort then only closes the descriptor.
    fs.renameSync(group[0].tempPath, file);
    group[0].abort();
    const staged = openCheckpoint(file, { sep: index.sep });
    return { index: staged, file, remove: removeDir };
  } catch (e) {
    removeDir();
    throw e;
  }
}

/**
 * Checkpoints staged for one command: `open` stages an Orbax checkpoint (others are returned as
 * they are) and remembers its staged file; `notes` say which were read by byte range and why.
 */
export class StagedCheckpoints {
  readonly notes: string[] = [];
  private readonly files = new Map<string, string>();
  private readonly removals: (() => void)[] = [];

  /** `index` (opened from `file`), or its staged copy; the original is closed when replaced, the copy is the caller's to close (before removeAll). */
  async open(file: string, index: TensorIndex): Promise<TensorIndex> {
    if (index.format !== 'orbax') return index;
    const s = await stageIndex(index);
    if (!s) return index;
    if (s.skipped !== undefined) {
      this.notes.push(`${file}: read by byte range, each chunk decoded once per layer (${s.skipped})`);
      return index;
    }
    index.close();
    this.files.set(file, s.file);
    this.removals.push(s.remove);
    return s.index;
  }

  /** The file a worker should open for `file`: its staged copy, or itself. */
  fileFor(file: string): string {
    return this.files.get(file) ?? file;
  }

  removeAll(): void {
    for (const remove of this.removals.splice(0)) remove();
    this.files.clear();
  }
}
