/**
 * Weights widened for compute (model/params.ts): bf16 and f16 become exactly the f32 values
 * format/floats.ts defines, bit for bit, on the wasm backend's fast path (reused buffers,
 * two bf16 values per u32) as on the plain one, for odd lengths and unaligned reads too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toFloat32 } from '../src/format/floats.js';
import { memoryRef } from '../src/format/types.js';
import { refToTensor } from '../src/model/params.js';
import { readTensor, tf } from '../src/model/tf.js';
import { initBackend } from '../src/verify/backendInit.js';
import { randomBytes } from './helpers.js';

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
