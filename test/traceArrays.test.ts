/**
 * A form's trace arrays are reused (src/verify/traceArrays.ts): the main thread hands back the
 * arrays it has compared, and the worker copies later layers into them instead of allocating.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runForm, type LayerTrace } from '../src/verify/forms.js';
import { randomInput } from '../src/verify/inputs.js';
import { openModel } from '../src/verify/session.js';
import { TraceArrays } from '../src/verify/traceArrays.js';
import { fixture } from './helpers.js';

test('trace arrays: a handed-back buffer of the size asked for is reused, others are not', () => {
  const arrays = new TraceArrays();
  const back = new ArrayBuffer(16);
  arrays.give([back, new ArrayBuffer(8)]);
  assert.ok(arrays.take(3).buffer !== back, '12 bytes: no buffer of that size');
  const a = arrays.take(4);
  assert.ok(a.buffer === back);
  assert.equal(a.length, 4);
  assert.ok(arrays.take(4).buffer !== back, 'each buffer handed out once');
});

test('a form on wasm copies each layer\'s intermediates into handed-back buffers, with the values of a fresh read', async () => {
  const session = await openModel(fixture('block_tiny', 'pyloop.safetensors'), { backend: 'wasm' });
  try {
    const req = session.request('pyloop', randomInput(session.spec, 1, 4, 3), { kind: 'trace' });
    const fresh: LayerTrace[] = [];
    await runForm(req, undefined, (_, t) => fresh.push(t));
    const size = Object.values(fresh[0])[0].byteLength;
    const arrays = new TraceArrays();
    const handedBack = Array.from({ length: 3 }, () => new Float32Array(size / 4).fill(Number.NaN).buffer);
    arrays.give(handedBack);
    const reused: LayerTrace[] = [];
    await runForm(req, undefined, (_, t) => reused.push(t), arrays);
    const buffers = reused.flatMap((t) => Object.values(t).map((a) => a.buffer));
    assert.deepEqual(handedBack.map((b) => buffers.indexOf(b)).sort(), [0, 1, 2], 'layer 0\'s first three intermediates');
    assert.equal(reused.length, fresh.length);
    reused.forEach((t, i) => assert.deepEqual(t, fresh[i], `layer ${i}`));
  } finally {
    session.close();
  }
});
