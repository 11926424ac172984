/**
 * Orbax output from Orbax input (src/format/orbax/staging.ts): the arrays are staged decoded,
 * each stored chunk decoded once, then compressed from the staging file. The output holds exactly
 * the bytes of the same plan written to safetensors; the staging file never reaches the
 * checkpoint; a filesystem without room for it is refused before any work.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { ChunkCache, ZarrArray } from '../src/format/orbax/zarrArray.js';
import { ScanconvError } from '../src/errors.js';
import { tmpDir } from './helpers.js';
import { FLAGS, L, scanned, writeCheckpoint } from './orbaxScanned.js';
import { renderParamsOnly, verifyParamsOnly, type ParamsOnlyReport } from '../src/verify/paramsOnly.js';
import { Chalk } from 'chalk';
import { stageIndex } from '../src/format/orbax/stagedIndex.js';
import { removeUnfinishedFiles } from '../src/format/unfinished.js';
import { HOST } from '../src/format/tempNames.js';
import { spawnSync } from 'node:child_process';

/** Every tensor of a checkpoint, by name, read whole. */
function tensorsOf(ckpt: string): Map<string, { dtype: string; shape: readonly number[]; bytes: Buffer }> {
  const index = openCheckpoint(ckpt);
  try {
    return new Map([...index.tensors].map(([n, r]) => [n, { dtype: r.dtype, shape: r.shape, bytes: Buffer.from(readAll(r)) }]));
  } finally {
    index.close();
  }
}

/**
 * Run `convert`, counting how often each stored chunk is located (once per decode), and
 * asserting that none goes through the byte-range cache: within its budget the cache also decodes
 * each chunk once, but it holds them all (256 MB), and past it decodes one per layer.
 */
async function countingDecodes(run: () => Promise<unknown>): Promise<Map<string, number>> {
  const { storedChunk } = ZarrArray.prototype;
  const { get } = ChunkCache.prototype;
  let cached = 0;
  ChunkCache.prototype.get = function (this: ChunkCache, key: string, load: () => Uint8Array) {
    cached++;
    return get.call(this, key, load);
  };
  const located = new Map<string, number>();
  // Arrays of two checkpoints may share a name: each array object is told apart.
  const ids = new WeakMap<ZarrArray, number>();
  let nextId = 0;
  ZarrArray.prototype.storedChunk = function (this: ZarrArray, c: readonly number[]) {
    if (!ids.has(this)) ids.set(this, nextId++);
    const key = `${this.name}@${ids.get(this)}#${c.join(',')}`;
    located.set(key, (located.get(key) ?? 0) + 1);
    return storedChunk.call(this, c);
  };
  try {
    await run();
  } finally {
    ZarrArray.prototype.storedChunk = storedChunk;
    ChunkCache.prototype.get = get;
  }
  assert.equal(cached, 0, 'chunks read through the cache');
  return located;
}

/** Every file and directory under `dir`, relative. */
const listing = (dir: string): string[] => (fs.readdirSync(dir, { recursive: true }) as string[]).sort();

for (const kind of ['v3', 'v2'] as const) {
  test(`Orbax (${kind}) -> per-layer Orbax -> scanned Orbax, 0 and 2 decode threads: each chunk decoded once each way, the same tensors as safetensors output, back bit for bit, no staging file left`, async () => {
    const arrays = scanned();
    const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), arrays, kind);
    const reference = path.join(tmpDir(), 'model.safetensors');
    await convert(ckpt, reference, { ...FLAGS, to: 'pyloop' });
    const expected = tensorsOf(reference);
    for (const decodeThreads of [0, 2]) {
      const dir = tmpDir();
      const unscanned = path.join(dir, 'unscanned');
      const down = await countingDecodes(() => convert(ckpt, unscanned, { ...FLAGS, to: 'pyloop', format: 'orbax', decodeThreads }));
      assert.ok(down.size > 20, `${down.size} chunks`);
      assert.deepEqual([...down].filter(([, n]) => n !== 1), [], `unscan, ${decodeThreads} threads`);
      assert.deepEqual(tensorsOf(unscanned), expected);
      const rescanned = path.join(dir, 'rescanned');
      const up = await countingDecodes(() => convert(unscanned, rescanned, { ...FLAGS, to: 'scan', format: 'orbax', decodeThreads }));
      assert.ok(up.size >= L, `${up.size} chunks`);
      assert.deepEqual([...up].filter(([, n]) => n !== 1), [], `scan, ${decodeThreads} threads`);
      const back = tensorsOf(rescanned);
      for (const [name, a] of arrays) assert.ok(back.get(name)?.bytes.equals(Buffer.from(a.bytes)), `${name}, ${decodeThreads} threads`);
      assert.equal(back.size, arrays.size);
      // Only the checkpoint: no staging file inside it, no temporary beside it.
      assert.deepEqual(fs.readdirSync(dir).sort(), ['rescanned', 'unscanned']);
      for (const out of [unscanned, rescanned]) assert.equal(listing(out).filter((f) => /staging|scanconv-tmp/.test(f)).length, 0, listing(out).join(' '));
    }
  });
}

test('Orbax -> Orbax with no room to stage the decoded arrays: NO_SPACE, naming both sizes, before anything is written', async () => {
  const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), scanned(), 'v3');
  const dir = tmpDir();
  const { statfsSync } = fs;
  // A filesystem with 1000 bytes free (the staging file needs a few KB).
  fs.statfsSync = ((p: fs.PathLike) => ({ ...statfsSync(p), bavail: 1, bsize: 1000 })) as typeof fs.statfsSync;
  try {
    await assert.rejects(convert(ckpt, path.join(dir, 'out'), { ...FLAGS, to: 'pyloop', format: 'orbax' }), (e: unknown) => {
      assert.ok(e instanceof ScanconvError && e.code === 'NO_SPACE', String(e));
      const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      assert.match(e.message, new RegExp(`^cannot write ${esc(path.join(dir, 'out'))}: Orbax output from Orbax input first stages the arrays decoded \\(\\d+ bytes, then the compressed output too\\) beside it, and the filesystem of ${esc(dir)} has 1000 bytes free$`));
      return true;
    });
  } finally {
    fs.statfsSync = statfsSync;
  }
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('Orbax -> Orbax where a chunk is corrupt: the error names it and nothing is left, staging file included', async () => {
  const dir = tmpDir();
  const ckpt = writeCheckpoint(path.join(dir, 'items'), scanned(), 'v2');
  const victim = path.join(ckpt, 'params.decoder.layers.mlp.wo.kernel', '1.1.0');
  fs.writeFileSync(victim, Buffer.from('not a zstd frame'));
  const out = path.join(dir, 'outs');
  fs.mkdirSync(out);
  for (const decodeThreads of [0, 2]) {
    await assert.rejects(convert(ckpt, path.join(out, 'ckpt'), { ...FLAGS, to: 'pyloop', format: 'orbax', decodeThreads }), (e: unknown) => {
      assert.ok(e instanceof ScanconvError, String(e));
      assert.match(e.message, /params\.decoder\.layers\.mlp\.wo\.kernel\/1\.1\.0/);
      return true;
    });
    assert.deepEqual(fs.readdirSync(out), [], `${decodeThreads} threads`);
  }
});

test('verify --params-only between Orbax checkpoints: each chunk decoded once (staged in TMPDIR, removed after), the same verdicts as by byte range; a TMPDIR in memory or without room is not used, and the report says why', async () => {
  const arrays = scanned();
  const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), arrays, 'v3');
  const unscanned = path.join(tmpDir(), 'unscanned');
  await convert(ckpt, unscanned, { ...FLAGS, to: 'pyloop', format: 'orbax' });
  // One byte changed in one layer of one array, unscanned the same way.
  const changed = new Map(arrays);
  const wo = arrays.get('params.decoder.layers.mlp.wo.kernel')!;
  const bytes = Uint8Array.from(wo.bytes);
  bytes[37] ^= 0x01;
  changed.set('params.decoder.layers.mlp.wo.kernel', { ...wo, bytes });
  const other = path.join(tmpDir(), 'other');
  await convert(writeCheckpoint(path.join(tmpDir(), 'items'), changed, 'v2'), other, { ...FLAGS, to: 'pyloop', format: 'orbax' });

  const staging = tmpDir();
  const was = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  const { statfsSync } = fs;
  try {
    for (const [b, mismatches] of [[unscanned, 0], [other, 1]] as const) {
      let staged: ParamsOnlyReport | undefined;
      const located = await countingDecodes(async () => void (staged = await verifyParamsOnly(ckpt, b, FLAGS)));
      assert.ok(located.size > 20, `${located.size} chunks`);
      assert.deepEqual([...located].filter(([, n]) => n !== 1), [], 'each chunk of both decoded once');
      assert.equal(staged!.staging, undefined);
      assert.equal(staged!.params.mismatches.length, mismatches);
      assert.deepEqual(fs.readdirSync(staging), [], 'the staging directory is removed');
      const byRange = await verifyParamsOnly(ckpt, b, { ...FLAGS, stage: false });
      assert.deepEqual(byRange.params, staged!.params);
      if (mismatches) assert.equal(staged!.params.mismatches[0].key, 'params.decoder.layers.mlp.wo.kernel');
    }
    // A TMPDIR held in memory (tmpfs), then one without room: read by byte range, the same verdict, and why.
    for (const [fake, why] of [
      [{ type: 0x01021994 }, / is tmpfs, held in memory; set TMPDIR to a directory on disk with \d+ MB free to decode each chunk once\)$/],
      [{ bavail: 1, bsize: 1000 }, / has 0 MB free, and decoding each chunk once stages \d+ MB there; set TMPDIR to a directory with more room\)$/],
    ] as const) {
      fs.statfsSync = ((p: fs.PathLike) => ({ ...statfsSync(p), ...fake })) as typeof fs.statfsSync;
      const r = await verifyParamsOnly(ckpt, other, FLAGS);
      fs.statfsSync = statfsSync;
      assert.equal(r.params.mismatches.length, 1);
      assert.equal(r.staging?.length, 2);
      assert.ok(r.staging[0].startsWith(`${ckpt}: read by byte range, each chunk decoded once per layer (${staging}`), r.staging[0]);
      assert.match(r.staging[1], why);
      assert.match(renderParamsOnly(r, new Chalk({ level: 0 })), /\nnote: .*unscanned|\nnote: .*other: read by byte range/);
    }
    // A TMPDIR that does not exist: read by byte range, saying so (not an internal error).
    const absent = path.join(staging, 'absent');
    process.env.TMPDIR = absent;
    const r = await verifyParamsOnly(ckpt, other, FLAGS);
    assert.equal(r.params.mismatches.length, 1);
    assert.deepEqual(r.staging, [
      `${ckpt}: read by byte range, each chunk decoded once per layer (cannot make a directory in ${absent} (ENOENT); set TMPDIR to a writable directory)`,
      `${other}: read by byte range, each chunk decoded once per layer (cannot make a directory in ${absent} (ENOENT); set TMPDIR to a writable directory)`,
    ]);
  } finally {
    fs.statfsSync = statfsSync;
    if (was === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = was;
  }
  assert.deepEqual(fs.readdirSync(staging), []);
});

test('a staged copy counts as unfinished until removed: a host\'s removeUnfinishedFiles (the CLI\'s Ctrl-C handler) removes it', async () => {
  const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), scanned(), 'v3');
  const tmp = tmpDir();
  const index = openCheckpoint(ckpt);
  try {
    const s = await stageIndex(index, tmp);
    assert.ok(s && s.skipped === undefined);
    assert.deepEqual(fs.readdirSync(path.dirname(s.file)), ['model.safetensors']);
    assert.equal(s.index.tensors.size, index.tensors.size);
    s.index.close();
    assert.ok(removeUnfinishedFiles().includes(path.dirname(s.file)));
    assert.deepEqual(fs.readdirSync(tmp), []);
    s.remove();
    assert.deepEqual(removeUnfinishedFiles(), [], 'removed: no longer counted');
  } finally {
    index.close();
  }
});

test('copies a run killed with SIGKILL left in TMPDIR (its process of this host gone) are removed by the next staging; those of live processes, other hosts and other users, links and impossible pids stay', async () => {
  const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), scanned(), 'v2');
  const tmp = tmpDir();
  const dead = spawnSync('true').pid!;
  const names = [`scanconv-verify-${HOST}-${dead}-abc123`, `scanconv-verify-${HOST}-${process.ppid}-abc123`, `scanconv-verify-otherhost-${dead}-abc123`, 'scanconv-verify-unrelated', `scanconv-verify-${HOST}-99999999999-abc123`];
  for (const n of names) {
    fs.mkdirSync(path.join(tmp, n));
    fs.writeFileSync(path.join(tmp, n, 'model.safetensors'), 'x');
  }
  // Named as a dead run's copy, but a link to something else: neither it nor its target goes.
  const target = tmpDir();
  fs.writeFileSync(path.join(target, 'keep'), 'x');
  const link = `scanconv-verify-${HOST}-${dead}-link12`;
  fs.symlinkSync(target, path.join(tmp, link));
  names.push(link);
  // Another user's copy (root can make one): left to its owner.
  if (process.getuid?.() === 0) {
    const theirs = `scanconv-verify-${HOST}-${dead}-their1`;
    fs.mkdirSync(path.join(tmp, theirs));
    fs.chownSync(path.join(tmp, theirs), 12345, 12345);
    names.push(theirs);
  }
  const index = openCheckpoint(ckpt);
  try {
    const s = await stageIndex(index, tmp);
    assert.ok(s && s.skipped === undefined);
    assert.match(path.basename(path.dirname(s.file)), new RegExp(`^scanconv-verify-${HOST.replace(/\./g, '\\.')}-${process.pid}-[A-Za-z0-9]{6}$`));
    s.index.close();
    s.remove();
  } finally {
    index.close();
  }
  assert.deepEqual(fs.readdirSync(tmp).sort(), names.slice(1).sort());
  assert.deepEqual(fs.readdirSync(target), ['keep']);
});
