import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { copyOf, type OutputTensor } from '../src/format/stream.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { verify } from '../src/verify/verify.js';
import { cli, dump, fixture, listDir, sortedDump, tmpDir } from './helpers.js';

/** A pyloop block checkpoint whose L layers are all block_tiny's layer_0 (weight tying). */
async function tiedPyloop(file: string, L: number, changeLayer?: number): Promise<void> {
  const src = openCheckpoint(fixture('block_tiny', 'pyloop.safetensors'));
  const outs: OutputTensor[] = [];
  for (const ref of src.tensors.values()) {
    if (!ref.name.startsWith('params.layer_0.')) continue;
    for (let i = 0; i < L; i++) {
      const name = ref.name.replace('layer_0.', `layer_${i}.`);
      // Layer `changeLayer` takes layer_1's Dense_0.kernel instead: one tensor differs.
      const from = i === changeLayer && ref.name.endsWith('Dense_0.kernel') ? src.tensors.get('params.layer_1.Dense_0.kernel')! : ref;
      outs.push(copyOf(from, name));
    }
  }
  await writeSafetensors(file, outs, { format: 'flax' });
  src.close();
}

test('identical layers convert to shared and back bit-exactly; shared -> scan replicates', async () => {
  const dir = tmpDir();
  const py = path.join(dir, 'py.safetensors');
  await tiedPyloop(py, 5);
  const shared = path.join(dir, 'shared.safetensors');
  const r = await convert(py, shared, { to: 'shared' });
  assert.deepEqual([r.from, r.to, r.layers, r.tensors], ['pyloop', 'shared', 5, 12]);
  const idx = openCheckpoint(shared);
  assert.equal(idx.metadata['scanconv.layout'], 'shared');
  assert.equal(idx.metadata['scanconv.layers'], '5');
  assert.deepEqual(idx.tensors.get('params.blocks.Dense_0.kernel')!.shape, [32, 32]); // no layer axis
  idx.close();
  const back = path.join(dir, 'back.safetensors');
  await convert(shared, back, { to: 'pyloop' });
  assert.deepEqual(sortedDump(back), sortedDump(py));
  const scan = path.join(dir, 'scan.safetensors');
  await convert(shared, scan, { to: 'scan' });
  const scanFromPy = path.join(dir, 'scan2.safetensors');
  await convert(py, scanFromPy);
  assert.deepEqual(sortedDump(scan), sortedDump(scanFromPy));
  // scan -> shared works too (all slices identical), and equals pyloop -> shared.
  const shared2 = path.join(dir, 'shared2.safetensors');
  await convert(scan, shared2, { to: 'shared' });
  assert.deepEqual(sortedDump(shared2), sortedDump(shared));
});

test('inspect reports the shared layout and L', () => {
  const dir = tmpDir();
  const py = path.join(dir, 'py.safetensors');
  return tiedPyloop(py, 3).then(async () => {
    const shared = path.join(dir, 'shared.safetensors');
    await convert(py, shared, { to: 'shared' });
    const r = cli(['inspect', shared, '--json']);
    const j = JSON.parse(r.stdout) as { layout: string; layers: number };
    assert.deepEqual([j.layout, j.layers], ['shared', 3]);
  });
});

test('verify runs the shared form against pyloop and scan, one file or two', async () => {
  const dir = tmpDir();
  const py = path.join(dir, 'py.safetensors');
  await tiedPyloop(py, 4);
  const shared = path.join(dir, 'shared.safetensors');
  await convert(py, shared, { to: 'shared' });
  const io = fixture('block_tiny', 'pyloop_io.safetensors');
  const one = await verify(shared, { input: io });
  assert.equal(one.report.passed, true);
  assert.deepEqual(one.report.forms.map((f) => f.name), ['shared', 'pyloop']);
  assert.equal(one.report.perLayer.length, 4);
  const againstScan = await verify(shared, { input: io, against: 'scan' });
  assert.deepEqual(againstScan.report.forms.map((f) => f.name), ['shared', 'scan']);
  assert.equal(againstScan.report.final.maxAbsDiff, 0);
  const two = await verify(py, { other: shared, input: io });
  assert.equal(two.report.passed, true);
  assert.equal(two.report.params.checked, 48);
  // Layer 0 of the tied model equals layer 0 of block_tiny: same intermediates as Flax there.
  const cmd = cli(['verify', shared, '--input', io, '--report', path.join(dir, 'r.json')]);
  assert.equal(cmd.status, 0, cmd.stderr);
});

test('a model with one changed layer is refused for --to shared, naming layer and tensor', async () => {
  const dir = tmpDir();
  const py = path.join(dir, 'py.safetensors');
  await tiedPyloop(py, 4, 2);
  const r = cli(['convert', py, '-o', path.join(dir, 'shared.safetensors'), '--to', 'shared']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: params.layer_2.Dense_0.kernel: differs from params.layer_0.Dense_0.kernel (first at byte 0); --to shared needs bit-identical layers\n');
  assert.deepEqual(listDir(dir), ['py.safetensors']);
});

test('a shared file without metadata needs --num-layers', async () => {
  const dir = tmpDir();
  const py = path.join(dir, 'py.safetensors');
  await tiedPyloop(py, 3);
  const shared = path.join(dir, 'shared.safetensors');
  await convert(py, shared, { to: 'shared' });
  // Strip scanconv's metadata, as a checkpoint saved by Flax itself would be.
  const bare = path.join(dir, 'bare.safetensors');
  const idx = openCheckpoint(shared);
  await writeSafetensors(bare, [...idx.tensors.values()].map((r) => copyOf(r)), { format: 'flax' });
  idx.close();
  const out = path.join(dir, 'out.safetensors');
  let r = cli(['convert', bare, '-o', out, '--from', 'shared', '--to', 'pyloop']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: ${bare}: a shared checkpoint applies one set of weights L times, and L is not in its metadata (scanconv.layers); pass --num-layers L\n`);
  assert.equal(fs.existsSync(out), false);
  r = cli(['convert', bare, '-o', out, '--from', 'shared', '--to', 'pyloop', '--num-layers', '3']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(sortedDump(out), sortedDump(py));
  // Metadata that says shared but lacks the count is refused the same way.
  const noCount = path.join(dir, 'nocount.safetensors');
  const idx2 = openCheckpoint(shared);
  await writeSafetensors(noCount, [...idx2.tensors.values()].map((t) => copyOf(t)), { 'scanconv.layout': 'shared' });
  idx2.close();
  r = cli(['convert', noCount, '-o', path.join(dir, 'o2.safetensors'), '--to', 'scan']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /pass --num-layers L/);
  assert.equal(dump(shared).size, 12);
});
