/** Layer groups of different depths in one checkpoint (an encoder and a decoder), every direction. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkFile } from '../src/check.js';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { inspect } from '../src/inspect.js';
import { cli, dump, randomBytes, sortedDump, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';

/** encoder: 3 layers of {w [2,3] F32, b [3] BF16}; decoder: 2 layers of {w [4] F32}; identical layers when `shared`. */
function encoderDecoder(naming: (i: number) => string, shared = false): Record<string, TensorSpec> {
  const specs: Record<string, TensorSpec> = { 'model.embed': { dtype: 'F32', shape: [5, 2] } };
  const bytes = (n: number, seed: number, i: number) => randomBytes(n, shared ? seed : seed * 100 + i);
  for (let i = 0; i < 3; i++) {
    specs[`model.encoder.${naming(i)}.w`] = { dtype: 'F32', shape: [2, 3], bytes: bytes(24, 1, i) };
    specs[`model.encoder.${naming(i)}.b`] = { dtype: 'BF16', shape: [3], bytes: bytes(6, 2, i) };
  }
  for (let i = 0; i < 2; i++) specs[`model.decoder.${naming(i)}.w`] = { dtype: 'F32', shape: [4], bytes: bytes(16, 3, i) };
  return specs;
}

const DEPTHS = '{"model.decoder":2,"model.encoder":3}';

test('3-deep and 2-deep groups: pyloop -> scan -> pyloop and scan -> pyloop -> scan are bit-exact; every depth is recorded', async () => {
  const dir = tmpDir();
  try {
    for (const axis of [0, 1]) {
      const src = path.join(dir, `pyloop${axis}.safetensors`);
      await writeSynthetic(src, encoderDecoder((i) => `layer_${i}`));
      const scan = path.join(dir, `scan${axis}.safetensors`);
      const r = await convert(src, scan, { axis });
      assert.deepEqual([r.layers, { ...r.depths }], [5, { 'model.encoder': 3, 'model.decoder': 2 }]);
      const d = dump(scan);
      assert.deepEqual(d.get('model.encoder.blocks.w')!.shape, axis ? [2, 3, 3] : [3, 2, 3]);
      assert.deepEqual(d.get('model.decoder.blocks.w')!.shape, axis ? [4, 2] : [2, 4]);
      assert.equal(openCheckpoint(scan).metadata['scanconv.layers'], DEPTHS);
      const back = path.join(dir, `back${axis}.safetensors`);
      assert.deepEqual({ ...(await convert(scan, back)).depths }, { 'model.encoder': 3, 'model.decoder': 2 });
      assert.deepEqual(sortedDump(back), sortedDump(src));
      assert.equal(openCheckpoint(back).metadata['scanconv.layers'], DEPTHS);
      // And from the pyloop output to scan again: the same stacked file.
      const again = path.join(dir, `again${axis}.safetensors`);
      await convert(back, again, { axis });
      assert.deepEqual(sortedDump(again), sortedDump(scan));
    }
    // A scan checkpoint with no provenance at all (msgpack): the depths come from each stack.
    const scanMsgpack = path.join(dir, 'scan.msgpack');
    await convert(path.join(dir, 'scan0.safetensors'), scanMsgpack, { to: 'scan' });
    const fromMsgpack = path.join(dir, 'fromMsgpack.safetensors');
    await convert(scanMsgpack, fromMsgpack);
    assert.deepEqual(sortedDump(fromMsgpack), sortedDump(path.join(dir, 'pyloop0.safetensors')));
    // Hugging Face naming: model.encoder.layers.N / model.decoder.layers.N, found without flags.
    const hf = path.join(dir, 'hf.safetensors');
    await writeSynthetic(hf, encoderDecoder((i) => `layers.${i}`));
    const hfScan = path.join(dir, 'hf_scan.msgpack');
    assert.deepEqual({ ...(await convert(hf, hfScan)).depths }, { 'model.encoder.layers': 3, 'model.decoder.layers': 2 });
    const hfBack = path.join(dir, 'hf_back.safetensors');
    await convert(hfScan, hfBack);
    assert.deepEqual(sortedDump(hfBack), sortedDump(hf));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('3-deep and 2-deep groups through the shared layout: each group is replicated to its own depth', async () => {
  const dir = tmpDir();
  try {
    const src = path.join(dir, 'pyloop.safetensors');
    await writeSynthetic(src, encoderDecoder((i) => `layer_${i}`, true));
    const shared = path.join(dir, 'shared.safetensors');
    await convert(src, shared, { to: 'shared' });
    assert.equal(openCheckpoint(shared).metadata['scanconv.layers'], DEPTHS);
    assert.deepEqual(dump(shared).get('model.encoder.blocks.w')!.shape, [2, 3]);
    const back = path.join(dir, 'back.safetensors');
    await convert(shared, back, { to: 'pyloop' });
    assert.deepEqual(sortedDump(back), sortedDump(src));
    const scan = path.join(dir, 'scan.safetensors');
    await convert(shared, scan, { to: 'scan' });
    assert.deepEqual(dump(scan).get('model.decoder.blocks.w')!.shape, [2, 4]);
    const scanFromPyloop = path.join(dir, 'scan2.safetensors');
    await convert(src, scanFromPyloop);
    assert.deepEqual(sortedDump(scan), sortedDump(scanFromPyloop));
    const sharedAgain = path.join(dir, 'shared2.safetensors');
    await convert(scan, sharedAgain, { to: 'shared' });
    assert.deepEqual(sortedDump(sharedAgain), sortedDump(shared));
    // Old single-number metadata still reads: one count for every group.
    const oldStyle = path.join(dir, 'old.safetensors');
    await writeSynthetic(oldStyle, Object.fromEntries([...dump(shared)].map(([k, t]) => [k, { dtype: t.dtype as TensorSpec['dtype'], shape: t.shape, bytes: Buffer.from(t.hex, 'hex') }])), {
      'scanconv.layout': 'shared',
      'scanconv.layers': '4',
    });
    const oldBack = path.join(dir, 'oldBack.safetensors');
    assert.deepEqual({ ...(await convert(oldStyle, oldBack, { to: 'pyloop' })).depths }, { 'model.encoder': 4, 'model.decoder': 4 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('check and inspect see every group; a group that disagrees with the recorded depths fails', async () => {
  const dir = tmpDir();
  try {
    const src = path.join(dir, 'pyloop.safetensors');
    await writeSynthetic(src, encoderDecoder((i) => `layer_${i}`));
    const scan = path.join(dir, 'scan.safetensors');
    await convert(src, scan);
    assert.equal(checkFile(scan).message, `${scan}: safetensors, scan, 2+3 layers, 4 tensors`);
    assert.deepEqual(
      inspect(scan).groups.map((g) => [g.where, g.layers]),
      [['model.decoder.blocks', 2], ['model.encoder.blocks', 3]],
    );
    const shown = cli(['inspect', scan]).stdout;
    assert.match(shown, /layout: +scan, 2\+3 layers, layer axis 0\n/);
    assert.match(shown, /group: +model\.encoder\.blocks \(3 layers stacked, 2 tensors per layer\)/);
    // The decoder's last layer lost (a truncated pyloop): the recorded depths say so.
    const pyloop = path.join(dir, 'back.safetensors');
    await convert(scan, pyloop);
    const truncated = path.join(dir, 'truncated.safetensors');
    const specs = Object.fromEntries([...dump(pyloop)].filter(([k]) => !k.startsWith('model.decoder.layer_1.')).map(([k, t]) => [k, { dtype: t.dtype as TensorSpec['dtype'], shape: t.shape, bytes: Buffer.from(t.hex, 'hex') }]));
    await writeSynthetic(truncated, specs, openCheckpoint(pyloop).metadata);
    const r = cli(['check', truncated]);
    assert.equal(r.status, 1);
    assert.equal(
      r.stdout.trim().split('\n').length + r.stderr.trim().split('\n').filter(Boolean).length,
      1,
    );
    assert.match(r.stdout + r.stderr, /the group under model\.decoder has 1 layers, but the metadata records 2 \(scanconv\.layers = \{"model\.decoder":2,"model\.encoder":3\}\); the file is not what scanconv wrote \(truncated or edited\?\)/);
    const c = cli(['convert', truncated, '-o', path.join(dir, 'o.safetensors')]);
    assert.equal(c.status, 2);
    assert.equal(fs.existsSync(path.join(dir, 'o.safetensors')), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
