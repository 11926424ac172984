/**
 * Row and column slices of a 2-D weight as TensorRefs, read like any weight (params.ts): an
 * embedding lookup reads only its rows, and a head a vocabulary chunk at a time.
 */
import { LayoutError } from '../errors.js';
import type { TensorRef } from '../format/types.js';

/** A ref of `shape` made of `runs` runs of `runBytes` bytes each, run i at `sourceOffset(i)` in `ref`. */
function runsRef(ref: TensorRef, shape: number[], runBytes: number, runs: number, sourceOffset: (run: number) => number): TensorRef {
  return {
    name: ref.name,
    dtype: ref.dtype,
    shape,
    byteLength: runs * runBytes,
    readInto(target, targetOffset, offset, length) {
      for (let done = 0; done < length; ) {
        const at = offset + done;
        const n = Math.min(runBytes - (at % runBytes), length - done);
        ref.readInto(target, targetOffset + done, sourceOffset(Math.floor(at / runBytes)) + (at % runBytes), n);
        done += n;
      }
    },
  };
}

/** Rows of a 2-D ref (a list, or start..start+count-1 read as one run), as an (n, cols) ref. */
export function rowsRef(ref: TensorRef, rows: ArrayLike<number> | { start: number; count: number }): TensorRef {
  if (ref.shape.length !== 2) throw new LayoutError(`${ref.name}: expected a 2-D table, found shape [${ref.shape.join(', ')}]`, 'BAD_SHAPE');
  const [count, cols] = ref.shape;
  const rowBytes = ref.byteLength / count;
  const check = (row: number) => {
    if (!(Number.isInteger(row) && row >= 0 && row < count)) throw new LayoutError(`${ref.name}: row ${row} is outside 0..${count - 1}`, 'BAD_INPUT');
  };
  if ('start' in rows) {
    [rows.start, rows.start + rows.count - 1].forEach(check);
    return runsRef(ref, [rows.count, cols], rows.count * rowBytes, 1, () => rows.start * rowBytes);
  }
  for (let r = 0; r < rows.length; r++) check(rows[r]);
  return runsRef(ref, [rows.length, cols], rowBytes, rows.length, (r) => rows[r] * rowBytes);
}

/** Columns start..start+count-1 of a 2-D ref, as a (rows, count) ref read one row's run at a time. */
export function columnsRef(ref: TensorRef, start: number, count: number): TensorRef {
  const [rows, cols] = ref.shape;
  if (ref.shape.length !== 2 || start < 0 || count < 1 || start + count > cols) {
    throw new LayoutError(`${ref.name}: columns ${start}..${start + count - 1} of shape [${ref.shape.join(', ')}]`, 'BAD_SHAPE');
  }
  const size = ref.byteLength / (rows * cols);
  return runsRef(ref, [rows, count], count * size, rows, (r) => (r * cols + start) * size);
}
