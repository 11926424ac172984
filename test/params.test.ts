/**
 * Weights widened for compute (model/params.ts): bf16 and f16 become exactly the f32 values
 * format/floats.ts defines, bit for bit, on the wasm backend's fast path (reused buffers,
 * two bf16 values per u32) as on the plain one, for odd lengths too; and (in,out) kernels read
 * transposed, by the SIMD kernel (wasm/weights.ts) or the blocked copy, are exact transposes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toFloat32 } from '../src/format/floats.js';
import { memoryRef, readAll } from '../src/format/types.js';
import { refToTensor, refToTransposedTensor, transposeInto } from '../src/model/params.js';
import { columnsRef, rowsRef } from '../src/model/slices.js';
import { simdWidenApplies, simdWidenBf16 } from '../src/model/wasm/weights.js';
import { ScanconvError } from '../src/errors.js';
import { linearWeight } from '../src/model/decoder.js';
import { readTensor, tf } from '../src/model/tf.js';
import { initBackend } from '../src/verify/backendInit.js';
import { randomBytes } from './helpers.js';
import type { Tensor } from '@tensorflow/tfjs-core';

const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);

for (const backend of ['wasm', 'cpu'] as const) {
  test(`bf16 and f16 weights widen bit for bit on ${backend}, at every length`, async () => {
    await initBackend(backend);
    assert.equal(tf.getBackend(), backend);
    for (const dtype of ['BF16', 'F16'] as const) {
      for (const n of [1, 2, 3, 7, 8, 1025, 4096]) {
        // Every bit pattern may appear, NaNs and infinities included.
        const bytes = randomBytes(2 * n, n);
        const ref = memoryRef('w', dtype, [n], bytes);
        const t = refToTensor(ref);
        const got = await readTensor(t);
        t.dispose();
        assert.deepEqual(bits(got), bits(toFloat32(dtype, bytes)), `${dtype} n=${n}`);
        // A larger one first, so the reused buffer holds stale values beyond n.
        const big = refToTensor(memoryRef('big', dtype, [n + 64], randomBytes(2 * n + 128, 7)));
        big.dispose();
        const again = refToTensor(ref);
        assert.deepEqual(bits(await readTensor(again)), bits(toFloat32(dtype, bytes)), `${dtype} n=${n}, after a larger one`);
        again.dispose();
      }
    }
  });
}

/** The scalar definition, out[c][r] = src[r][c], moving bits (a float copy may quiet a signaling NaN). */
function naiveTranspose(src: Float32Array, rows: number, cols: number): Float32Array {
  const from = bits(src);
  const out = new Uint32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = from[r * cols + c];
  return new Float32Array(out.buffer);
}

test('the blocked transpose is the transpose, across block edges', () => {
  for (const [rows, cols] of [[1, 1], [1, 7], [7, 1], [63, 65], [64, 64], [130, 3]]) {
    const src = new Float32Array(rows * cols).map((_, i) => i);
    const out = new Float32Array(rows * cols);
    transposeInto(src, rows, cols, out);
    assert.deepEqual(bits(out), bits(naiveTranspose(src, rows, cols)), `${rows} x ${cols}`);
  }
});

for (const backend of ['wasm', 'cpu'] as const) {
  test(`kernels read transposed on ${backend} are bit-exact transposes, SIMD sizes and others`, async () => {
    await initBackend(backend);
    // Multiples of 4 take the SIMD kernel on wasm (across its 8-column strips); the rest, and F16, the copy.
    for (const [rows, cols] of [[4, 4], [8, 12], [132, 200], [4, 36], [3, 5], [1, 8], [6, 4]]) {
      for (const dtype of ['F32', 'BF16', 'F16'] as const) {
        const size = dtype === 'F32' ? 4 : 2;
        const bytes = randomBytes(rows * cols * size, rows * 1000 + cols);
        const t = refToTransposedTensor(memoryRef('k', dtype, [rows, cols], bytes));
        assert.deepEqual(t.shape, [cols, rows]);
        const got = await readTensor(t);
        t.dispose();
        assert.deepEqual(bits(got), bits(naiveTranspose(toFloat32(dtype, bytes), rows, cols)), `${dtype} ${rows} x ${cols}`);
      }
    }
    assert.throws(() => refToTransposedTensor(memoryRef('k3', 'F32', [2, 2, 2], new Uint8Array(32))), /k3: expected a 2-D kernel, found shape \[2, 2, 2\]/);
  });
}

test('a column range of a 2-D ref reads as that sub-matrix, whole or in any byte slice', () => {
  const [rows, cols] = [5, 9];
  const bytes = randomBytes(rows * cols * 2, 3);
  const ref = memoryRef('head', 'BF16', [rows, cols], bytes);
  for (const [start, count] of [[0, 9], [0, 1], [8, 1], [2, 4], [3, 6]]) {
    const want = new Uint8Array(rows * count * 2);
    for (let r = 0; r < rows; r++) want.set(bytes.subarray((r * cols + start) * 2, (r * cols + start + count) * 2), r * count * 2);
    const sub = columnsRef(ref, start, count);
    assert.deepEqual(sub.shape, [rows, count]);
    assert.deepEqual(readAll(sub), want, `columns ${start}+${count}`);
    // Slices that start and end inside a row's run, across rows.
    for (const [at, len] of [[1, 2 * count + 3], [2 * count - 1, 2], [0, want.length]]) {
      if (at + len > want.length) continue;
      const part = new Uint8Array(len + 2);
      sub.readInto(part, 1, at, len);
      assert.deepEqual(part.subarray(1, 1 + len), want.subarray(at, at + len), `columns ${start}+${count}, bytes ${at}+${len}`);
    }
  }
  assert.throws(() => columnsRef(ref, 5, 5), /head: columns 5\.\.9 of shape \[5, 9\]/);
});

test('rows of a 2-D ref, listed (repeats allowed) or a range, read as those rows in any byte slice', () => {
  const [rows, cols] = [6, 5];
  const bytes = randomBytes(rows * cols * 2, 4);
  const ref = memoryRef('embed', 'BF16', [rows, cols], bytes);
  const row = (r: number) => bytes.subarray(r * cols * 2, (r + 1) * cols * 2);
  for (const pick of [[3], [0, 5, 5, 2], { start: 1, count: 4 }, { start: 5, count: 1 }]) {
    const ids = Array.isArray(pick) ? pick : Array.from({ length: pick.count }, (_, k) => pick.start + k);
    const want = new Uint8Array(ids.length * cols * 2);
    ids.forEach((r, k) => want.set(row(r), k * cols * 2));
    const sub = rowsRef(ref, pick);
    assert.deepEqual(sub.shape, [ids.length, cols]);
    assert.deepEqual(readAll(sub), want, JSON.stringify(pick));
    if (ids.length < 2) continue;
    const part = new Uint8Array(7);
    sub.readInto(part, 0, 2 * cols - 3, 7);
    assert.deepEqual(part, want.subarray(2 * cols - 3, 2 * cols + 4), `${JSON.stringify(pick)}: a slice across rows`);
  }
  assert.throws(() => rowsRef(ref, [1, 6]), /embed: row 6 is outside 0\.\.5/);
  assert.throws(() => rowsRef(ref, { start: 4, count: 3 }), /embed: row 6 is outside 0\.\.5/);
});

test('a weight too large for WebAssembly memory is a clear error, not an engine RangeError', () => {
  // 750M bf16 values need 1.5 GB plus 3 GB of f32: past wasm32's 4 GiB, refused before any allocation.
  assert.throws(() => simdWidenBf16(750_000_000, () => assert.fail('not read')), (e: unknown) => {
    assert.ok(e instanceof ScanconvError);
    assert.equal(e.code, 'OUT_OF_MEMORY');
    assert.match(e.message, /^a weight of 750000000 values \(4500000000 bytes with its f32 copy\) does not fit in this process's WebAssembly memory \(.+\)$/);
    return true;
  });
  assert.equal(simdWidenApplies(750_000_000), false);
});

test('Linear weights are read transposed only where it pays: (in,out) kernels on wasm, never on other backends; read only when a product needs them', async () => {
  const reads: string[] = [];
  const p = Object.assign(
    (path: readonly string[], read?: { transposed?: boolean }) => {
      reads.push(`${path.join('.')}${read?.transposed ? ' transposed' : ''}`);
      return tf.zeros([2, 3]);
    },
    { ref: (path: readonly string[]) => memoryRef(path.join('.'), 'F32', [2, 3], new Uint8Array(24)) },
  );
  for (const backend of ['wasm', 'cpu'] as const) {
    await initBackend(backend);
    reads.length = 0;
    const kernel = linearWeight(p, ['q', 'kernel'], 'in,out');
    const weight = linearWeight(p, ['q', 'weight'], 'out,in');
    assert.equal(kernel.outIn, backend === 'wasm');
    assert.equal(weight.outIn, true);
    assert.deepEqual(reads, []);
    // On wasm a decode step's product may multiply the stored bytes, in their own orientation.
    assert.deepEqual([kernel.stored?.orientation, weight.stored?.orientation], backend === 'wasm' ? ['in,out', 'out,in'] : [undefined, undefined]);
    const tensors = [kernel.read(), weight.read()];
    assert.deepEqual(reads, [backend === 'wasm' ? 'q.kernel transposed' : 'q.kernel', 'q.weight']);
    tf.dispose(tensors as Tensor[]);
  }
});
