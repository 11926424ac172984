/**
 * The scatter writer (src/format/scatter.ts): safetensors and msgpack from an Orbax checkpoint written chunk
 * by chunk with positional writes is byte for byte what the streaming writer writes, whatever
 * the threads and however small the batches; each chunk is decoded once; a decoded chunk of the
 * wrong size is refused with nothing written; memory stays about a chunk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { planShards } from '../src/format/sharded.js';
import { writePlanned, writeScattered } from '../src/format/scatter.js';
import { msgpackLayout, writeMsgpack } from '../src/format/msgpackWriter.js';
import { ZarrArray } from '../src/format/orbax/zarrArray.js';
import { defaultDecodeThreads } from '../src/format/orbax/decodePool.js';
import { analyzeLayout } from '../src/layout/analyze.js';
import { planConversion } from '../src/layout/plan.js';
import type { Layout } from '../src/layout/analyze.js';
import { UsageError } from '../src/errors.js';
import { OrbaxError } from '../src/format/orbax/errors.js';
import { randomBytes, ROOT, tmpDir } from './helpers.js';
import { metadataJson, writeFiles, zarrV2, zstdRaw, type ArrayData } from './orbaxWriter.js';
import { arr, chunksOf, E, FLAGS, L, M, scanned, writeCheckpoint } from './orbaxScanned.js';


/** Both writers over the same plan: the streaming file's bytes, and the scatter's for each setting. */
async function bothWays(ckpt: string, to: Layout, settings: { decodeThreads: number; maxRuns?: number; shardSize?: number; writebackEvery?: number }[]): Promise<{ stream: Buffer; scattered: Buffer[][] }> {
  const dir = tmpDir();
  const index = openCheckpoint(ckpt);
  try {
    const plan = planConversion(analyzeLayout(index, FLAGS), to);
    const metadata = { 'scanconv.test': 'x' };
    const streamFile = path.join(dir, 'stream.safetensors');
    await writeSafetensors(streamFile, plan.outputs, metadata);
    const scattered: Buffer[][] = [];
    for (const [i, s] of settings.entries()) {
      const out = path.join(dir, `scatter${i}`, 'model.safetensors');
      fs.mkdirSync(path.dirname(out));
      const shards = planShards(out, plan.outputs, s.shardSize ?? Infinity);
      const streamed = path.join(dir, `stream${i}`, 'model.safetensors');
      fs.mkdirSync(path.dirname(streamed));
      await writeScattered(shards, metadata, { decodeThreads: s.decodeThreads, maxRuns: s.maxRuns, writebackEvery: s.writebackEvery });
      if (shards.index) {
        // Sharded: compared file by file with the streaming writer's shards of the same plan.
        const { writeSharded } = await import('../src/format/sharded.js');
        await writeSharded(planShards(streamed, plan.outputs, s.shardSize!), metadata);
        const names = fs.readdirSync(path.dirname(out)).sort();
        assert.deepEqual(names, fs.readdirSync(path.dirname(streamed)).sort());
        assert.ok(names.length > 2, 'several shards');
        for (const n of names) assert.ok(fs.readFileSync(path.join(path.dirname(out), n)).equals(fs.readFileSync(path.join(path.dirname(streamed), n))), `${n}, setting ${i}`);
      }
      scattered.push(fs.readdirSync(path.dirname(out)).sort().map((n) => fs.readFileSync(path.join(path.dirname(out), n))));
    }
    return { stream: fs.readFileSync(streamFile), scattered };
  } finally {
    index.close();
  }
}

for (const kind of ['v3', 'v2'] as const) {
  test(`scatter == stream, byte for byte (${kind === 'v3' ? 'OCDBT + sharded zarr v3' : 'zarr v2 directories'}): unscanned on axis 1, kept scanned, 0 to 3 threads, batches of 1 to 7 runs, sharded, with early writeback after every byte or 64`, async () => {
    const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), scanned(), kind);
    const unscan = await bothWays(ckpt, 'pyloop', [{ decodeThreads: 0 }, { decodeThreads: 0, maxRuns: 1 }, { decodeThreads: 0, maxRuns: 7, writebackEvery: 1 }, { decodeThreads: 1 }, { decodeThreads: 2, maxRuns: 5, writebackEvery: 64 }, { decodeThreads: 3 }]);
    for (const [i, files] of unscan.scattered.entries()) assert.ok(files[0].equals(unscan.stream), `setting ${i}`);
    const kept = await bothWays(ckpt, 'scan', [{ decodeThreads: 0 }, { decodeThreads: 2 }]);
    for (const files of kept.scattered) assert.ok(files[0].equals(kept.stream));
    await bothWays(ckpt, 'pyloop', [{ decodeThreads: 0, shardSize: 200 }, { decodeThreads: 2, shardSize: 200, maxRuns: 3, writebackEvery: 1 }]);
  });
}

test('scatter == stream from a per-layer Orbax checkpoint stacked on axis 1 (each output reads every layer\'s array)', async () => {
  const arrays = new Map<string, ArrayData>();
  for (let i = 0; i < L; i++) {
    arrays.set(`params.decoder.layers_${i}.mlp.wi.kernel`, arr([E, M], 10 + i));
    arrays.set(`params.decoder.layers_${i}.norm.scale`, arr([E], 20 + i, 'F32'));
  }
  const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), arrays, 'v2');
  const r = await bothWays(ckpt, 'scan', [{ decodeThreads: 0 }, { decodeThreads: 0, maxRuns: 2 }, { decodeThreads: 2 }]);
  for (const files of r.scattered) assert.ok(files[0].equals(r.stream));
});

test('msgpack from Orbax: scatter == stream, byte for byte, Flax-chunked leaves too (the layout is shared), 0 to 2 threads', async () => {
  const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), scanned(), 'v3');
  const dir = tmpDir();
  const index = openCheckpoint(ckpt);
  try {
    const plan = planConversion(analyzeLayout(index, FLAGS), 'pyloop');
    // 64 bytes: every leaf over it is written as Flax's __msgpack_chunked_array__ of slices.
    for (const maxChunk of [2 ** 30, 64]) {
      const stream = path.join(dir, `stream-${maxChunk}.msgpack`);
      await writeMsgpack(stream, plan.outputs, '.', undefined, maxChunk);
      const expected = fs.readFileSync(stream);
      if (maxChunk === 64) assert.ok(expected.includes(Buffer.from('__msgpack_chunked_array__')));
      for (const decodeThreads of [0, 1, 2]) {
        const out = path.join(dir, `scatter-${maxChunk}-${decodeThreads}.msgpack`);
        const n = await writePlanned([{ path: out, segments: msgpackLayout(plan.outputs, '.', maxChunk) }], { decodeThreads, maxRuns: decodeThreads === 1 ? 3 : undefined });
        assert.ok(fs.readFileSync(out).equals(expected), `maxChunk ${maxChunk}, ${decodeThreads} threads`);
        assert.equal(n, expected.byteLength);
      }
    }
  } finally {
    index.close();
  }
});

test('each chunk is read and decoded once when scattering (safetensors and msgpack output), every chunk of every array; with decode threads, by the thread, not here', async () => {
  const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), scanned(), 'v3');
  const { stored, storedChunk } = ZarrArray.prototype;
  for (const [decodeThreads, output] of [[0, 'out.safetensors'], [2, 'out.safetensors'], [0, 'out.msgpack'], [2, 'out.msgpack']] as const) {
    const located = new Map<string, number>();
    let readHere = 0;
    ZarrArray.prototype.storedChunk = function (this: ZarrArray, c: readonly number[]) {
      const key = `${this.name}#${c.join(',')}`;
      located.set(key, (located.get(key) ?? 0) + 1);
      return storedChunk.call(this, c);
    };
    ZarrArray.prototype.stored = function (this: ZarrArray, c: readonly number[], buffer?: (length: number) => Uint8Array) {
      readHere++;
      return stored.call(this, c, buffer);
    };
    try {
      await convert(ckpt, path.join(tmpDir(), output), { ...FLAGS, decodeThreads });
      assert.ok(located.size > 20, `${located.size} chunks`);
      assert.deepEqual([...located].filter(([, n]) => n !== 1), [], `${decodeThreads} threads`);
      // Every chunk of this checkpoint lies in a data file: the threads read them all themselves.
      assert.equal(readHere, decodeThreads ? 0 : located.size, `${decodeThreads} threads`);
    } finally {
      ZarrArray.prototype.stored = stored;
      ZarrArray.prototype.storedChunk = storedChunk;
    }
  }
});

test('a chunk that decodes to fewer bytes than its shape holds: CHUNK_SIZE, in this thread or a decode thread, nothing written', async () => {
  for (const decodeThreads of [0, 2]) {
    const dir = tmpDir();
    const ckpt = path.join(dir, 'items');
    const arrays = scanned();
    const kv = new Map<string, Uint8Array>();
    for (const [n, a] of arrays) for (const [k, v] of zarrV2(n, a, chunksOf(a.shape))) kv.set(k, v);
    // One chunk of wi stored short: a valid zstd frame of 10 bytes fewer.
    const key = 'params.decoder.layers.mlp.wi.kernel/1.0.0';
    const chunk = arrays.get('params.decoder.layers.mlp.wi.kernel')!;
    const size = chunksOf(chunk.shape).reduce((a, b) => a * b, 1) * 2;
    kv.set(key, zstdRaw(randomBytes(size - 10, 9)));
    writeFiles(ckpt, kv);
    fs.writeFileSync(path.join(ckpt, '_METADATA'), metadataJson([...arrays.keys()]));
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    await assert.rejects(convert(ckpt, path.join(out, 'model.safetensors'), { ...FLAGS, decodeThreads }), (e: unknown) => {
      // The same class from a decode thread as from this one.
      assert.ok(e instanceof OrbaxError, String(e));
      assert.equal((e as OrbaxError).code, 'CHUNK_SIZE');
      assert.match((e as Error).message, new RegExp(`${key.replace(/\./g, '\\.')}: zstd frame decodes to ${size - 10} bytes, the chunk holds ${size}$`));
      return true;
    });
    assert.deepEqual(fs.readdirSync(out), [], `threads ${decodeThreads}`);
  }
});

test('decodeThreads: 0 to 64, checked before anything is read', async () => {
  for (const bad of [-1, 65, 1.5, '2', null]) {
    await assert.rejects(convert('/nonexistent', '/nonexistent.safetensors', { decodeThreads: bad as number }), (e: unknown) => e instanceof UsageError && e.code === 'BAD_OPTION' && /decodeThreads.*an integer from 0 to 64/.test(e.message));
  }
});

test('memory: unscanning a 48 MB checkpoint of 1.5 MB chunks grows RSS by under 32 MB (a chunk, the zstd module and fixed costs: 19-24 MB measured); the streaming writer keeps its chunk cache (76 MB)', () => {
  const dir = tmpDir();
  const name = 'params.decoder.layers.w.kernel';
  const ckpt = path.join(dir, 'items');
  fs.mkdirSync(ckpt);
  writeFiles(ckpt, zarrV2(name, arr([768, 8, 4096], 3), [96, 8, 1024]));
  fs.writeFileSync(path.join(ckpt, '_METADATA'), metadataJson([name]));
  // RSS sampled after every chunk (scatter) or buffer (stream) written, over a collected baseline.
  const script = `
    const { convert } = await import('./src/convert.ts');
    const { openCheckpoint } = await import('./src/format/open.ts');
    const { writeSafetensors } = await import('./src/format/safetensors.ts');
    const { analyzeLayout } = await import('./src/layout/analyze.ts');
    const { planConversion } = await import('./src/layout/plan.ts');
    const flags = { layerPattern: '^layers_(\\\\d+)$', stack: 'layers', axis: 1 };
    const grew = async (run) => {
      global.gc();
      const base = process.memoryUsage.rss();
      let peak = base;
      await run(() => (peak = Math.max(peak, process.memoryUsage.rss())));
      return (peak - base) / 2 ** 20;
    };
    const scatter = await grew((onProgress) => convert(${JSON.stringify(ckpt)}, ${JSON.stringify(path.join(dir, 'a.safetensors'))}, { ...flags, decodeThreads: 0, onProgress }));
    const index = openCheckpoint(${JSON.stringify(ckpt)});
    const plan = planConversion(analyzeLayout(index, flags), 'pyloop');
    const stream = await grew((onProgress) => writeSafetensors(${JSON.stringify(path.join(dir, 'b.safetensors'))}, plan.outputs, {}, onProgress));
    process.stdout.write(JSON.stringify({ scatter, stream }));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const grew = JSON.parse(r.stdout) as { scatter: number; stream: number };
  if (process.env.SCANCONV_TEST_VERBOSE) process.stderr.write(`RSS grew by ${grew.scatter.toFixed(1)} MB (scatter), ${grew.stream.toFixed(1)} MB (stream)\n`);
  assert.ok(fs.statSync(path.join(dir, 'a.safetensors')).size > 48 << 20);
  assert.ok(grew.scatter < 32, `scatter: RSS grew by ${grew.scatter.toFixed(1)} MB`);
  // The measure can tell: the streaming writer keeps every decoded chunk (its cache holds 192 MB).
  assert.ok(grew.stream > grew.scatter + 32, `stream ${grew.stream.toFixed(1)} MB, scatter ${grew.scatter.toFixed(1)} MB`);
});

test('an abort while scattering stops at the next chunk and leaves nothing, in this thread or with decode threads', async () => {
  const ckpt = writeCheckpoint(path.join(tmpDir(), 'items'), scanned(), 'v3');
  for (const decodeThreads of [0, 2]) {
    const out = path.join(tmpDir(), 'out');
    fs.mkdirSync(out);
    const stop = new AbortController();
    let calls = 0;
    await assert.rejects(
      convert(ckpt, path.join(out, 'model.safetensors'), { ...FLAGS, decodeThreads, shardSize: 200, signal: stop.signal, onProgress: () => void (++calls === 2 && stop.abort()) }),
      (e: unknown) => (e as { code?: string }).code === 'ABORTED',
    );
    assert.deepEqual(fs.readdirSync(out), [], `threads ${decodeThreads}`);
  }
});

test('default decode threads: none on 1 CPU or under 32 MiB of arrays; else one per CPU, at most 4, and only as many as 256 MB holds, but none where only one fits', () => {
  const cpus = os.availableParallelism;
  const MiB = 1 << 20;
  try {
    const on = (n: number, chunk: number, total?: number, decoder: 'node' | 'wasm' = 'wasm') => {
      os.availableParallelism = () => n;
      return defaultDecodeThreads(chunk, total, decoder);
    };
    assert.deepEqual([on(1, MiB), on(2, MiB)], [0, 2]);
    assert.deepEqual([on(3, MiB), on(4, MiB), on(16, MiB)], [3, 4, 4]);
    // A checkpoint of under 32 MiB is decoded here.
    assert.deepEqual([on(2, MiB, (32 << 20) - 1), on(2, MiB, 32 << 20)], [0, 2]);
    // Node's own zstd: ~5 chunks and 40 MB per thread (one would fit 32 MiB chunks: none).
    assert.deepEqual([on(16, 8 * MiB, undefined, 'node'), on(16, 32 * MiB, undefined, 'node'), on(16, 64 * MiB, undefined, 'node')], [3, 0, 0]);
    // 2.25 chunks and 40 MB per thread within 256 MB (one would fit 64 MiB chunks: none).
    assert.deepEqual([on(16, 8 * MiB), on(16, 32 * MiB), on(16, 64 * MiB), on(16, 128 * MiB), on(16, 512 * MiB)], [4, 2, 0, 0, 0]);
  } finally {
    os.availableParallelism = cpus;
  }
});
