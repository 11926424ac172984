/**
 * MaxText's blocks of layers (Gemma 3, Llama 4): `decoder.layers.layers_J` stacked over L/K on
 * axis 1, slice s being layer s*K+J, and Gemma 3's `layers_remainder.layers_R`, unscanned to
 * `decoder.layers_N` and scanned back bit for bit, with and without --preset maxtext; every
 * refusal with its exact message.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { convert } from '../src/convert.js';
import { inspect } from '../src/inspect.js';
import { checkFile } from '../src/check.js';
import { modelTree } from '../src/model/tree.js';
import { renderInspect } from '../src/cli/inspect.js';
import { layoutOptionsFrom } from '../src/cli/options.js';
import { analyzeLayout } from '../src/layout/analyze.js';
import { convertedIndex, planConversion } from '../src/layout/plan.js';
import { openCheckpoint } from '../src/format/open.js';
import { dump, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';
import { maxtextAlternating, maxtextBlocks, maxtextScanned, maxtextUnscanned, specsIndex, type MaxTextDims } from './maxtextTrees.js';
import { verifyParamsOnly } from '../src/verify/paramsOnly.js';

const DENSE: MaxTextDims = { E: 8, L: 8, H: 2, D: 4, KV: 1, M: 12, V: 10 };
const MOE: MaxTextDims = { ...DENSE, L: 6, X: 4 };
const memoryIndex = specsIndex;

const asDump = (specs: Record<string, TensorSpec>) =>
  new Map(Object.entries(specs).map(([name, s]) => [name, { dtype: s.dtype as string, shape: [...s.shape], hex: Buffer.from(s.bytes!).toString('hex') }]));
const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
const tensorsOf = (file: string) => sorted(new Map([...dump(file)].filter(([k]) => !k.startsWith('__'))));
const metadataOf = (file: string) => {
  const index = openCheckpoint(file);
  try {
    return { ...index.metadata };
  } finally {
    index.close();
  }
};

for (const [label, dims, K] of [
  ['Gemma 3 (L 8, blocks of 3, remainder 2)', DENSE, 3],
  ['Llama 4 Scout (MoE, L 6, blocks of 3, no remainder)', MOE, 3],
] as const) {
  for (const preset of [undefined, 'maxtext'] as const) {
    test(`MaxText blocks, ${label}: blocks -> layers_N -> blocks bit for bit, ${preset ? '--preset maxtext' : 'no flags'}`, async () => {
      const dir = tmpDir();
      const un = maxtextUnscanned(dims);
      const blocks = path.join(dir, 'blocks.safetensors');
      await writeSynthetic(blocks, maxtextBlocks(un, dims.L, K));
      const flags = layoutOptionsFrom({ preset });
      const unscanned = path.join(dir, 'un.safetensors');
      const r1 = await convert(blocks, unscanned, flags);
      assert.deepEqual([r1.from, r1.to, r1.layers], ['scan', 'pyloop', dims.L]);
      assert.deepEqual(tensorsOf(unscanned), sorted(asDump(un)));
      const meta = metadataOf(unscanned);
      assert.equal(meta['scanconv.block_size'], String(K));
      assert.equal(meta['scanconv.axis'], '1');
      // Back without flags: the provenance says K, the stack and the axis.
      const back = path.join(dir, 'back.safetensors');
      const r2 = await convert(unscanned, back);
      assert.deepEqual([r2.from, r2.to, r2.layers], ['pyloop', 'scan', dims.L]);
      assert.deepEqual(tensorsOf(back), tensorsOf(blocks));
    });
  }
}

test('MaxText per-layer layers_N (no provenance) -> blocks with --block-size, and back to the same bytes', async () => {
  const dir = tmpDir();
  const un = maxtextUnscanned(DENSE, 7);
  const src = path.join(dir, 'un.safetensors');
  await writeSynthetic(src, un);
  for (const preset of [undefined, 'maxtext'] as const) {
    const blocks = path.join(dir, `blocks-${preset ?? 'none'}.safetensors`);
    const r = await convert(src, blocks, { ...layoutOptionsFrom({ preset }), blockSize: 3 });
    assert.equal(r.to, 'scan');
    assert.deepEqual(tensorsOf(blocks), sorted(asDump(maxtextBlocks(un, DENSE.L, 3))));
    const back = path.join(dir, `back-${preset ?? 'none'}.safetensors`);
    await convert(blocks, back);
    assert.deepEqual(tensorsOf(back), tensorsOf(src));
  }
});

test('Llama 4 Maverick shape (dense and MoE layers alternating): asks for --block-size, then scans blocks of 4 and back bit for bit', async () => {
  const dir = tmpDir();
  const un = maxtextAlternating({ ...DENSE, L: 8 });
  const src = path.join(dir, 'un.safetensors');
  await writeSynthetic(src, un);
  await assert.rejects(convert(src, path.join(dir, 'x.safetensors')), {
    code: 'BLOCK_SIZE_UNKNOWN',
    message: `${src}: the layers under params.params.decoder differ, but repeat every 2 layers, as MaxText's blocks of layers do (params.params.decoder.layers_1.MoeBlock_0.gate.kernel: not present in params.params.decoder.layers_0; every layer must have the same tensors); pass --block-size K with K a multiple of 2 (MaxText's inhomogeneous_layer_cycle_interval) to scan them as blocks`,
  });
  const blocks = path.join(dir, 'blocks.safetensors');
  await convert(src, blocks, { blockSize: 4 });
  const names = [...dump(blocks).keys()];
  assert.ok(names.includes('params.params.decoder.layers.layers_1.MoeBlock_0.wo'));
  assert.ok(!names.some((n) => n.startsWith('params.params.decoder.layers.layers_0.MoeBlock_0')));
  assert.deepEqual(tensorsOf(blocks), sorted(asDump(maxtextBlocks(un, 8, 4))));
  const back = path.join(dir, 'back.safetensors');
  await convert(blocks, back);
  assert.deepEqual(tensorsOf(back), tensorsOf(src));
  // Blocks of the wrong size do not interleave: layer 3 (MoE) would sit in block 0 with layer 0 (dense).
  await assert.rejects(convert(src, path.join(dir, 'y.safetensors'), { blockSize: 3 }), {
    code: 'BLOCK_MISMATCH',
    message:
      'params.params.decoder.layers_3.MoeBlock_0.gate.kernel: not present in params.params.decoder.layers_0; every layer must have the same tensors as layer i mod 3 (blocks of 3 layers)',
  });
});

test('the analysis of blocks: scan layout, depth S*K+R, K recorded; the pyloop form of uniform blocks is one layer group', () => {
  const un = maxtextUnscanned(DENSE);
  const index = memoryIndex('blocks.safetensors', maxtextBlocks(un, DENSE.L, 3));
  const a = analyzeLayout(index);
  assert.deepEqual([a.layout, a.layers, a.options.blockSize, a.options.axis, a.options.stack], ['scan', 8, 3, 1, 'layers']);
  assert.deepEqual([...a.depths], [['params.params.decoder', 8]]);
  assert.deepEqual(
    a.carried.map((r) => r.name).sort(),
    ['params.params.decoder.decoder_norm.scale', 'params.params.decoder.logits_dense.kernel', 'params.params.token_embedder.embedding'],
  );
  const back = analyzeLayout(convertedIndex(index, a, 'pyloop'));
  assert.equal(back.layout, 'pyloop');
  assert.equal(back.layerGroups.length, 1);
  assert.equal(back.layerGroups[0].layers.length, 8);
  assert.equal(planConversion(a, 'pyloop').metadata['scanconv.block_size'], '3');
});

test('--block-size 1 is blocks of one layer (layers.layers_0), and converts back to the same layers', async () => {
  const dir = tmpDir();
  const un = maxtextUnscanned({ ...DENSE, L: 3 });
  const src = path.join(dir, 'un.safetensors');
  await writeSynthetic(src, un);
  const blocks = path.join(dir, 'b.safetensors');
  await convert(src, blocks, { blockSize: 1 });
  assert.ok([...dump(blocks).keys()].every((n) => !n.includes('.layers.') || n.includes('.layers.layers_0.')));
  const back = path.join(dir, 'back.safetensors');
  await convert(blocks, back);
  assert.deepEqual(tensorsOf(back), tensorsOf(src));
});

test('per-layer -> Orbax blocks (--format orbax --block-size 3) -> per-layer without flags: the provenance travels in _METADATA custom_metadata', async () => {
  const dir = tmpDir();
  const un = maxtextUnscanned(DENSE, 3);
  const src = path.join(dir, 'un.safetensors');
  await writeSynthetic(src, un);
  const ckpt = path.join(dir, 'ckpt');
  const r = await convert(src, ckpt, { format: 'orbax', blockSize: 3 });
  assert.equal(r.to, 'scan');
  const index = openCheckpoint(ckpt);
  try {
    assert.equal(index.metadata['scanconv.block_size'], '3');
    assert.equal(index.metadata['scanconv.layout'], 'scan');
    assert.deepEqual(sorted(new Map([...dump(index)])), sorted(asDump(maxtextBlocks(un, DENSE.L, 3))));
  } finally {
    index.close();
  }
  const back = path.join(dir, 'back.safetensors');
  const r2 = await convert(ckpt, back);
  assert.deepEqual([r2.from, r2.to, r2.layers], ['scan', 'pyloop', DENSE.L]);
  assert.deepEqual(tensorsOf(back), tensorsOf(src));
});

test('inspect names the blocks: where they sit, K, S and the remainder, and K on the per-layer form', async () => {
  const dir = tmpDir();
  const un = maxtextUnscanned(DENSE);
  const blocks = path.join(dir, 'blocks.safetensors');
  await writeSynthetic(blocks, maxtextBlocks(un, DENSE.L, 3));
  const r = inspect(blocks);
  assert.equal(r.layout, 'scan');
  assert.deepEqual(r.groups, [{ where: 'params.params.decoder.layers.layers_{0..2}', kind: 'blocks', layers: 8, tensorsPerLayer: 9, blockSize: 3 }]);
  assert.match(renderInspect(r), /group: {6}params\.params\.decoder\.layers\.layers_\{0\.\.2\} \(8 layers: 3 blocks each stacked over 2, 2 in the remainder, 9 tensors per layer\)/);
  const unscanned = path.join(dir, 'un.safetensors');
  await convert(blocks, unscanned);
  assert.deepEqual(inspect(unscanned).groups, [{ where: 'params.params.decoder.layers_{0..7}', kind: 'layers', layers: 8, tensorsPerLayer: 9, blockSize: 3 }]);
});

test('verify --params-only: blocks against MaxText\'s per-layer and plain scanned trees pass; a changed byte fails, named in its layer', async () => {
  const dir = tmpDir();
  const un = maxtextUnscanned(DENSE);
  const blocks = path.join(dir, 'blocks.safetensors');
  await writeSynthetic(blocks, maxtextBlocks(un, DENSE.L, 3));
  const unscanned = path.join(dir, 'un.safetensors');
  await writeSynthetic(unscanned, un);
  const scanned = path.join(dir, 'scan.safetensors');
  await writeSynthetic(scanned, maxtextScanned(DENSE));
  // Random bf16 bytes hold NaNs, which fail `passed` on their own: the parameter check is `params.equal`.
  for (const [x, y] of [[blocks, unscanned], [unscanned, blocks], [blocks, scanned]]) {
    const r = await verifyParamsOnly(x, y);
    assert.deepEqual([r.params.equal, r.params.checked], [true, 8 * 9 + 3]);
  }
  // Layer 7 is slice 2 of block 1: change one byte of it in the per-layer tree.
  const changed = { ...un, 'params.params.decoder.layers_7.mlp.wo.kernel': { ...un['params.params.decoder.layers_7.mlp.wo.kernel'] } };
  const bytes = Uint8Array.from(changed['params.params.decoder.layers_7.mlp.wo.kernel'].bytes!);
  bytes[0] ^= 0x40;
  changed['params.params.decoder.layers_7.mlp.wo.kernel'].bytes = bytes;
  const other = path.join(dir, 'other.safetensors');
  await writeSynthetic(other, changed);
  const report = await verifyParamsOnly(blocks, other);
  assert.equal(report.params.equal, false);
  assert.deepEqual(report.params.mismatches.map((m) => [m.key, m.layer]), [['params.params.decoder.layers.mlp.wo.kernel', 7]]);
});

test('verify --params-only: Maverick-shaped blocks against their per-layer tree with --block-size', async () => {
  const dir = tmpDir();
  const un = maxtextAlternating({ ...DENSE, L: 8 });
  const blocks = path.join(dir, 'blocks.safetensors');
  await writeSynthetic(blocks, maxtextBlocks(un, 8, 4));
  const unscanned = path.join(dir, 'un.safetensors');
  await writeSynthetic(unscanned, un);
  const r = await verifyParamsOnly(blocks, unscanned, { blockSize: 4 });
  assert.deepEqual([r.params.equal, r.params.checked], [true, 4 * 9 + 4 * 13 + 3]);
});

test('check: Maverick-shaped per-layer layers pass as a tree whose K only convert --block-size can give; blocks pass as scan', async () => {
  const dir = tmpDir();
  const un = maxtextAlternating({ ...DENSE, L: 4 });
  const src = path.join(dir, 'un.safetensors');
  // Values without NaN (check fails on NaN/Inf): every byte 0x3f.
  await writeSynthetic(src, Object.fromEntries(Object.entries(un).map(([n, s]) => [n, { ...s, bytes: new Uint8Array(s.bytes!.byteLength).fill(0x3f) }])));
  const r = checkFile(src);
  assert.equal(r.code, 0, r.message);
  assert.match(r.message, /pyloop, 4 layers that repeat every 2 \(MaxText's blocks of layers; convert --block-size K scans them\)/);
  const blocks = path.join(dir, 'blocks.safetensors');
  await convert(src, blocks, { blockSize: 2 });
  const rb = checkFile(blocks);
  assert.equal(rb.code, 0, rb.message);
  assert.match(rb.message, /scan, 4 layers/);
});

test('every depth L from 1 to 9 and block size K from 1 to L: per-layer -> blocks -> per-layer gives the same bytes (MaxText and Hugging Face naming)', () => {
  for (const naming of ['maxtext', 'hf'] as const) {
    for (let L = 1; L <= 9; L++) {
      const specs: Record<string, TensorSpec> = { 'params.params.token_embedder.embedding': { dtype: 'F32', shape: [2, 2], bytes: Uint8Array.from({ length: 16 }, (_, i) => i) } };
      for (let i = 0; i < L; i++) {
        const layer = naming === 'maxtext' ? `params.params.decoder.layers_${i}` : `model.layers.${i}`;
        specs[`${layer}.mlp.wo.kernel`] = { dtype: 'BF16', shape: [3, 2], bytes: Uint8Array.from({ length: 12 }, (_, b) => i * 16 + b) };
        specs[`${layer}.norm.scale`] = { dtype: 'BF16', shape: [3], bytes: Uint8Array.from({ length: 6 }, (_, b) => 200 + i + b) };
      }
      const index = memoryIndex('u.safetensors', specs);
      for (let K = 1; K <= L; K++) {
        const blocks = convertedIndex(index, analyzeLayout(index, { blockSize: K, axis: 1 }), 'scan');
        const a = analyzeLayout(blocks);
        assert.deepEqual([a.layout, a.layers, a.options.blockSize], ['scan', L, K], `${naming} L ${L} K ${K}`);
        const R = L % K;
        const remainder = [...blocks.tensors.keys()].filter((n) => n.includes('_remainder.'));
        assert.equal(remainder.length, R * 2, `${naming} L ${L} K ${K}: remainder`);
        const back = convertedIndex(blocks, a, 'pyloop');
        assert.deepEqual(sorted(dump(back)), sorted(dump(index)), `${naming} L ${L} K ${K}`);
      }
    }
  }
});

test('the model forms refuse blocks they cannot run by name (MANY_GROUPS), and run uniform blocks per layer', () => {
  const uniform = memoryIndex('b.safetensors', maxtextBlocks(maxtextUnscanned(DENSE), DENSE.L, 3));
  assert.throws(() => modelTree(uniform, 'scan'), {
    code: 'MANY_GROUPS',
    message:
      "b.safetensors: params.params.decoder holds MaxText's blocks of 3 layers, which the model forms run only per layer and only when every block holds the same tensors; compare them with verify --params-only",
  });
  assert.equal(modelTree(uniform, 'pyloop').layers, DENSE.L);
  const mixed = memoryIndex('m.safetensors', maxtextBlocks(maxtextAlternating({ ...DENSE, L: 4 }), 4, 2));
  assert.throws(() => modelTree(mixed, 'pyloop'), { code: 'MANY_GROUPS' });
});

test('an Orbax checkpoint of blocks without provenance (as MaxText saves Gemma 3) unscans without flags, bit for bit', async () => {
  const dir = tmpDir();
  const un = maxtextUnscanned(DENSE, 5);
  const src = path.join(dir, 'un.safetensors');
  await writeSynthetic(src, un);
  const ckpt = path.join(dir, 'ckpt');
  await convert(src, ckpt, { format: 'orbax', blockSize: 3, provenance: false });
  const index = openCheckpoint(ckpt);
  try {
    assert.equal(Object.keys(index.metadata).filter((k) => k.startsWith('scanconv.')).length, 0);
  } finally {
    index.close();
  }
  const back = path.join(dir, 'back.safetensors');
  const r = await convert(ckpt, back);
  assert.deepEqual([r.from, r.to, r.layers], ['scan', 'pyloop', DENSE.L]);
  assert.deepEqual(tensorsOf(back), tensorsOf(src));
});
