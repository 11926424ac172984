/**
 * Positional writes shared by AtomicFile.writeAt and the scatter writer's decode threads (which
 * write to the same descriptors): writev(2) at an offset, short writes continued, and the runs of
 * one decoded chunk gathered into as few writes as their places allow.
 */
import fs from 'node:fs';

/** Buffers one writev(2) takes on Linux and macOS. */
export const IOV_MAX = 1024;

/** Write all of `parts`, one after the other, at byte `position` of `fd` (its own offset untouched). */
export function writevFully(fd: number, parts: readonly Uint8Array[], position: number): void {
  let pending = parts.filter((p) => p.byteLength > 0);
  let at = position;
  while (pending.length) {
    let n = fs.writevSync(fd, pending.slice(0, IOV_MAX), at);
    at += n;
    // A short write: drop what went out and go on from the first byte that did not.
    let i = 0;
    while (i < pending.length && n >= pending[i].byteLength) n -= pending[i++].byteLength;
    pending = pending.slice(i);
    if (n > 0) pending[0] = pending[0].subarray(n);
  }
}

/** Where runs of decoded chunks go, as columns: `length` bytes at `inChunk` of the chunk, to byte `at` of output file `file`. */
export interface RunColumns {
  inChunk: Uint32Array;
  length: Uint32Array;
  file: Int32Array;
  at: Float64Array;
}

/**
 * Write runs of `runs` (those listed in `which`, or all), every one from the decoded `chunk`, in
 * their order; runs that continue each other in a file go out in one write. Returns the bytes written.
 */
export function placeRuns(chunk: Uint8Array, runs: RunColumns, which: Uint32Array | null, write: (file: number, parts: Uint8Array[], at: number) => void): number {
  const count = which ? which.length : runs.inChunk.length;
  let written = 0;
  let parts: Uint8Array[] = [];
  let file = -1;
  let start = 0;
  let end = 0;
  const flush = () => {
    if (parts.length) write(file, parts, start);
    parts = [];
  };
  for (let k = 0; k < count; k++) {
    const i = which ? which[k] : k;
    const at = runs.at[i];
    const len = runs.length[i];
    if (runs.file[i] !== file || at !== end || parts.length >= IOV_MAX) {
      flush();
      file = runs.file[i];
      start = at;
      end = at;
    }
    parts.push(chunk.subarray(runs.inChunk[i], runs.inChunk[i] + len));
    end += len;
    written += len;
  }
  flush();
  return written;
}
