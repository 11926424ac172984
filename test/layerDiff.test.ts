import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayerComparer } from '../src/verify/layerDiff.js';
import path from 'node:path';
import { writeSafetensors } from '../src/format/safetensors.js';
import { copyOf } from '../src/format/stream.js';
import { memoryRef } from '../src/format/types.js';
import { cli, fixture, tmpDir } from './helpers.js';

const trace = (...v: number[]) => ({ h: Float32Array.from(v) });

test('layer comparer pairs layers in any arrival order, keeps only failing layers, and drops the rest', () => {
  const pairs: number[] = [];
  const c = new LayerComparer(1e-6, 'failing', (layer) => pairs.push(layer));
  c.add(1, 0, trace(1, 2)); // form 1 runs ahead
  c.add(1, 1, trace(3, 4));
  c.add(0, 1, trace(3, 4.5));
  c.add(0, 0, trace(1, 2));
  assert.deepEqual(pairs, [1, 0]);
  assert.deepEqual(
    c.rows(2).map(({ seconds, ...row }) => (assert.ok(seconds >= 0), row)),
    [
      { layer: 0, maxAbsDiff: { h: 0 }, passed: true },
      { layer: 1, maxAbsDiff: { h: 0.5 }, passed: false },
    ],
  );
  assert.deepEqual([...c.kept.keys()], [1]);
  assert.deepEqual(c.kept.get(1)!.map((t) => [...t.h]), [[3, 4.5], [3, 4]]);
});

test('layer comparer in the default mode keeps only the layers where a divergence starts', () => {
  const c = new LayerComparer(1e-6, 'first');
  const diffs = [0, 1, 1, 0, 1, 1];
  diffs.forEach((d, i) => {
    c.add(0, i, trace(0));
    c.add(1, i, trace(d));
  });
  assert.deepEqual([...c.kept.keys()], [1, 4]);
});

test('layer comparer hands back the traces it no longer reads (both forms of a compared layer it does not keep), in form order', () => {
  const c = new LayerComparer(1e-6, 'first');
  const [a0, b0, a1, b1] = [trace(1), trace(1), trace(1), trace(2)];
  assert.deepEqual(c.add(1, 0, b0), [], 'waiting for the other form');
  const freed = c.add(0, 0, a0);
  assert.equal(freed.length, 2);
  assert.ok(freed[0] === a0 && freed[1] === b0, 'form 0 first, whichever arrived first');
  c.add(0, 1, a1);
  assert.deepEqual(c.add(1, 1, b1), [], 'a divergence starts at layer 1: kept for the detail tables, not handed back');
  assert.ok(c.kept.get(1)![0] === a1);
});

test('layer comparer refuses to report while a layer is missing from either form', () => {
  const c = new LayerComparer(1e-6, 'none');
  c.add(0, 0, trace(1));
  c.add(1, 0, trace(1));
  c.add(0, 1, trace(1));
  assert.throws(() => c.rows(2), /layer 1: the two forms did not both deliver its intermediates/);
});

test('a golden layer of another shape stops verify as that layer arrives, with exit 2', async () => {
  const golden = path.join(tmpDir(), 'golden.safetensors');
  await writeSafetensors(golden, [copyOf(memoryRef('layer_0.pre_attention_norm', 'F32', [1, 1, 1], new Uint8Array(4)))], {});
  const r = cli(['verify', fixture('block_tiny', 'pyloop.safetensors'), '--input', fixture('block_tiny', 'pyloop_io.safetensors'), '--expect', golden]);
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /^scanconv: error: .*golden\.safetensors: "layer_0\.pre_attention_norm" has shape \[1, 1, 1\] but the model gives \[\d+, \d+, \d+\]; was it made with this input\?\n$/);
  assert.equal(r.stdout, '');
});
