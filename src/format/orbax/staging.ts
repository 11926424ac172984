/**
 * Orbax output from Orbax input. The writer compresses each output array in order, but an
 * array's bytes come from chunks that span other arrays: a scanned array's chunk holds every
 * layer, so writing per-layer arrays one after the other decoded it once per layer (a 1 GB
 * checkpoint to per-layer Orbax: 37.9 s at 597 MB peak RSS), and stacking per-layer arrays held
 * each layer's chunks in the byte-range cache at once (27.1 s at 848 MB).
 *
 * So the tensors are first written decoded, in the writer's order, to one staging file inside the
 * output's temporary directory (scatter.ts: each stored chunk decoded once, its pieces written in
 * place), and the writer then reads that file front to back. Memory stays about one chunk per
 * decoding thread; the price is disk: the staging file holds the checkpoint uncompressed until
 * the writer is done, and is refused up front when the filesystem has no room for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../../errors.js';
import type { AtomicFile } from '../atomic.js';
import { writePlanned, type ScatterOptions } from '../scatter.js';
import { copyOf, type OutputTensor } from '../stream.js';
import type { TensorRef } from '../types.js';
import { readFully } from './files.js';

const STAGING_FILE = 'staging.raw';

export interface Staged {
  /** The same tensors, each now one run of the staging file. */
  readonly tensors: OutputTensor[];
  /** Close and remove the staging file. */
  remove(): void;
}

/** Free bytes and the filesystem type (statfs f_type) of `dir`, or undefined when it cannot say (the write itself then reports ENOSPC). */
export function filesystemOf(dir: string): { free: number; type: number } | undefined {
  try {
    const s = fs.statfsSync(dir);
    return { free: s.bavail * s.bsize, type: s.type };
  } catch {
    return undefined;
  }
}

/** Refuse before any work when `dir`'s filesystem lacks `bytes` of free space for `output`. */
function checkFreeSpace(dir: string, bytes: number, output: string): void {
  const free = filesystemOf(dir)?.free;
  if (free !== undefined && free < bytes) {
    const mb = (n: number) => (n < 1e6 ? `${n} bytes` : `${(n / 1e6).toFixed(0)} MB`);
    throw new ScanconvError(
      `cannot write ${output}: Orbax output from Orbax input first stages the arrays decoded (${mb(bytes)}, then the compressed output too) beside it, and the filesystem of ${path.dirname(dir)} has ${mb(free)} free`,
      'NO_SPACE',
    );
  }
}

/**
 * Write `tensors` decoded into `dir/staging.raw`, each chunk decoded once; read them back from
 * there. `output` names what the staging is for in a NO_SPACE refusal (default: `dir`).
 */
export async function stageTensors(dir: string, tensors: readonly OutputTensor[], options: ScatterOptions, output = dir): Promise<Staged> {
  const total = tensors.reduce((s, t) => s + t.byteLength, 0);
  checkFreeSpace(dir, total, output);
  const group: AtomicFile[] = [];
  await writePlanned([{ path: path.join(dir, STAGING_FILE), segments: tensors }], { ...options, sync: false }, group);
  const file = group[0];
  let fd: number;
  try {
    fd = fs.openSync(file.tempPath, 'r');
  } catch (e) {
    file.abort();
    throw e;
  }
  const range = { fd, path: file.tempPath, position: 0, length: 0 };
  let start = 0;
  const refs = tensors.map((t): TensorRef => {
    const at = start;
    start += t.byteLength;
    return {
      name: t.name,
      dtype: t.dtype,
      shape: t.shape,
      byteLength: t.byteLength,
      readInto(target, targetOffset, offset, length) {
        range.position = at + offset;
        range.length = length;
        readFully(range, target.subarray(targetOffset), `${t.name} (staged)`);
      },
    };
  });
  return {
    tensors: refs.map((r) => copyOf(r)),
    remove() {
      fs.closeSync(fd);
      file.abort();
    },
  };
}
