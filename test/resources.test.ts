/**
 * Issue 19: resources an input or an output name can exhaust. A header near the cap in a small
 * heap, more shards than open files, an output name near NAME_MAX; and the Rust crate's parity
 * cases that are about files (an LFS pointer as a shard, an empty --stack name).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ScanconvError } from '../src/errors.js';
import { convert } from '../src/convert.js';
import { AtomicFile } from '../src/format/atomic.js';
import { TEMP_NAME } from '../src/format/tempNames.js';
import { sweepStaleTemps } from '../src/format/staleTemps.js';
import { openCheckpoint } from '../src/format/open.js';
import { MAX_OPEN_SHARDS } from '../src/format/sharded.js';
import { ROOT, cli, dump, listDir, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';

async function withDir(body: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = tmpDir();
  try {
    await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A safetensors file whose header is about `bytes` long: one-byte U8 tensors, as many as fit. */
function bigHeader(file: string, bytes: number): number {
  const parts = ['{'];
  let len = 1;
  let i = 0;
  while (len < bytes - 200) {
    const s = `${i ? ',' : ''}"t${i}":{"dtype":"U8","shape":[1],"data_offsets":[${i},${i + 1}]}`;
    parts.push(s);
    len += s.length;
    i++;
  }
  parts.push('}');
  const text = parts.join('');
  const header = Buffer.from(text + ' '.repeat((8 - (text.length % 8)) % 8));
  const n = Buffer.alloc(8);
  n.writeBigUInt64LE(BigInt(header.length));
  fs.writeFileSync(file, Buffer.concat([n, header, Buffer.alloc(i)]));
  return i;
}

test('a 20 MB header of 300,000 tensors is checked within a 128 MiB heap (it took ~19x its size, and a 99 MB one aborted under 1 GiB)', () =>
  withDir((dir) => {
    const file = path.join(dir, 'big.safetensors');
    const n = bigHeader(file, 20_000_000);
    const r = spawnSync(process.execPath, ['--max-old-space-size=128', path.join(ROOT, 'bin', 'scanconv'), 'check', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.signal, null, `killed: ${r.stderr.slice(-300)}`);
    assert.equal(r.stdout, `ok   ${file}: safetensors, no layer groups, ${n} tensors\n`);
  }));

/** Run a scanconv command with at most `files` open descriptors. */
function withUlimit(files: number, args: string[]) {
  const cmd = `ulimit -n ${files} && exec "$0" "$@"`;
  const r = spawnSync('bash', ['-c', cmd, process.execPath, path.join(ROOT, 'bin', 'scanconv'), ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The descriptor limit of the shard test: under the shard count, so every shard open at once would
 * fail. Not 64: Node's ESM loader opens the CLI's ~167 module files concurrently at startup, and
 * under `ulimit -n 64` that alone hit EMFILE in some runs (a CI run; 10 of 10 runs of `--version`
 * from a shell here), before any shard was opened. 80 and up: 0 of 10.
 */
const FD_LIMIT = 128;

test(`more shards than open files: ${MAX_OPEN_SHARDS * 5} shards are written, checked and read back under ulimit -n ${FD_LIMIT}`, () =>
  withDir(async (dir) => {
    const specs: Record<string, TensorSpec> = {};
    const shards = MAX_OPEN_SHARDS * 5;
    assert.ok(shards > FD_LIMIT);
    for (let i = 0; i < shards / 2; i++) {
      // Finite values (random bytes may hold a NaN, which check refuses).
      specs[`layer_${i}.a`] = { dtype: 'F32', shape: [16], bytes: new Uint8Array(new Float32Array(16).fill(i + 1).buffer) };
      specs[`layer_${i}.b`] = { dtype: 'F32', shape: [16], bytes: new Uint8Array(new Float32Array(16).fill(-i - 1).buffer) };
    }
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, specs);
    fs.mkdirSync(path.join(dir, 'out'));
    const sharded = path.join(dir, 'out', 'model.safetensors');
    // --to pyloop: a format change only, every tensor its own 64-byte shard.
    let r = withUlimit(FD_LIMIT, ['convert', src, '-o', sharded, '--to', 'pyloop', '--shard-size', '64']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(listDir(path.join(dir, 'out')).length, shards + 1);
    const index = `${sharded}.index.json`;
    r = withUlimit(FD_LIMIT, ['check', index]);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const back = path.join(dir, 'back.safetensors');
    r = withUlimit(FD_LIMIT, ['convert', index, '-o', back, '--to', 'pyloop']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(dump(back), dump(src));
    // In the library too: every tensor of every shard readable through the bounded set.
    const opened = openCheckpoint(index);
    try {
      assert.equal(opened.tensors.size, shards);
      for (const [name, ref] of opened.tensors) {
        const a = new Uint8Array(ref.byteLength);
        ref.readInto(a, 0, 0, ref.byteLength);
        assert.ok(a.some((b) => b !== 0), name);
      }
    } finally {
      opened.close();
    }
  }));

test('a shard replaced while its checkpoint is open is refused when reopened, not read from the other file', () =>
  withDir(async (dir) => {
    const specs: Record<string, TensorSpec> = {};
    for (let i = 0; i < MAX_OPEN_SHARDS + 4; i++) specs[`layer_${i}.a`] = { dtype: 'F32', shape: [16] };
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, specs);
    const sharded = path.join(dir, 'model.safetensors');
    await convert(src, sharded, { to: 'pyloop', shardSize: 64 });
    const opened = openCheckpoint(`${sharded}.index.json`);
    try {
      const first = opened.tensors.get('layer_0.a')!;
      // The first shard's descriptor was closed to make room; replace the file behind it.
      const shard = path.join(dir, 'model-00001-of-00036.safetensors');
      const copy = `${shard}.copy`;
      fs.copyFileSync(shard, copy);
      fs.renameSync(copy, shard);
      assert.throws(() => first.readInto(new Uint8Array(64), 0, 0, 64), (e: unknown) => e instanceof ScanconvError && e.code === 'INPUT_CHANGED');
    } finally {
      opened.close();
    }
  }));

test('an output name of 242 bytes is written: the temporary name is cut and hashed to fit NAME_MAX, and still found as a stale temp', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, { 'layer_0.a': { dtype: 'F32', shape: [2] }, 'layer_1.a': { dtype: 'F32', shape: [2] } });
    const name = `${'é'.repeat(100)}${'a'.repeat(30)}.safetensors`;
    assert.equal(Buffer.byteLength(name), 242);
    const out = path.join(dir, name);
    await convert(src, out);
    assert.deepEqual(listDir(dir), [name, 'src.safetensors'].sort());
    const pending = new AtomicFile(out);
    try {
      const temp = path.basename(pending.tempPath);
      assert.ok(Buffer.byteLength(temp) <= 255, `${Buffer.byteLength(temp)} bytes`);
      assert.match(temp, TEMP_NAME);
      assert.ok(temp.startsWith(`.${'é'.repeat(10)}`));
      // Two long names sharing a prefix still get different temporary names.
      const other = new AtomicFile(path.join(dir, `${'é'.repeat(100)}${'b'.repeat(30)}.safetensors`));
      assert.notEqual(path.basename(other.tempPath).split('.scanconv-')[0], temp.split('.scanconv-')[0]);
      other.abort();
    } finally {
      pending.abort();
    }
    // As a dead run's leftover, a later run removes it.
    const dead = path.join(dir, `.${'é'.repeat(60)}~0123456789abcdef.scanconv-tmp-${'h'}-999999999-0`);
    fs.writeFileSync(dead, '');
    const swept = sweepStaleTemps(dir);
    assert.deepEqual([...swept.removed, ...swept.kept], [dead]);
  }));

test('an LFS pointer as a shard of an index gets the LFS message', () =>
  withDir(async (dir) => {
    const specs: Record<string, TensorSpec> = { 'layer_0.a': { dtype: 'F32', shape: [16] }, 'layer_1.a': { dtype: 'F32', shape: [16] } };
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, specs);
    const sharded = path.join(dir, 'model.safetensors');
    await convert(src, sharded, { to: 'pyloop', shardSize: 64 });
    const shard = path.join(dir, 'model-00002-of-00002.safetensors');
    fs.writeFileSync(shard, 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n');
    const r = cli(['check', `${sharded}.index.json`]);
    assert.equal(r.status, 2, r.stdout);
    assert.match(r.stdout + r.stderr, new RegExp(`${shard.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: a Git LFS pointer, not the checkpoint itself; fetch the file with \`git lfs pull\``));
  }));

test('an empty --stack name (or one holding the separator) is refused, not written as params..w', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, { 'p.layer_0.a': { dtype: 'F32', shape: [2] }, 'p.layer_1.a': { dtype: 'F32', shape: [2] } });
    for (const stack of ['', 'a.b']) {
      await assert.rejects(convert(src, path.join(dir, 'o.safetensors'), { stack }), (e: unknown) => e instanceof ScanconvError && e.code === 'BAD_STACK');
    }
    const r = cli(['convert', src, '-o', path.join(dir, 'o.safetensors'), '--stack', '']);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, 'scanconv: error: --stack "" is not a node name: it must be 1 to 1024 characters without the separator "."\n');
    assert.deepEqual(listDir(dir), ['src.safetensors']);
  }));
