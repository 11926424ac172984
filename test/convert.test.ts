import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { cli, dump, fixture, listDir, sortedDump, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);
const LLM = (f: string) => fixture('llm_tiny', f);

test('block_tiny pyloop -> scan equals Flax pyloop_to_scan bit for bit, and back is the original', async () => {
  const dir = tmpDir();
  const scan = path.join(dir, 'scan.safetensors');
  const back = path.join(dir, 'back.safetensors');
  const r = await convert(BLOCK('pyloop.safetensors'), scan);
  assert.deepEqual([r.from, r.to, r.layers, r.tensors], ['pyloop', 'scan', 12, 12]);
  assert.deepEqual(sortedDump(scan), sortedDump(BLOCK('scan_expected.safetensors')));
  await convert(scan, back);
  assert.deepEqual(sortedDump(back), sortedDump(BLOCK('pyloop.safetensors')));
  // Provenance: the original metadata is kept, scanconv's is added.
  const meta = openCheckpoint(scan).metadata;
  assert.equal(meta.format, 'flax');
  assert.equal(meta['scanconv.layout'], 'scan');
  assert.equal(meta['scanconv.layers'], '12');
});

test('the same conversion from the Flax JSON checkpoint, and JSON output round trips', async () => {
  const dir = tmpDir();
  const scan = path.join(dir, 'scan.safetensors');
  await convert(BLOCK('pyloop.json'), scan);
  assert.deepEqual(sortedDump(scan), sortedDump(BLOCK('scan_expected.safetensors')));
  const asJson = path.join(dir, 'scan.json');
  await convert(BLOCK('pyloop.safetensors'), asJson);
  assert.deepEqual(sortedDump(asJson), sortedDump(BLOCK('scan_expected.safetensors')));
  const back = path.join(dir, 'back.json');
  await convert(asJson, back);
  assert.deepEqual(sortedDump(back), sortedDump(BLOCK('pyloop.safetensors')));
});

test('scan_native -> pyloop -> scan is the identity', async () => {
  const dir = tmpDir();
  const py = path.join(dir, 'py.safetensors');
  const scan = path.join(dir, 'scan.safetensors');
  await convert(BLOCK('scan_native.safetensors'), py);
  assert.equal(dump(py).size, 144);
  await convert(py, scan);
  assert.deepEqual(sortedDump(scan), sortedDump(BLOCK('scan_native.safetensors')));
});

test('llm_tiny: Embed_0 and Dense_0 are carried unchanged and the round trip is exact', async () => {
  const dir = tmpDir();
  const scan = path.join(dir, 'scan.safetensors');
  const back = path.join(dir, 'back.safetensors');
  await convert(LLM('pyloop.safetensors'), scan);
  const expected = sortedDump(LLM('scan_expected.safetensors'));
  const got = sortedDump(scan);
  assert.deepEqual(got, expected);
  const orig = dump(LLM('pyloop.safetensors'));
  assert.deepEqual(got['params.Embed_0.embedding'], orig.get('params.Embed_0.embedding'));
  assert.deepEqual(got['params.Dense_0.kernel'], orig.get('params.Dense_0.kernel'));
  await convert(scan, back);
  assert.deepEqual(sortedDump(back), sortedDump(LLM('pyloop.safetensors')));
});

function layered(L: number, dtype: TensorSpec['dtype'], prefix = 'params.layer_', extra: Record<string, TensorSpec> = {}, scalars = true): Record<string, TensorSpec> {
  const specs: Record<string, TensorSpec> = { ...extra };
  for (let i = 0; i < L; i++) {
    specs[`${prefix}${i}.mlp.kernel`] = { dtype, shape: [4, 6] };
    specs[`${prefix}${i}.mlp.bias`] = { dtype, shape: [6] };
    if (scalars) specs[`${prefix}${i}.norm.scale`] = { dtype, shape: [] };
  }
  return specs;
}

for (const dtype of ['BF16', 'F16'] as const) {
  test(`${dtype} checkpoints keep their dtype and bits through scan and back`, async () => {
    const dir = tmpDir();
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, layered(11, dtype, 'params.layer_', { 'params.embed': { dtype, shape: [5, 4] } }));
    const scan = path.join(dir, 'scan.safetensors');
    await convert(src, scan);
    const d = dump(scan);
    assert.equal(d.get('params.blocks.mlp.kernel')!.dtype, dtype);
    assert.deepEqual(d.get('params.blocks.mlp.kernel')!.shape, [11, 4, 6]);
    assert.deepEqual(d.get('params.blocks.norm.scale')!.shape, [11]);
    const back = path.join(dir, 'back.safetensors');
    await convert(scan, back);
    assert.deepEqual(sortedDump(back), sortedDump(src));
    // And through JSON (explicit dtype leaves).
    const js = path.join(dir, 'scan.json');
    await convert(src, js);
    assert.deepEqual(sortedDump(js), sortedDump(scan));
  });
}

test('--axis 1 stacks on the second axis (MaxText layers_N) and round trips', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'src.safetensors');
  await writeSynthetic(src, layered(3, 'F32', 'params.decoder.layers_', {}, false));
  const scan = path.join(dir, 'scan.safetensors');
  await convert(src, scan, { layerPattern: '^layers_(\\d+)$', axis: 1 });
  const d = dump(scan);
  const k = d.get('params.decoder.blocks.mlp.kernel')!;
  assert.deepEqual(k.shape, [4, 3, 6]);
  // Row 0 of the stacked tensor is layer 0's row 0, then layer 1's row 0, then layer 2's.
  const s = dump(src);
  const row = (name: string, r: number) => s.get(name)!.hex.slice(r * 48, (r + 1) * 48);
  assert.equal(k.hex.slice(0, 144), row('params.decoder.layers_0.mlp.kernel', 0) + row('params.decoder.layers_1.mlp.kernel', 0) + row('params.decoder.layers_2.mlp.kernel', 0));
  const back = path.join(dir, 'back.safetensors');
  await convert(scan, back); // axis and pattern come from the provenance metadata
  assert.deepEqual(sortedDump(back), sortedDump(src));
  // A scalar per layer has no axis 1 to stack on: a clear error, no output.
  const withScalar = path.join(dir, 'scalar.safetensors');
  await writeSynthetic(withScalar, layered(2, 'F32'));
  await assert.rejects(convert(withScalar, path.join(dir, 'o.safetensors'), { axis: 1 }), {
    message: 'params.layer_0.norm.scale: has rank 0, so it cannot be stacked on axis 1 (--axis)',
  });
  assert.equal(fs.existsSync(path.join(dir, 'o.safetensors')), false);
});

test('Hugging Face style keys with --layers ^(\\d+)$ round trip', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'src.safetensors');
  const specs: Record<string, TensorSpec> = { 'model.embed_tokens.weight': { dtype: 'BF16', shape: [10, 4] } };
  for (let i = 0; i < 12; i++) specs[`model.layers.${i}.mlp.kernel`] = { dtype: 'BF16', shape: [4, 4] };
  await writeSynthetic(src, specs);
  const scan = path.join(dir, 'scan.safetensors');
  const r = await convert(src, scan, { layerPattern: '^(\\d+)$' });
  assert.equal(r.layers, 12);
  assert.deepEqual(dump(scan).get('model.layers.blocks.mlp.kernel')!.shape, [12, 4, 4]);
  const back = path.join(dir, 'back.safetensors');
  await convert(scan, back); // pattern and axis come from the provenance metadata
  assert.deepEqual(sortedDump(back), sortedDump(src));
});

test('bad layer trees fail with exit 2, a message naming the first offending key, and no output', async () => {
  const dir = tmpDir();
  const missing = path.join(dir, 'missing.safetensors');
  await writeSynthetic(missing, { 'params.layer_0.w': { dtype: 'F32', shape: [2] }, 'params.layer_2.w': { dtype: 'F32', shape: [2] } });
  const out = path.join(dir, 'out.safetensors');
  let r = cli(['convert', missing, '-o', out]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: params.layer_2: layer indices under params must be 0..L-1 without gaps, but layer 1 is missing (found 0, 2)\n`);

  const ragged = path.join(dir, 'ragged.safetensors');
  await writeSynthetic(ragged, { 'params.layer_0.w': { dtype: 'F32', shape: [2, 3] }, 'params.layer_1.w': { dtype: 'F32', shape: [3, 2] } });
  r = cli(['convert', ragged, '-o', out]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: params.layer_1.w: [3, 2] F32 differs from params.layer_0.w [2, 3] F32; layers must match in shape and dtype\n');

  const extra = path.join(dir, 'extra.safetensors');
  await writeSynthetic(extra, { 'params.layer_0.w': { dtype: 'F32', shape: [2] }, 'params.layer_1.w': { dtype: 'F32', shape: [2] }, 'params.layer_1.b': { dtype: 'F32', shape: [2] } });
  r = cli(['convert', extra, '-o', out]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: params.layer_1.b: not present in params.layer_0; every layer must have the same tensors\n');

  const none = path.join(dir, 'none.safetensors');
  await writeSynthetic(none, { 'params.w': { dtype: 'F32', shape: [2] } });
  r = cli(['convert', none, '-o', out]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: ${none}: found no layer children (^layer_(\\d+)$, or numeric children of "layers"/"h"/"layer"/"block") and no "blocks" node; name them with --layers REGEX or --stack NAME\n`);
  assert.deepEqual(listDir(dir), ['extra.safetensors', 'missing.safetensors', 'none.safetensors', 'ragged.safetensors']);
});

test('output rules: exists without --force, output == input, unknown extension', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'src.safetensors');
  fs.copyFileSync(BLOCK('pyloop.safetensors'), src);
  const out = path.join(dir, 'out.safetensors');
  fs.writeFileSync(out, 'keep me');
  let r = cli(['convert', src, '-o', out]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: output ${out} exists; pass --force to overwrite it\n`);
  assert.equal(fs.readFileSync(out, 'utf8'), 'keep me');
  r = cli(['convert', src, '-o', out, '--force']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^pyloop -> scan: 12 layers, 12 tensors, 258 KB in \d+\.\d\d s -> /);
  r = cli(['convert', src, '-o', src, '--force']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: output ${src} is an input of this command; write it elsewhere\n`);
  r = cli(['convert', src, '-o', path.join(dir, 'x.bin')]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: cannot tell the output format from ".bin"; use .safetensors, .msgpack or .json, name a directory (DIR/), or pass --format safetensors|json|msgpack|orbax (orbax: a checkpoint directory)\n');
  r = cli(['convert', src, '-o', path.join(dir, 'y.safetensors'), '--axis', 'two']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /option '--axis <n>' argument 'two' is invalid. expected a non-negative integer./);
  assert.deepEqual(listDir(dir), ['out.safetensors', 'src.safetensors']);
});

test('a malformed input fails with exit 2 and leaves no output', () => {
  const dir = tmpDir();
  const bad = path.join(dir, 'bad.safetensors');
  const bytes = fs.readFileSync(BLOCK('pyloop.safetensors'));
  fs.writeFileSync(bad, bytes.subarray(0, 5000));
  const r = cli(['convert', bad, '-o', path.join(dir, 'out.safetensors')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^scanconv: error: .*bad\.safetensors: header length 14496 runs past the end of the file \(5000 bytes\)\n$/);
  assert.deepEqual(listDir(dir), ['bad.safetensors']);
});

test('inspect reports layout, groups, dtypes and metadata; --json is one object', () => {
  let r = cli(['inspect', BLOCK('pyloop.safetensors'), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as Record<string, unknown>;
  assert.equal(j.layout, 'pyloop');
  assert.equal(j.layers, 12);
  assert.deepEqual(j.groups, [{ where: 'params.layer_{0..11}', kind: 'layers', layers: 12, tensorsPerLayer: 12 }]);
  assert.deepEqual(j.parameters, { F32: 64128 });
  r = cli(['inspect', LLM('scan_native.safetensors')]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /layout: +scan, 3 layers, layer axis 0/);
  assert.match(r.stdout, /group: +params\.blocks \(3 layers stacked, 12 tensors per layer\)/);
  r = cli(['inspect', path.join(FIXTURE_MISSING, 'nope.safetensors')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no such file/);
});

const FIXTURE_MISSING = '/nonexistent-dir';

test('--help teaches with examples; --version prints the version', () => {
  const r = cli(['convert', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Examples:/);
  assert.match(r.stdout, /--axis <n>/);
  assert.equal(cli(['--version']).stdout.trim(), JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')).version);
  const bad = cli(['frobnicate']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, "scanconv: error: unknown command 'frobnicate' (see scanconv --help)\n");
});

test('keys joined with "/" are detected and kept; both layouts at once is refused, explaining what was found', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'slash.safetensors');
  await writeSynthetic(src, { 'params/layer_0/w': { dtype: 'F32', shape: [2] }, 'params/layer_1/w': { dtype: 'F32', shape: [2] }, 'params/head': { dtype: 'F32', shape: [3] } });
  const scan = path.join(dir, 'scan.safetensors');
  await convert(src, scan);
  assert.deepEqual([...dump(scan).keys()].sort(), ['params/blocks/w', 'params/head']);
  const both = path.join(dir, 'both.safetensors');
  await writeSynthetic(both, { 'params.layer_0.w': { dtype: 'F32', shape: [2] }, 'params.blocks.w': { dtype: 'F32', shape: [1, 2] } });
  const r = cli(['convert', both, '-o', path.join(dir, 'o.safetensors')]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: ${both}: found both layer children (^layer_(\\d+)$, or numeric children of "layers"/"h"/"layer"/"block") under params and a "blocks" node under params; convert one part at a time or name them with --layers REGEX / --stack NAME\n`);
});
