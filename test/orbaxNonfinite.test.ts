/**
 * check's NaN/Inf count of a zarr array goes chunk by chunk (integrity.ts), each chunk decoded
 * once into a reused buffer: it must count exactly the elements inside the array, never an edge
 * chunk's padding, and an absent chunk as its fill value. Checked against the array read whole
 * by byte range, for any shape, chunking, dtype and values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { countNonfinite } from '../src/check.js';
import { dtypeSize } from '../src/format/dtype.js';
import { toFloat32 } from '../src/format/floats.js';
import { openCheckpoint } from '../src/format/open.js';
import { ChunkGrid } from '../src/format/orbax/chunkGrid.js';
import { gridPositions } from '../src/format/orbax/zarrArray.js';
import { readAll } from '../src/format/types.js';
import { metadataJson, writeFiles } from './orbaxWriter.js';
import { tmpDir } from './helpers.js';

const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Element `k` of the chunk at grid position `c`, as its C-order index in the array; -1 for padding. */
function arrayIndex(k: number, c: readonly number[], chunks: readonly number[], shape: readonly number[]): number {
  const idx = chunks.map(() => 0);
  let rest = k;
  for (let d = chunks.length - 1; d >= 0; d--) {
    idx[d] = (rest % chunks[d]) + c[d] * chunks[d];
    rest = Math.floor(rest / chunks[d]);
  }
  let flat = 0;
  for (let d = 0; d < shape.length; d++) {
    if (idx[d] >= shape[d]) return -1;
    flat = flat * shape[d] + idx[d];
  }
  return flat;
}

test('property: the extent runs of every chunk cover each element of the array exactly once, and no padding', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 0, maxLength: 4 }).chain((shape) => fc.tuple(fc.constant(shape), fc.tuple(...shape.map((d) => fc.integer({ min: 1, max: d + 2 }))))),
      ([shape, chunks]) => {
        const grid = new ChunkGrid(shape, chunks, 1);
        const seen = new Array<number>(numel(shape)).fill(0);
        const counts = shape.map((d, i) => Math.ceil(d / chunks[i]));
        for (const c of shape.length ? gridPositions(counts) : [[]]) {
          grid.forEachExtentRun(c, (at, n) => {
            for (let k = at; k < at + n; k++) {
              const flat = arrayIndex(k, c, chunks, shape);
              assert.ok(flat >= 0, `element ${k} of chunk [${c.join(',')}] is padding`);
              seen[flat]++;
            }
          });
        }
        return seen.every((n) => n === 1);
      },
    ),
    { numRuns: 300 },
  );
});

const ZARR: Record<'F32' | 'BF16' | 'F16', string> = { F32: '<f4', BF16: 'bfloat16', F16: '<f2' };
/** A NaN of each dtype, little-endian: the padding of every edge chunk. */
const NAN: Record<'F32' | 'BF16' | 'F16', number[]> = { F32: [0, 0, 0xc0, 0x7f], BF16: [0xc0, 0x7f], F16: [0x00, 0x7e] };

test('property: check counts NaN/Inf chunk by chunk exactly as in the array read whole: not the edge chunks\' NaN padding, and an absent chunk as its fill value', () => {
  const dirs = tmpDir();
  let n = 0;
  fc.assert(
    fc.property(
      fc.constantFrom('F32' as const, 'BF16' as const, 'F16' as const),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }).chain((shape) => fc.tuple(fc.constant(shape), fc.tuple(...shape.map((d) => fc.integer({ min: 1, max: d + 1 }))))),
      fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      fc.constantFrom('NaN', 0),
      (dtype, [shape, chunks], seed, fill) => {
        const size = dtypeSize(dtype);
        // Values: mostly finite; a NaN or an infinity here and there, by seed.
        const values = new Uint8Array(numel(shape) * size);
        let x = seed || 1;
        for (let i = 0; i < values.length; i += size) {
          x = (x * 1103515245 + 12345) >>> 0;
          const special = x % 7 === 0;
          const top = special ? (dtype === 'F16' ? 0x7c : 0x7f) : 0x3f;
          values[i + size - 1] = top;
          values[i + size - 2] = special ? (dtype === 'F16' ? (x & 0x100 ? 0x01 : 0) : x & 0x100 ? 0xc0 : 0x80) : (x >>> 8) & 0x7f;
        }
        const dir = path.join(dirs, String(n++));
        const kv = new Map<string, Uint8Array>();
        kv.set('w/.zarray', Buffer.from(JSON.stringify({ chunks, compressor: null, dtype: ZARR[dtype], fill_value: fill, filters: null, order: 'C', shape, zarr_format: 2 })));
        const counts = shape.map((d, i) => Math.ceil(d / chunks[i]));
        let k = 0;
        for (const c of gridPositions(counts)) {
          // Every third chunk absent: it reads as the fill value.
          if ((seed + k++) % 3 === 0) continue;
          const chunk = new Uint8Array(numel(chunks) * size);
          for (let i = 0; i < chunk.length; i += size) chunk.set(NAN[dtype], i);
          new ChunkGrid(shape, chunks, size).forEachExtentRun(c, (at, len) => {
            for (let b = at; b < at + len; b += size) {
              const flat = arrayIndex(b / size, c, chunks, shape);
              chunk.set(values.subarray(flat * size, flat * size + size), b);
            }
          });
          kv.set(`w/${c.join('.')}`, chunk);
        }
        writeFiles(dir, kv);
        fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson(['w']));
        const index = openCheckpoint(dir);
        try {
          const ref = index.tensors.get('w')!;
          const whole = [...toFloat32(dtype, readAll(ref))].filter((v) => !Number.isFinite(v)).length;
          assert.equal(countNonfinite(ref), whole, `${dtype} [${shape.join(',')}] in [${chunks.join(',')}], fill ${fill}`);
          // Counted once per array: after check's integrity pass the count is kept.
          index.integrity!();
          assert.equal(countNonfinite(ref), whole);
        } finally {
          index.close();
        }
      },
    ),
    { numRuns: 150 },
  );
});
