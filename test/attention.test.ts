import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { requireTfjs, tf } from '../src/model/tf.js';
import { simdAttentionLogits, simdAttentionValues } from '../src/model/wasm/attention.js';
import { i32, u32 } from '../src/model/wasm/encode.js';

requireTfjs('@tensorflow/tfjs-backend-wasm');

const headsFirst = (x: Tensor) => tf.transpose(x, [0, 2, 1, 3]) as Tensor4D;
const maxAbs = (a: Tensor, b: Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

test('LEB128 encodings match the spec examples', () => {
  assert.deepEqual(u32(624485), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(u32(0), [0]);
  assert.deepEqual(i32(-123456), [0xc0, 0xbb, 0x78]);
  assert.deepEqual(i32(63), [0x3f]);
  assert.deepEqual(i32(64), [0xc0, 0x00]);
  assert.deepEqual(i32(-64), [0x40]);
});

test('property: the SIMD attention kernels compute what tfjs batched matmuls compute, in (B,T,H,DH) layout', async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  fc.assert(
    fc.property(
      fc.record({ B: fc.integer({ min: 1, max: 3 }), T: fc.integer({ min: 1, max: 9 }), S: fc.integer({ min: 1, max: 60 }), H: fc.integer({ min: 1, max: 4 }), DH: fc.constantFrom(4, 8, 12, 32) }),
      fc.integer({ min: 0, max: 1e6 }),
      ({ B, T, S, H, DH }, seed) => {
        tf.tidy(() => {
          const q = tf.randomNormal([B, T, H, DH], 0, 1, 'float32', seed);
          const k = tf.randomNormal([B, S, H, DH], 0, 1, 'float32', seed + 1);
          const v = tf.randomNormal([B, S, H, DH], 0, 1, 'float32', seed + 2);
          const logits = tf.matMul(headsFirst(q), headsFirst(k), false, true);
          const got = simdAttentionLogits(q, k);
          assert.deepEqual(got.shape, [B, H, T, S]);
          // A dot product of DH terms summed in 4 lanes: float rounding only.
          assert.ok(maxAbs(got, logits) <= 1e-5 * Math.max(1, DH / 4), `logits ${maxAbs(got, logits)}`);
          const weights = tf.softmax(logits, -1);
          const values = tf.transpose(tf.matMul(weights as Tensor4D, headsFirst(v)), [0, 2, 1, 3]);
          const gotValues = simdAttentionValues(weights, v);
          assert.deepEqual(gotValues.shape, [B, T, H, DH]);
          assert.ok(maxAbs(gotValues, values) <= 1e-6, `values ${maxAbs(gotValues, values)}`);
        });
      },
    ),
    { numRuns: 150 },
  );
});

test('on tfjs-wasm the kernels work in place on its heap: no tensor is read out, also when the output grows the heap', async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  const backend = tf.backend() as unknown as { readSync(...a: unknown[]): unknown; wasm: { HEAPU8: Uint8Array } };
  const readSync = backend.readSync;
  let reads = 0;
  backend.readSync = (...a: unknown[]) => {
    reads++;
    return readSync.apply(backend, a);
  };
  try {
    const [B, T, S, H, DH] = [2, 3, 5, 2, 8];
    const q = tf.randomNormal([B, T, H, DH], 0, 1, 'float32', 7);
    const k = tf.randomNormal([B, S, H, DH], 0, 1, 'float32', 8);
    const before = backend.wasm.HEAPU8.byteLength;
    // Logits of 64 MB: more than the heap has free, so allocating them grows it.
    const wide = tf.randomNormal([1, 4096, 1, 4], 0, 1, 'float32', 9);
    const big = simdAttentionLogits(wide, wide);
    assert.ok(backend.wasm.HEAPU8.byteLength > before, 'the heap grew');
    const got = simdAttentionLogits(q, k);
    assert.equal(reads, 0, 'no tensor was read out of the heap');
    backend.readSync = readSync;
    const want = tf.matMul(headsFirst(q), headsFirst(k), false, true);
    assert.ok(maxAbs(got, want) <= 1e-5, `logits ${maxAbs(got, want)}`);
    const bigWant = tf.matMul(headsFirst(wide), headsFirst(wide), false, true);
    assert.ok(maxAbs(big, bigWant) <= 1e-5, `grown logits ${maxAbs(big, bigWant)}`);
    tf.dispose([q, k, wide, big, got, want, bigWant]);
  } finally {
    backend.readSync = readSync;
  }
});
