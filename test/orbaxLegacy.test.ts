/**
 * Legacy Orbax checkpoints (the msgpack `checkpoint` file, small arrays inline beside zarr v2
 * directories named by PLACEHOLDER://) converted to safetensors: the inline arrays go through
 * the scatter writer's copy of pieces that are not a zarr array's; the files are byte for byte
 * what the streaming writer writes from the same plan, unscanned where the tree has a stack.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { zarrArrayOf } from '../src/format/orbax/zarrArray.js';
import { analyzeLayout, type Layout, type LayoutOptions } from '../src/layout/analyze.js';
import { planConversion } from '../src/layout/plan.js';
import { encodeMsgpack, type Mp } from './encode.js';
import { dump, fixture, randomBytes, tmpDir } from './helpers.js';
import { writeFiles, zarrV2, type ArrayData } from './orbaxWriter.js';

/** convert()'s file (Orbax -> safetensors: the scatter writer) and the streaming writer's from the same plan and metadata. */
async function bothWriters(ckpt: string, flags: Partial<LayoutOptions>, to: Layout): Promise<{ scattered: Buffer; streamed: Buffer; out: string }> {
  const dir = tmpDir();
  const out = path.join(dir, 'scattered.safetensors');
  await convert(ckpt, out, { ...flags, to });
  const written = openCheckpoint(out);
  const metadata = { ...written.metadata };
  written.close();
  const index = openCheckpoint(ckpt);
  try {
    const plan = planConversion(analyzeLayout(index, flags), to);
    const streamed = path.join(dir, 'streamed.safetensors');
    await writeSafetensors(streamed, plan.outputs, metadata);
    return { scattered: fs.readFileSync(out), streamed: fs.readFileSync(streamed), out };
  } finally {
    index.close();
  }
}

const int64s = (values: number[]) => Buffer.from(new BigInt64Array(values.map(BigInt)).buffer).toString('hex');

test('the real legacy checkpoint (orbax_legacy_aggregate_some): c.a, c.e inline unscanned on axis 1, a, b from zarr: scatter == stream, the README\'s values', async () => {
  const ckpt = fixture('orbax', 'orbax_legacy_aggregate_some');
  const index = openCheckpoint(ckpt);
  try {
    // What the test is about: c.a and c.e are the checkpoint file's own bytes, a and b zarr arrays.
    assert.deepEqual([...index.tensors.values()].map((r) => [r.name, zarrArrayOf(r) !== undefined]).sort(), [['a', true], ['b', true], ['c.a', false], ['c.e', false]]);
  } finally {
    index.close();
  }
  const flags = { stack: 'c', axis: 1 };
  const { scattered, streamed, out } = await bothWriters(ckpt, flags, 'pyloop');
  assert.ok(scattered.equals(streamed));
  const got = dump(out);
  assert.equal(got.get('a')!.hex, int64s([0, 1, 2, 3, 4, 5, 6, 7]));
  assert.equal(got.get('b')!.hex, int64s(Array.from({ length: 16 }, (_, i) => 2 * i)));
  for (let i = 0; i < 4; i++) {
    assert.deepEqual(got.get(`layer_${i}.a`), { dtype: 'I64', shape: [2], hex: int64s([3 * i, 12 + 3 * i]) });
    assert.deepEqual(got.get(`layer_${i}.e`), { dtype: 'I64', shape: [4], hex: int64s([4 * i, 16 + 4 * i, 32 + 4 * i, 48 + 4 * i]) });
  }
  // Kept scanned (the same layout): every tensor carried, still one file either way.
  const kept = await bothWriters(ckpt, flags, 'scan');
  assert.ok(kept.scattered.equals(kept.streamed));
});

const E = 6;
const L = 4;
const M = 10;
const bf16 = (shape: number[], seed: number): ArrayData => ({ dtype: 'BF16', shape, bytes: randomBytes(shape.reduce((a, b) => a * b, 1) * 2, seed) });
const inline = (a: ArrayData): Mp => ({ ext: { shape: a.shape, dtype: 'bfloat16', data: a.bytes } });

/** A MaxText-shaped scanned legacy checkpoint: the large arrays in multi-chunk zarr v2 directories, the small ones inline. */
function legacyScanned(dir: string): Map<string, ArrayData> {
  const zarr = new Map([
    ['params.decoder.layers.mlp.wi.kernel', bf16([E, L, M], 1)],
    ['params.decoder.layers.mlp.wo.kernel', bf16([M, L, E], 2)],
    ['params.token_embedder.embedding', bf16([7, E], 3)],
  ]);
  const small = new Map([
    ['params.decoder.layers.norm.scale', bf16([E, L], 4)],
    ['params.decoder.decoder_norm.scale', bf16([E], 5)],
  ]);
  for (const [name, a] of zarr) writeFiles(dir, zarrV2(name, a, a.shape.map((d) => Math.ceil(d / 3))));
  // The nested tree of the msgpack file, leaves in it or PLACEHOLDER:// naming their directory.
  type Tree = Map<string, Tree | Mp>;
  const root: Tree = new Map();
  const put = (name: string, leaf: Mp) => {
    const keys = name.split('.');
    let node = root;
    for (const k of keys.slice(0, -1)) node = (node.get(k) ?? node.set(k, new Map()).get(k)) as Tree;
    node.set(keys.at(-1)!, leaf);
  };
  for (const name of zarr.keys()) put(name, `PLACEHOLDER://${name}`);
  for (const [name, a] of small) put(name, inline(a));
  const toMp = (t: Tree | Mp): Mp => (t instanceof Map ? { map: [...t].map(([k, v]) => [k, toMp(v)] as [Mp, Mp]) } : t);
  fs.writeFileSync(path.join(dir, 'checkpoint'), encodeMsgpack(toMp(root)));
  return new Map([...zarr, ...small]);
}

test('a MaxText-shaped scanned legacy checkpoint (bf16, zarr v2 in several chunks + inline arrays) unscanned on axis 1: scatter == stream, each layer the stack\'s slice', async () => {
  const ckpt = path.join(tmpDir(), 'items');
  const arrays = legacyScanned(ckpt);
  const flags = { layerPattern: '^layers_(\\d+)$', stack: 'layers', axis: 1 };
  const { scattered, streamed, out } = await bothWriters(ckpt, flags, 'pyloop');
  assert.ok(scattered.equals(streamed));
  const got = dump(out);
  // Layer i of a [A, L, ...] stack on axis 1: for each a, the i-th run of rest bytes.
  const slice = (a: ArrayData, i: number) => {
    const rest = (a.bytes.length / (a.shape[0] * L));
    const parts = Array.from({ length: a.shape[0] }, (_, r) => a.bytes.subarray((r * L + i) * rest, (r * L + i + 1) * rest));
    return Buffer.concat(parts).toString('hex');
  };
  for (let i = 0; i < L; i++) {
    for (const rel of ['mlp.wi.kernel', 'mlp.wo.kernel', 'norm.scale']) {
      const a = arrays.get(`params.decoder.layers.${rel}`)!;
      assert.deepEqual(got.get(`params.decoder.layers_${i}.${rel}`), { dtype: 'BF16', shape: [a.shape[0], ...a.shape.slice(2)], hex: slice(a, i) }, `layer ${i} ${rel}`);
    }
  }
  assert.equal(got.get('params.decoder.decoder_norm.scale')!.hex, Buffer.from(arrays.get('params.decoder.decoder_norm.scale')!.bytes).toString('hex'));
});
