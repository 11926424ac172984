/**
 * The Orbax writer's compression threads (src/format/orbax/compressPool.ts): the data file is the
 * same bytes whatever the thread count (frames and shard steps strictly in order), every array
 * reads back bit for bit, a failure part way stops the threads and leaves nothing, and the flag
 * is checked like --decode-threads.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { convert } from '../src/convert.js';
import { ScanconvError } from '../src/errors.js';
import { writeOrbax } from '../src/format/orbax/orbaxWriter.js';
import { defaultCompressThreads } from '../src/format/orbax/compressPool.js';
import { copyOf } from '../src/format/stream.js';
import { memoryRef, readAll, type TensorRef } from '../src/format/types.js';
import { openCheckpoint } from '../src/format/open.js';
import { parseCompressThreads } from '../src/cli/options.js';
import { cli, listDir, randomBytes, tmpDir, writeSynthetic } from './helpers.js';

/** Arrays of many chunks (1 KiB each), one of a few, small (inline) ones, a scalar and an empty one. */
function tensors(): TensorRef[] {
  return [
    memoryRef('big.a', 'BF16', [96, 64], randomBytes(96 * 64 * 2, 1)),
    memoryRef('big.b', 'F32', [40, 33], randomBytes(40 * 33 * 4, 2)),
    memoryRef('few', 'F32', [3, 256], randomBytes(3 * 256 * 4, 3)),
    memoryRef('small', 'I32', [5], randomBytes(20, 4)),
    memoryRef('step', 'I64', [], randomBytes(8, 5)),
    memoryRef('empty', 'F32', [0, 4], new Uint8Array(0)),
  ];
}

/** The data file holding an Orbax checkpoint's values (the largest under d/; the B+tree nodes are the other). */
function dataFile(ckpt: string): Buffer {
  const d = path.join(ckpt, 'items', 'd');
  const files = fs.readdirSync(d).map((f) => fs.readFileSync(path.join(d, f)));
  assert.equal(files.length, 2);
  return files.sort((a, b) => b.byteLength - a.byteLength)[0];
}

test('0, 1, 2 and 5 compression threads write the same data file, every array back bit for bit (many 1 KiB chunks, inline, scalar, empty)', async () => {
  const dir = tmpDir();
  const refs = tensors();
  const files: Buffer[] = [];
  for (const compressThreads of [0, 1, 2, 5]) {
    const out = path.join(dir, `t${compressThreads}`);
    await writeOrbax(out, refs.map((r) => copyOf(r)), {}, '.', { chunkBytes: 1024, compressThreads });
    files.push(dataFile(out));
    const index = openCheckpoint(out);
    try {
      assert.deepEqual([...index.tensors.keys()].sort(), refs.map((r) => r.name).sort());
      for (const r of refs) assert.ok(Buffer.from(readAll(index.tensors.get(r.name)!)).equals(Buffer.from(readAll(r))), `${r.name}, ${compressThreads} threads`);
    } finally {
      index.close();
    }
  }
  assert.ok(files[0].byteLength > 20_000, `${files[0].byteLength} bytes`);
  for (const [i, f] of files.entries()) assert.ok(f.equals(files[0]), `setting ${i}`);
});

test('a tensor that fails part way with 2 compression threads: the error, the threads stopped, nothing left', async () => {
  const dir = tmpDir();
  let reads = 0;
  const base = memoryRef('b.w', 'F32', [256, 256], randomBytes(256 * 256 * 4, 6));
  const failing: TensorRef = {
    ...base,
    readInto(target, at, offset, length) {
      if (++reads > 3) throw new Error('disk gone');
      base.readInto(target, at, offset, length);
    },
  };
  const ok = tensors().map((r) => copyOf(r));
  // Small reads: PieceWriter reads a 64 KiB piece at a time, so several chunks are in flight first.
  const pieces = {
    ...copyOf(failing),
    *pieces() {
      for (let o = 0; o < failing.byteLength; o += 65536) yield { ref: failing, offset: o, length: 65536 };
    },
  };
  await assert.rejects(writeOrbax(path.join(dir, 'ckpt'), [...ok, pieces], {}, '.', { chunkBytes: 1024, compressThreads: 2 }), /disk gone/);
  assert.deepEqual(listDir(dir), []);
});

test('default compression threads: one fewer than the CPUs, at most 4, within 256 MB at 5 chunks + 24 MB each; none without compression or under 32 MiB', () => {
  const MiB = 1 << 20;
  const spare = Math.max(0, Math.min(4, os.availableParallelism() - 1));
  assert.equal(defaultCompressThreads(MiB, 1e9, true), spare);
  // 8 MiB chunks: 64 MiB a thread, four fit; 16 MiB: 104 MiB, two; 32 MiB: 184 MiB, one; 64 MiB: none.
  assert.equal(defaultCompressThreads(8 * MiB, 1e9, true), Math.min(spare, 4));
  assert.equal(defaultCompressThreads(16 * MiB, 1e9, true), Math.min(spare, 2));
  assert.equal(defaultCompressThreads(32 * MiB, 1e9, true), Math.min(spare, 1));
  assert.equal(defaultCompressThreads(64 * MiB, 1e9, true), 0);
  assert.equal(defaultCompressThreads(MiB, 1e9, false), 0);
  assert.equal(defaultCompressThreads(MiB, 16 * MiB, true), 0);
});

test('convert --compress-threads N: 0 and 2 write the same data file; a bad N exits 2 with BAD_COMPRESS_THREADS; not for other formats; --help says the default', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'in.safetensors');
  await writeSynthetic(src, { 'params.layer_0.w': { dtype: 'F32', shape: [64, 64] }, 'params.layer_1.w': { dtype: 'F32', shape: [64, 64] } });
  const files = [0, 2].map((n) => {
    const out = path.join(dir, `t${n}`);
    const r = cli(['convert', src, '-o', out, '--format', 'orbax', '--chunk-size', '1KiB', '--compress-threads', String(n)]);
    assert.equal(r.status, 0, r.stderr);
    return dataFile(out);
  });
  assert.ok(files[0].equals(files[1]));
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  for (const [bad, shown] of [['65', '"65"'], ['-1', '"-1"'], ['two', '"two"']]) {
    const r = cli(['convert', src, '-o', path.join(out, 'x'), '--format', 'orbax', '--compress-threads', bad]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `scanconv: error: --compress-threads ${shown} is not a thread count from 0 to 64\n`);
  }
  const r = cli(['convert', src, '-o', path.join(out, 'x.safetensors'), '--compress-threads', '1']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: --zstd-level, --chunk-size and --compress-threads apply to --format orbax output only\n');
  assert.deepEqual(listDir(out), []);
  assert.throws(() => parseCompressThreads('65'), { code: 'BAD_COMPRESS_THREADS' });
  assert.equal(parseCompressThreads('64'), 64);
  const help = cli(['convert', '--help']).stdout.replace(/\s+/g, ' ');
  assert.match(help, /--compress-threads <n> orbax output: threads that compress chunks, 0 to 64 \(0: the main thread\); memory is about 5 chunks per thread \(default: one fewer than the CPUs/);
});

test('convert to Orbax stops at its next buffer when the signal is aborted: ABORTED, 0 and 2 compression threads, nothing left', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'in.safetensors');
  // 24 MB: the first 8 MB buffer's progress aborts; the writer sees it at its next buffer.
  const layers = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`params.layer_${i}.w`, { dtype: 'F32' as const, shape: [1024, 1024] }]));
  await writeSynthetic(src, layers);
  const outs = path.join(dir, 'outs');
  fs.mkdirSync(outs);
  for (const compressThreads of [0, 2]) {
    const controller = new AbortController();
    const run = convert(src, path.join(outs, 'ckpt'), { format: 'orbax', chunkBytes: 64 << 10, compressThreads, signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(run, (e: unknown) => e instanceof ScanconvError && e.code === 'ABORTED');
    assert.deepEqual(listDir(outs), [], `${compressThreads} threads`);
  }
});

test('a tree of 200,000 arrays is written (the largest chunk found without spreading every leaf into one call)', async () => {
  const dir = tmpDir();
  const one = memoryRef('x', 'U8', [1], new Uint8Array([7]));
  const refs = Array.from({ length: 200_000 }, (_, i) => copyOf(one, `a${i}`));
  await writeOrbax(path.join(dir, 'ckpt'), refs, {}, '.', { compressThreads: 0 });
  assert.deepEqual(listDir(dir), ['ckpt']);
});
