/**
 * ortProduct trusts the binding's error on the skip output to mean that y was written; each
 * session is first run on a product whose answer is known. A binding that threw before running
 * (y untouched) or wrote a wrong y is refused by name. Fake sessions: no onnxruntime needed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { probe, type NativeSession, type OrtTensor } from '../src/model/ort/runtime.js';
import { SKIP_OUTPUT_ERROR } from '../src/model/ort/onnx.js';

class FakeTensor implements OrtTensor {
  constructor(
    readonly type: string,
    readonly data: Float32Array,
    readonly dims: readonly number[],
  ) {}
}

/** A session whose run writes `write(x, w, b)` into y (or nothing), then throws as binding 1.30 does. */
function session(write?: (x: Float32Array, w: Float32Array, b?: Float32Array) => number): NativeSession {
  return {
    loadModel: () => undefined,
    run(feeds, fetches) {
      const y = fetches.y as FakeTensor;
      if (write) y.data[0] = write(feeds.x.data as Float32Array, feeds.w.data as Float32Array, feeds.b?.data as Float32Array | undefined);
      throw new Error(SKIP_OUTPUT_ERROR);
    },
  };
}

const dot = (x: Float32Array, w: Float32Array, b?: Float32Array) => x[0] * w[0] + x[1] * w[1] + (b ? b[0] : 0);

test('a session that writes y in place passes the probe, in both orientations, with and without a bias', () => {
  for (const orientation of ['in,out', 'out,in'] as const) for (const bias of [false, true]) probe(session(dot), FakeTensor, '1.30.0', orientation, bias);
});

test('a binding that throws before running (y untouched) is refused by name', () => {
  assert.throws(() => probe(session(), FakeTensor, '9.0.0', 'in,out', false), { message: "onnxruntime-node 9.0.0: a product's result was not written in place (NaN for 11); scanconv is tested with onnxruntime-node 1.30.0" });
});

test('a y without the bias is refused', () => {
  assert.throws(() => probe(session((x, w) => dot(x, w)), FakeTensor, '9.0.0', 'out,in', true), /\(11 for 11\.5\)/);
});

test('any other error of the run is passed on', () => {
  const failing: NativeSession = { loadModel: () => undefined, run: () => { throw new Error('out of memory'); } };
  assert.throws(() => probe(failing, FakeTensor, '1.30.0', 'in,out', false), { message: 'out of memory' });
});
