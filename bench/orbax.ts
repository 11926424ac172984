/**
 * npm run bench:orbax [-- --size 2GB --layers 16 --chunk 32MiB --level 1 --threads 0,2 --cli --orbax --verify --keep]
 * Writes a MaxText-shaped scanned Orbax checkpoint (bf16 with a trained weight's byte
 * statistics, zstd, several chunks per array each spanning every layer), then unscans it to
 * sharded safetensors (scatter.ts: each chunk decoded once, its pieces written in place) once per
 * decode-thread count, each step in a fresh process, and prints seconds, MB/s and peak RSS
 * beside `zstd -d` on the same chunk bytes. A benchmark, not a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { TensorRef } from '../src/format/types.js';
import { copyOf } from '../src/format/stream.js';
import { writeOrbax } from '../src/format/orbax/orbaxWriter.js';
import { listEntries, loadTestReader } from '../test/orbaxTestReader.js';
import { benchArgs, parseSize } from './synthetic.js';

const { root, args, opt } = benchArgs(
  import.meta.url,
  `
Usage: npm run bench:orbax [-- --size 2GB --layers 16 --chunk 32MiB --level 1 --threads 0,2 --cli --orbax --verify --keep]

Writes a MaxText-shaped scanned Orbax checkpoint (OCDBT + zarr v3, bf16, zstd) in the temp dir,
unscans it to sharded safetensors (--shard-size 1GB), each step in a fresh process, and prints
seconds, MB/s and peak RSS beside \`zstd -d\` (Debian's zstd) on the same chunk bytes.

  --size SIZE     checkpoint size before compression (default: 2GB)
  --layers L      layers (default: 16)
  --chunk SIZE    largest chunk (default: 32MiB; every array has several)
  --level N       zstd level of the chunks (default: 1)
  --threads LIST  decode threads of each unscan run (default: 0,2; 0 decodes in the main thread,
                  \`default\` lets convert pick)
  --cli           unscan with the built CLI (dist/cli/bin.js: npm run build:dist first), as a
                  user runs it; without it, the library's convert from source under tsx
  --orbax         also unscan to per-layer Orbax with the built CLI (staged decoded, then
                  compressed in threads)
  --verify        as --orbax, then time check of both checkpoints and verify --params-only
                  between them with the built CLI
  --keep          keep the temp dir (its path is printed)`,
);

/** MaxText's llama names under params.params.decoder.layers, scanned on axis 1 ([E, L, ...]). */
function scannedShapes(E: number, L: number): Record<string, number[]> {
  const H = E / 128;
  const KV = Math.max(1, Math.floor(H / 4));
  const M = E * 4;
  const V = 32000;
  const p = 'params.params.decoder';
  return {
    [`${p}.layers.self_attention.query.kernel`]: [E, L, H, 128],
    [`${p}.layers.self_attention.key.kernel`]: [E, L, KV, 128],
    [`${p}.layers.self_attention.value.kernel`]: [E, L, KV, 128],
    [`${p}.layers.self_attention.out.kernel`]: [H, L, 128, E],
    [`${p}.layers.mlp.wi_0.kernel`]: [E, L, M],
    [`${p}.layers.mlp.wi_1.kernel`]: [E, L, M],
    [`${p}.layers.mlp.wo.kernel`]: [M, L, E],
    [`${p}.layers.pre_self_attention_layer_norm.scale`]: [E, L],
    [`${p}.layers.post_self_attention_layer_norm.scale`]: [E, L],
    [`${p}.decoder_norm.scale`]: [E],
    [`${p}.logits_dense.kernel`]: [E, V],
    'params.params.token_embedder.embedding': [V, E],
  };
}

/**
 * bf16 with a trained weight's byte statistics, generated on read from the position: the high
 * byte (sign and exponent) from a few values, the low byte (mantissa) pseudo-random. zstd level 1
 * compresses it to about 80%, as it does real weights.
 */
function weightRef(name: string, shape: number[], seed: number): TensorRef {
  const byteLength = shape.reduce((a, b) => a * b, 1) * 2;
  const HIGH = [0x3c, 0x3d, 0x3d, 0x3e, 0xbc, 0xbd, 0xbd, 0xbe];
  return {
    name,
    dtype: 'BF16',
    shape,
    byteLength,
    readInto(target, targetOffset, offset, length) {
      for (let i = 0; i < length; i++) {
        const pos = offset + i;
        let h = Math.imul((pos >>> 1) ^ seed, 0x9e3779b1);
        h ^= h >>> 15;
        target[targetOffset + i] = pos & 1 ? HIGH[h & 7] : (h >>> 8) & 0xff;
      }
    },
  };
}

/** The largest embedding width (a multiple of 128) whose checkpoint stays within `size` bytes. */
function sizing(size: number, L: number): number {
  for (let E = 128; ; E += 128) {
    const total = Object.values(scannedShapes(E + 128, L)).reduce((s, shape) => s + shape.reduce((a, b) => a * b, 1) * 2, 0);
    if (total > size) return E;
  }
}

/** The child that writes the checkpoint (run in a fresh process so its peak RSS is its own). */
async function childWrite(out: string, size: number, L: number, chunk: number, level: number): Promise<void> {
  const E = sizing(size, L);
  const refs = Object.entries(scannedShapes(E, L)).map(([name, shape], i) => weightRef(name, shape, i + 1));
  // No scanconv provenance, as MaxText writes it: the unscan finds MaxText's layout (layers_N) itself.
  await writeOrbax(out, refs.map((r) => copyOf(r)), {}, '.', { zstdLevel: level, chunkBytes: chunk });
  const raw = refs.reduce((s, r) => s + r.byteLength, 0);
  process.stdout.write(`${JSON.stringify({ raw, E, tensors: refs.length })}\n`);
}

function timed(cmd: string, argv: string[], stdoutFile?: string): { seconds: number; cpu: number; rssMB: number; status: number; stdout: string; stderr: string } {
  spawnSync('sync');
  const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'pipe';
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...argv], { encoding: 'utf8', stdio: ['ignore', out, 'pipe'], maxBuffer: 1 << 26 });
  spawnSync('sync');
  if (typeof out === 'number') fs.closeSync(out);
  const seconds = (performance.now() - t0) / 1000;
  // GNU time's last line is the peak RSS, and a failing command gets a line of its own.
  const lines = r.stderr.trim().split('\n');
  const [rss, user, sys] = lines.pop()!.split(' ').map(Number);
  const rssMB = rss / 1024;
  const cpu = user + sys;
  const stderr = lines.filter((l) => !l.startsWith('Command exited with non-zero status')).join('\n');
  return { seconds, cpu, rssMB, status: r.status ?? -1, stdout: r.stdout ?? '', stderr };
}

/** Every chunk's zstd frame, concatenated in one file (what `zstd -d` decodes as a stream of frames). */
function collectFrames(items: string, framesFile: string): { frames: number; bytes: number } {
  const { entries } = listEntries(items);
  const out = fs.openSync(framesFile, 'w');
  let frames = 0;
  let bytes = 0;
  try {
    for (const [key, e] of entries) {
      if (key.endsWith('/zarr.json') || 'inline' in e) continue;
      const fd = fs.openSync(path.join(items, e.file), 'r');
      try {
        const json = JSON.parse(Buffer.from((entries.get(`${key.slice(0, key.indexOf('/c'))}/zarr.json`) as { inline: Uint8Array }).inline).toString()) as { shape: number[]; codecs: { configuration: { chunk_shape: number[] } }[] };
        const n = json.shape.length ? json.shape[0] / json.codecs[0].configuration.chunk_shape[0] : 1;
        const index = Buffer.alloc(n * 16);
        fs.readSync(fd, index, 0, index.byteLength, e.offset + e.length - n * 16 - 4);
        for (let i = 0; i < n; i++) {
          const off = Number(index.readBigUInt64LE(i * 16));
          const len = Number(index.readBigUInt64LE(i * 16 + 8));
          const buf = Buffer.alloc(len);
          fs.readSync(fd, buf, 0, len, e.offset + off);
          fs.writeSync(out, buf);
          frames++;
          bytes += len;
        }
      } finally {
        fs.closeSync(fd);
      }
    }
  } finally {
    fs.closeSync(out);
  }
  return { frames, bytes };
}

const size = parseSize(opt('size', '2GB'));
const L = Number(opt('layers', '16'));
const chunk = parseSize(opt('chunk', '32MiB'));
const level = Number(opt('level', '1'));

if (args[0] === '--child-write') {
  await childWrite(args[1], size, L, chunk, level);
} else if (args[0] === '--child-unscan') {
  // The library's convert, as the CLI runs it, with the decode threads given.
  const { convert } = await import('../src/convert.js');
  await convert(args[1], args[2], { shardSize: 1e9, decodeThreads: args[3] === 'default' ? undefined : Number(args[3]) });
} else {
  await loadTestReader();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-bench-orbax-'));
  const ckpt = path.join(dir, 'ckpt');
  // CPU seconds beside wall seconds: on a shared machine the wall clock measures the neighbours.
  const row = (what: string, t: { seconds: number; cpu: number; rssMB: number }, mb: number) =>
    process.stdout.write(
      `${what.padEnd(48)} ${t.seconds.toFixed(2).padStart(8)} s wall ${(mb / t.seconds).toFixed(0).padStart(5)} MB/s | ${t.cpu.toFixed(2).padStart(7)} s CPU ${(mb / t.cpu).toFixed(0).padStart(5)} MB/s | peak RSS ${t.rssMB.toFixed(0)} MB\n`,
    );
  try {
    process.stdout.write(`writing a MaxText-shaped scanned Orbax checkpoint (${(size / 1e9).toFixed(2)} GB bf16, ${L} layers, chunks <= ${chunk} B, zstd ${level}) in ${dir}\n`);
    const w = timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'orbax.ts'), '--child-write', ckpt, '--size', String(size), '--layers', String(L), '--chunk', String(chunk), '--level', String(level)]);
    if (w.status !== 0) throw new Error(`write failed: ${w.stderr}`);
    const { raw, E, tensors } = JSON.parse(w.stdout.trim().split('\n').pop()!) as { raw: number; E: number; tensors: number };
    const framesFile = path.join(dir, 'frames.zst');
    const { frames, bytes } = collectFrames(path.join(ckpt, 'items'), framesFile);
    process.stdout.write(`E=${E}, ${tensors} arrays, ${frames} chunks, ${(raw / 1e6).toFixed(0)} MB raw -> ${(bytes / 1e6).toFixed(0)} MB compressed (${((100 * bytes) / raw).toFixed(1)}%)\n`);
    row('write (scanconv, zstd in wasm)', w, raw / 1e6);
    const z = timed('zstd', ['-d', '-c', '-q', framesFile], '/dev/null');
    if (z.status !== 0) throw new Error(`zstd -d failed: ${z.stderr}`);
    row('zstd -d, the same chunk frames, to /dev/null', z, raw / 1e6);
    // The same output work as an unscan: every decoded byte written to a file and synced (timed() syncs after).
    const zf = timed('zstd', ['-d', '-q', '-f', framesFile, '-o', path.join(dir, 'frames.raw')]);
    if (zf.status !== 0) throw new Error(`zstd -d -o failed: ${zf.stderr}`);
    fs.rmSync(path.join(dir, 'frames.raw'));
    row('zstd -d, the same chunk frames, to a file', zf, raw / 1e6);
    const zc = timed('zstd', [`-${Math.max(1, level)}`, '-c', '-q', '-T1', framesFile], '/dev/null');
    row(`zstd -${Math.max(1, level)} -T1 (recompressing the frames)`, zc, bytes / 1e6);
    fs.rmSync(framesFile);
    for (const threads of opt('threads', '0,2').split(',')) {
      // `default`: no thread count given, so convert picks it (defaultDecodeThreads).
      const given = threads === 'default' ? [] : ['--decode-threads', threads];
      const outDir = path.join(dir, 'unscanned');
      fs.mkdirSync(outDir);
      const target = path.join(outDir, 'model.safetensors');
      // --cli: the built CLI as a user runs it (no tsx in the process or its threads).
      const argv = args.includes('--cli')
        ? [path.join(root, 'dist', 'cli', 'bin.js'), 'convert', ckpt, '-o', target, '--shard-size', '1GB', ...given, '--no-provenance']
        : ['--import', 'tsx', path.join(root, 'bench', 'orbax.ts'), '--child-unscan', ckpt, target, threads];
      const u = timed(process.execPath, argv);
      if (u.status !== 0) throw new Error(`unscan failed: ${u.stderr}`);
      row(threads === 'default' ? 'unscan to sharded safetensors, default threads' : `unscan to sharded safetensors, ${threads} decode threads`, u, raw / 1e6);
      process.stdout.write(`${''.padEnd(48)} ${(z.seconds / u.seconds).toFixed(2)}x zstd -d to /dev/null, ${(zf.seconds / u.seconds).toFixed(2)}x zstd -d to a file (throughput)\n`);
      fs.rmSync(outDir, { recursive: true });
    }
    const cli = path.join(root, 'dist', 'cli', 'bin.js');
    if (args.includes('--orbax') || args.includes('--verify')) {
      // Orbax output from this Orbax checkpoint (staging.ts, then the writer's compression threads).
      const outDir = path.join(dir, 'unscanned-orbax');
      const o = timed(process.execPath, [cli, 'convert', ckpt, '-o', outDir, '--format', 'orbax', '--no-provenance']);
      if (o.status !== 0) throw new Error(`unscan to Orbax failed: ${o.stderr}`);
      row('unscan to per-layer Orbax (built CLI, defaults)', o, raw / 1e6);
      if (args.includes('--verify')) {
        // check decodes every chunk once (integrity.ts); --params-only stages both decoded in TMPDIR.
        for (const [label, argv] of [
          ['check, the scanned checkpoint', ['check', ckpt]],
          ['check, its per-layer Orbax conversion', ['check', outDir]],
          ['verify --params-only, scanned vs per-layer', ['verify', ckpt, outDir, '--params-only', '--quiet']],
        ] as const) {
          const v = timed(process.execPath, [cli, ...argv]);
          if (v.status !== 0) throw new Error(`${label} failed (exit ${v.status}): ${v.stdout}${v.stderr}`);
          row(label, v, raw / 1e6);
        }
      }
      fs.rmSync(outDir, { recursive: true });
    }
    process.stdout.write(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs; largest chunk ${(chunk / 2 ** 20).toFixed(0)} MiB; targets: peak RSS <= largest chunk + 256 MB, unscan >= half of zstd -d's MB/s\n`);
  } finally {
    if (args.includes('--keep')) process.stdout.write(`kept ${dir}\n`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}
