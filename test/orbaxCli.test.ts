/**
 * The command line of the Orbax/MaxText work: --block-size where a command reads MaxText's blocks
 * of layers from a per-layer tree (verify --params-only, check, inspect), run from src/ (the
 * flags are under test, not dist/).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { listDir, randomBytes, srcCli, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';
import { parseDecodeThreads } from '../src/cli/options.js';
import { metadataJson, writeOcdbt, zarrV3, type ArrayData } from './orbaxWriter.js';
import { maxtextAlternating, maxtextBlocks, type MaxTextDims } from './maxtextTrees.js';

const DENSE: MaxTextDims = { E: 8, L: 8, H: 2, D: 4, KV: 1, M: 12, V: 10 };

/** Values without NaN or Inf (check fails on them): every byte 0x3f. */
const finite = (specs: Record<string, TensorSpec>) =>
  Object.fromEntries(Object.entries(specs).map(([n, s]) => [n, { ...s, bytes: new Uint8Array(s.bytes!.byteLength).fill(0x3f) }]));

async function maverick(): Promise<{ dir: string; un: string; blocks: string }> {
  const dir = tmpDir();
  const specs = finite(maxtextAlternating({ ...DENSE, L: 8 }));
  const un = path.join(dir, 'un.safetensors');
  const blocks = path.join(dir, 'blocks.safetensors');
  await writeSynthetic(un, specs);
  await writeSynthetic(blocks, maxtextBlocks(specs, 8, 4));
  return { dir, un, blocks };
}

test('verify --params-only --block-size 4: Maverick-shaped blocks against their per-layer tree pass; without it, BLOCK_SIZE_UNKNOWN asks for it', async () => {
  const { un, blocks } = await maverick();
  const ok = srcCli(['verify', '--params-only', blocks, un, '--block-size', '4']);
  assert.equal(ok.status, 0, ok.stderr + ok.stdout);
  assert.match(ok.stdout, /PASSED/);
  const no = srcCli(['verify', '--params-only', blocks, un]);
  assert.equal(no.status, 2, no.stderr + no.stdout);
  assert.match(no.stderr, /pass --block-size K with K a multiple of 2/);
  const bad = srcCli(['verify', '--params-only', blocks, un, '--block-size', '-1']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /option '--block-size <K>' argument '-1' is invalid/);
});

test('check and inspect --block-size 4 read Maverick-shaped per-layer layers as blocks of 4', async () => {
  const { un } = await maverick();
  const c = srcCli(['check', un, '--block-size', '4']);
  assert.equal(c.status, 0, c.stderr + c.stdout);
  assert.equal(c.stdout, `ok   ${un}: safetensors, pyloop, 8 layers, 91 tensors\n`);
  const i = srcCli(['inspect', un, '--block-size', '4', '--json']);
  assert.equal(i.status, 0, i.stderr);
  const report = JSON.parse(i.stdout) as { layout: string; groups: { where: string; kind: string; layers: number; blockSize?: number }[] };
  assert.equal(report.layout, 'pyloop');
  assert.deepEqual(report.groups.map((g) => [g.where, g.kind, g.layers, g.blockSize]), [['params.params.decoder.layers_{0..7}', 'layers', 8, 4]]);
});

test('check --expect-layout pyloop passes Maverick-shaped per-layer layers (K unknown, still pyloop; inspect says so too); --expect-layout scan names pyloop', async () => {
  const { un } = await maverick();
  const ok = srcCli(['check', un, '--expect-layout', 'pyloop']);
  assert.equal(ok.status, 0, ok.stderr + ok.stdout);
  assert.equal(ok.stdout, `ok   ${un}: safetensors, pyloop, 8 layers that repeat every 2 (MaxText's blocks of layers; convert --block-size K scans them), 91 tensors\n`);
  // inspect says the same: pyloop, the layers, their period, and why K is needed.
  const i = srcCli(['inspect', un]);
  assert.equal(i.status, 0, i.stderr);
  assert.match(i.stdout, /^layout: {5}pyloop, 8 layers, repeating every 2 \(--block-size K scans them\)$/m);
  assert.match(i.stdout, /pass --block-size K with K a multiple of 2/);
  const json = JSON.parse(srcCli(['inspect', un, '--json']).stdout) as { layout: string; layers: number; repeatsEvery: number };
  assert.deepEqual([json.layout, json.layers, json.repeatsEvery], ['pyloop', 8, 2]);
  const scan = srcCli(['check', un, '--expect-layout', 'scan']);
  assert.equal(scan.status, 1, scan.stderr + scan.stdout);
  assert.equal(scan.stdout, `FAIL ${un}: expected the scan layout, found pyloop\n`);
});

/** A MaxText-shaped scanned Orbax checkpoint (OCDBT + sharded zarr v3, several chunks per array). */
function scannedOrbax(dir: string): string {
  const arr = (shape: number[], seed: number): ArrayData => ({ dtype: 'BF16', shape, bytes: randomBytes(shape.reduce((a, b) => a * b, 1) * 2, seed) });
  const arrays = new Map([
    ['params.decoder.layers.mlp.wi.kernel', arr([6, 4, 10], 2)],
    ['params.decoder.layers.norm.scale', arr([6, 4], 4)],
    ['params.token_embedder.embedding', arr([7, 6], 5)],
  ]);
  const kv = new Map<string, Uint8Array>();
  for (const [n, a] of arrays) for (const [k, v] of zarrV3(n, a, a.shape.map((d) => Math.ceil(d / 2) * 2), a.shape.map((d) => Math.ceil(d / 2)))) kv.set(k, v);
  writeOcdbt(dir, kv, { fanout: 4, maxInline: 40 });
  fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson([...arrays.keys()]));
  return dir;
}

test('convert --decode-threads N: 0 and 2 threads write the same bytes; a bad N exits 2 with BAD_DECODE_THREADS and writes nothing; --help says the default', () => {
  const dir = tmpDir();
  const ckpt = scannedOrbax(path.join(dir, 'ckpt'));
  const outputs = [0, 2].map((n) => {
    const out = path.join(dir, `t${n}.safetensors`);
    const r = srcCli(['convert', ckpt, '-o', out, '--preset', 'maxtext', '--decode-threads', String(n)]);
    assert.equal(r.status, 0, r.stderr);
    return fs.readFileSync(out);
  });
  assert.ok(outputs[0].equals(outputs[1]));
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  for (const [bad, shown] of [['65', '"65"'], ['-1', '"-1"'], ['two', '"two"'], ['1.5', '"1.5"']]) {
    const r = srcCli(['convert', ckpt, '-o', path.join(out, 'x.safetensors'), '--preset', 'maxtext', '--decode-threads', bad]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `scanconv: error: --decode-threads ${shown} is not a thread count from 0 to 64\n`);
  }
  assert.deepEqual(listDir(out), []);
  assert.throws(() => parseDecodeThreads('65'), { code: 'BAD_DECODE_THREADS' });
  assert.equal(parseDecodeThreads('64'), 64);
  const help = srcCli(['convert', '--help']).stdout.replace(/\s+/g, ' ');
  assert.match(help, /--decode-threads <n> Orbax input: threads that decode chunks and write their pieces, 0 to 64 \(0: the main thread\); memory is about 2\.25 chunks per thread \(default: one per CPU, 0 on one CPU, at most 4/);
});
