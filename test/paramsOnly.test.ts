/**
 * verify A B --params-only for any two layouts, with per-tensor differences; convert
 * --no-provenance round trips byte for byte (cmp).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli, fixture, tmpDir, writeSynthetic } from './helpers.js';
import { verifyParamsOnly } from '../src/verify/paramsOnly.js';
import { tensorDiff } from '../src/verify/tensorDiff.js';
import { memoryRef } from '../src/format/types.js';
import { f32ToBf16Bits } from '../src/format/floats.js';

const BLOCK = fixture('block_tiny', 'pyloop.safetensors');
const LLAMA = fixture('arch', 'llama', 'hf_pt.safetensors');

test('--no-provenance: A -> B -> A gives A back byte for byte (cmp), for a reference-written safetensors file', () => {
  const dir = tmpDir();
  for (const [i, a] of [BLOCK, LLAMA].entries()) {
    const b = path.join(dir, `b${i}.safetensors`);
    const back = path.join(dir, `a${i}.safetensors`);
    assert.equal(cli(['convert', a, '-o', b, '--no-provenance']).status, 0);
    assert.ok(!fs.readFileSync(b).subarray(0, 20000).toString('latin1').includes('scanconv.'));
    assert.equal(cli(['convert', b, '-o', back, '--no-provenance']).status, 0);
    assert.ok(fs.readFileSync(a).equals(fs.readFileSync(back)), `${a}: the round trip differs`);
  }
});

test('--params-only compares two checkpoints of the same layout (a round trip with provenance) and of any two layouts', () => {
  const dir = tmpDir();
  const scan = path.join(dir, 'scan.safetensors');
  const back = path.join(dir, 'back.safetensors');
  assert.equal(cli(['convert', LLAMA, '-o', scan]).status, 0);
  assert.equal(cli(['convert', scan, '-o', back]).status, 0);
  assert.ok(!fs.readFileSync(LLAMA).equals(fs.readFileSync(back)), 'provenance makes the bytes differ');
  let r = cli(['verify', LLAMA, back, '--params-only']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^scanconv verify --params-only: pyloop .* vs pyloop .*, 3 layers \(no model run; tensors only, metadata not compared\)\nparams: 30 tensors checked .* all bit-identical/);
  const scan2 = path.join(dir, 'scan2.safetensors');
  assert.equal(cli(['convert', back, '-o', scan2]).status, 0);
  r = cli(['verify', scan, scan2, '--params-only']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(cli(['verify', scan, LLAMA, '--params-only']).status, 0);
  // A directory and a msgpack file of the same tensors in another naming are another model.
  r = cli(['verify', LLAMA, fixture('arch', 'llama', 'flax_model.msgpack'), '--params-only']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /are not the same model/);
});

function f32(values: number[]): Uint8Array {
  return new Uint8Array(new Float32Array(values).buffer);
}

test('tensorDiff: a small edit, a bf16 rounding and a swap read apart', () => {
  const base = [1, 2.000123, -3.5, 1e-3, 7];
  const a = memoryRef('w', 'F32', [5], f32(base));
  const edit = tensorDiff(a, memoryRef('w', 'F32', [5], f32([1, 2.000123, -3.5, 2e-3, 7])));
  assert.deepEqual({ ...edit, maxAbsDiff: Number(edit.maxAbsDiff!.toPrecision(3)) }, { dtypes: ['F32', 'F32'], elements: 5, differing: 1, firstIndex: 3, maxAbsDiff: 1e-3, roundingExplains: false });
  const bf = new Uint8Array(10);
  const dv = new DataView(bf.buffer);
  base.forEach((v, i) => dv.setUint16(i * 2, f32ToBf16Bits(v), true));
  const rounded = tensorDiff(a, memoryRef('w', 'BF16', [5], bf));
  assert.equal(rounded.roundingExplains, true);
  assert.equal(rounded.differing, 2); // 2.000123 and 1e-3: the values bf16 cannot hold
  dv.setUint16(0, f32ToBf16Bits(1.5), true);
  assert.equal(tensorDiff(a, memoryRef('w', 'BF16', [5], bf)).roundingExplains, false);
  const swapped = tensorDiff(a, memoryRef('w', 'F32', [5], f32([...base].reverse())));
  assert.equal(swapped.differing, 4);
  assert.equal(swapped.firstIndex, 0);
  assert.equal(swapped.maxAbsDiff, 6);
});

test('--params-only names each differing tensor: max |diff|, count, first index, and whether a rounding explains it', async () => {
  const dir = tmpDir();
  const layer = (i: number, w: number[]) => ({ [`params.layer_${i}.w`]: { dtype: 'F32' as const, shape: [4], bytes: f32(w) } });
  const a = path.join(dir, 'a.safetensors');
  const b = path.join(dir, 'b.safetensors');
  await writeSynthetic(a, { ...layer(0, [1, 2, 3, 4]), ...layer(1, [5, 6, 7, 8]), 'params.head': { dtype: 'F32', shape: [2], bytes: f32([0.1, 0.2]) } });
  await writeSynthetic(b, { ...layer(0, [1, 2, 3.001, 4]), ...layer(1, [5, 6, 7, 8]), 'params.head': { dtype: 'F32', shape: [2], bytes: f32([0.1, 0.2]) } }, { 'scanconv.version': 'other' });
  const report = await verifyParamsOnly(a, b);
  assert.equal(report.passed, false);
  assert.equal(report.params.mismatches.length, 1);
  const m = report.params.mismatches[0];
  assert.equal(m.layer, 0);
  assert.equal(m.diff?.differing, 1);
  assert.equal(m.diff?.firstIndex, 2);
  const r = cli(['verify', a, b, '--params-only']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /\nhow each differing tensor differs:\n {2}layer 0 params\.blocks\.w \(F32\): max \|diff\| 1\.00e-3, 1 of 4 values differ, first at index 2\n/);
  // No layer groups at all: compared by name.
  const c = path.join(dir, 'c.safetensors');
  const d = path.join(dir, 'd.safetensors');
  await writeSynthetic(c, { x: { dtype: 'F32', shape: [2], bytes: f32([1, 2]) } });
  await writeSynthetic(d, { x: { dtype: 'F32', shape: [2], bytes: f32([1, 2.5]) } });
  const flat = await verifyParamsOnly(c, d);
  assert.deepEqual(flat.forms.map((f) => f.name), ['none', 'none']);
  assert.equal(flat.params.mismatches[0].diff?.maxAbsDiff, 0.5);
});
