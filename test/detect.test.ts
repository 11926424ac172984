/** Layer groups of Hugging Face-style trees found without flags, in every direction and format. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkFile } from '../src/check.js';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { inspect } from '../src/inspect.js';
import { modelTree } from '../src/model/tree.js';
import { cli, dump, fixture, sortedDump, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';

const FAMILIES = { llama: 'model.layers', gemma: 'model.layers', qwen2: 'model.layers', gpt2: 'transformer.h' } as const;
const FILES = ['hf_pt.safetensors', 'flax_pyloop.safetensors', 'flax_model.msgpack'];

/** Specs that rewrite a checkpoint's tensors (same dtype, shape and bytes) under new names. */
function renamed(file: string, rename: (name: string) => string): Record<string, TensorSpec> {
  const specs: Record<string, TensorSpec> = {};
  for (const [name, t] of dump(file)) specs[rename(name)] = { dtype: t.dtype as TensorSpec['dtype'], shape: t.shape, bytes: Buffer.from(t.hex, 'hex') };
  return specs;
}

for (const [family, container] of Object.entries(FAMILIES)) {
  test(`${family}: every fixture converts to scan and back without flags, bit for bit (${container}.N <-> ${container}.blocks)`, async () => {
    const dir = tmpDir();
    try {
      for (const file of FILES) {
        const src = fixture('arch', family, file);
        const ext = path.extname(file);
        const scan = path.join(dir, `${file}.scan${ext}`);
        const back = path.join(dir, `${file}.back${ext}`);
        const r = await convert(src, scan);
        assert.deepEqual([r.from, r.to, r.layers, { ...r.depths }], ['pyloop', 'scan', 3, { [container]: 3 }], file);
        const stacked = [...dump(scan)].filter(([k]) => k.startsWith(`${container}.blocks.`));
        assert.ok(stacked.length >= 9, `${file}: ${stacked.length} stacked tensors`);
        for (const [k, t] of stacked) assert.equal(t.shape[0], 3, k);
        assert.equal([...dump(scan).keys()].some((k) => k.startsWith(`${container}.0.`)), false);
        // Back without flags: from the provenance (safetensors) or the tree alone (msgpack keeps none).
        await convert(scan, back);
        assert.deepEqual(sortedDump(back), sortedDump(src), file);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('inspect shows the Hugging Face layer group and its stacked form; check passes both', async () => {
  const dir = tmpDir();
  try {
    const src = fixture('arch', 'llama', 'hf_pt.safetensors');
    const report = inspect(src);
    assert.equal(report.layout, 'pyloop');
    assert.deepEqual(report.groups, [{ where: 'model.layers.{0..2}', kind: 'layers', layers: 3, tensorsPerLayer: 9 }]);
    const scan = path.join(dir, 'scan.safetensors');
    await convert(src, scan);
    assert.deepEqual(inspect(scan).groups, [{ where: 'model.layers.blocks', kind: 'stack', layers: 3, tensorsPerLayer: 9 }]);
    assert.equal(checkFile(src).message, `${src}: safetensors, pyloop, 3 layers, 30 tensors`);
    assert.equal(checkFile(scan).message, `${scan}: safetensors, scan, 3 layers, 12 tensors`);
    const gpt2 = fixture('arch', 'gpt2', 'flax_model.msgpack');
    assert.deepEqual(inspect(gpt2).groups, [{ where: 'transformer.h.{0..2}', kind: 'layers', layers: 3, tensorsPerLayer: 12 }]);
    assert.equal(checkFile(gpt2).code, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI converts a Hugging Face checkpoint without flags; --layers still overrides the detection', () => {
  const dir = tmpDir();
  try {
    const src = fixture('arch', 'qwen2', 'hf_pt.safetensors');
    const scan = path.join(dir, 'scan.safetensors');
    let r = cli(['convert', src, '-o', scan]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /pyloop -> scan: 3 layers, 15 tensors/);
    r = cli(['check', scan]);
    assert.equal(r.status, 0, r.stderr);
    // An explicit pattern replaces the default rules: here it finds nothing.
    r = cli(['convert', src, '-o', path.join(dir, 'x.safetensors'), '--layers', '^layer_(\\d+)$']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `scanconv: error: ${src}: found no layer children (^layer_(\\d+)$) and no "blocks" node; name them with --layers REGEX or --stack NAME\n`);
    // ... and here it names another stack, recorded so the way back needs no flags.
    const other = path.join(dir, 'other.safetensors');
    r = cli(['convert', src, '-o', other, '--layers', '^(\\d+)$', '--stack', 'stacked']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(dump(other).has('model.layers.stacked.self_attn.q_proj.weight'));
    const back = path.join(dir, 'back.safetensors');
    assert.equal(cli(['convert', other, '-o', back]).status, 0);
    assert.deepEqual(sortedDump(back), sortedDump(src));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('GPT-2 trees without the transformer. prefix (h.N) are found and round trip', async () => {
  const dir = tmpDir();
  try {
    const src = path.join(dir, 'gpt2.safetensors');
    await writeSynthetic(src, renamed(fixture('arch', 'gpt2', 'hf_pt.safetensors'), (n) => n.replace(/^transformer\./, '')));
    const scan = path.join(dir, 'scan.msgpack');
    const r = await convert(src, scan);
    assert.deepEqual({ ...r.depths }, { h: 3 });
    assert.ok(dump(scan).has('h.blocks.attn.c_attn.weight'));
    const back = path.join(dir, 'back.safetensors');
    await convert(scan, back); // msgpack keeps no provenance: the tree alone says h.N
    assert.deepEqual(sortedDump(back), sortedDump(src));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('layer_N children under a layers node keep their names through scan (the pattern is recorded)', async () => {
  const dir = tmpDir();
  try {
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, { 'model.layers.layer_0.w': { dtype: 'F32', shape: [2] }, 'model.layers.layer_1.w': { dtype: 'F32', shape: [2] } });
    const scan = path.join(dir, 'scan.safetensors');
    await convert(src, scan);
    assert.equal(openCheckpoint(scan).metadata['scanconv.layer_pattern'], '^layer_(\\d+)$');
    const back = path.join(dir, 'back.safetensors');
    await convert(scan, back);
    assert.deepEqual(sortedDump(back), sortedDump(src));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('numeric children that are not one repeated block: convert exits 2 suggesting --layers, check still passes', async () => {
  const dir = tmpDir();
  try {
    // DeepSeek-like: the first layer is dense, the next one has experts.
    const src = path.join(dir, 'moe.safetensors');
    await writeSynthetic(src, { 'model.layers.0.mlp.w': { dtype: 'F32', shape: [2] }, 'model.layers.1.mlp.experts.w': { dtype: 'F32', shape: [2] } });
    const r = cli(['convert', src, '-o', path.join(dir, 'o.safetensors')]);
    assert.equal(r.status, 2);
    assert.equal(
      r.stderr,
      'scanconv: error: model.layers.1.mlp.experts.w: not present in model.layers.0; every layer must have the same tensors (the numeric children of model.layers were taken as layers without --layers; if they are not one repeated block, name the layer children with --layers REGEX)\n',
    );
    assert.deepEqual(fs.readdirSync(dir), ['moe.safetensors']);
    const c = checkFile(src);
    assert.equal(c.code, 0);
    assert.equal(c.message, `${src}: safetensors, no layer groups (numeric children that are not one repeated block; --layers to check them as layers), 2 tensors`);
    // Told they are layers, check fails them as today.
    assert.equal(checkFile(src, { layerPattern: '^(\\d+)$' }).code, 1);
    // Numeric children of a node that is no layer container are not layers.
    const plain = path.join(dir, 'plain.safetensors');
    await writeSynthetic(plain, { 'model.experts.0.w': { dtype: 'F32', shape: [2] }, 'model.experts.1.w': { dtype: 'F32', shape: [2] } });
    assert.equal(checkFile(plain).message, `${plain}: safetensors, no layer groups, 2 tensors`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the model commands (verify, generate, profile) see the same group in both forms through modelTree', () => {
  for (const [family, container] of Object.entries(FAMILIES)) {
    const index = openCheckpoint(fixture('arch', family, 'flax_model.msgpack'));
    try {
      const pyloop = modelTree(index, 'pyloop');
      const scan = modelTree(index, 'scan'); // converted in memory: model.layers.blocks.*, sliced per layer
      assert.equal(pyloop.layers, 3);
      assert.equal(scan.layers, 3);
      assert.deepEqual([...scan.layerLeaves], [...pyloop.layerLeaves]);
      const leaf = [...pyloop.layerLeaves.keys()][0].split('.');
      for (let i = 0; i < 3; i++) {
        assert.equal(pyloop.layerRef(i, leaf).name, [container, i, ...leaf].join('.'));
        assert.deepEqual(readAll(scan.layerRef(i, leaf)), readAll(pyloop.layerRef(i, leaf)));
      }
    } finally {
      index.close();
    }
  }
});

test('verify, generate and profile find the Hugging Face layer group without --layers', () => {
  let r = cli(['verify', fixture('arch', 'llama', 'hf_pt.safetensors'), '--detail', 'none']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^scanconv verify: llama model, 3 layers/);
  r = cli(['generate', fixture('arch', 'gpt2', 'flax_model.msgpack'), '--prompt', '1,2,3', '--max-new-tokens', '2']);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['profile', fixture('arch', 'gemma', 'hf_pt.safetensors'), '--runs', '1', '--batch', '1', '--seq', '4']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /gemma model, 3 layers/);
});
