/**
 * npm run bench:zstd [-- --chunk 32MiB --level 1 --runs 5 --values trained|normal]
 * Why wasmZstd.ts decodes with @foxglove/wasm-zstd's build and asks zstddec's only for error
 * names: times one chunk of bf16 weights decoded by each WebAssembly build of libzstd, by the
 * running Node's own zstd when it has one, and by Debian's `zstd -d` (to /dev/null), and checks
 * that every decoder gives the same bytes. A benchmark, not a test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseSize } from '../src/cli/options.js';
import { loadFast, loadNamed, type ZstdModule } from '../src/format/orbax/wasmZstdModules.js';
import { loadZstd, zstdCompress } from '../src/format/orbax/zstdCompress.js';
import { benchArgs } from './synthetic.js';

const { opt } = benchArgs(
  import.meta.url,
  `
Usage: npm run bench:zstd [-- --chunk 32MiB --level 1 --runs 5 --values trained|normal]

One chunk of bf16 values, compressed once at --level, then decoded --runs times by:
  foxglove   @foxglove/wasm-zstd's build (libzstd 1.5, -O3): what scanconv decodes with
  zstddec    zstddec's build: what scanconv asks why a frame failed
  node       the running Node's own zstd (Node 22.15+ only)
  zstd -d    Debian's zstd, to /dev/null (process start included; skipped when absent)
Prints the median ms and MB/s of each; exits 1 if any decoder's bytes differ.

  --values trained   bench:orbax's: the high byte from a few exponents, the low byte
                     pseudo-random (default)
  --values normal    N(0, 0.02) rounded to bf16 (more distinct exponents: harder literals)`,
);
const chunk = parseSize(opt('chunk', '32MiB'));
const level = Number(opt('level', '1'));
const runs = Math.max(1, Number(opt('runs', '5')));

const values = opt('values', 'trained');
const raw = new Uint8Array(chunk);
if (values === 'normal') {
  // Box-Muller over a fixed LCG, each value's upper 16 bits (bf16 by truncation).
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  let s = 12345;
  const uniform = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) + 1) / 2 ** 32;
  for (let i = 0; i + 1 < chunk; i += 2) {
    f[0] = 0.02 * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    raw[i] = (u[0] >>> 16) & 0xff;
    raw[i + 1] = u[0] >>> 24;
  }
} else {
  const HIGH = [0x3c, 0x3d, 0x3d, 0x3e, 0xbc, 0xbd, 0xbd, 0xbe];
  for (let i = 0; i < chunk; i++) {
    let h = Math.imul((i >>> 1) ^ 7, 0x9e3779b1);
    h ^= h >>> 15;
    raw[i] = i & 1 ? HIGH[h & 7] : (h >>> 8) & 0xff;
  }
}
await loadZstd();
const frame = zstdCompress(raw, level);
process.stdout.write(`${(chunk / 2 ** 20).toFixed(0)} MiB bf16 (${values}) -> ${(frame.length / 2 ** 20).toFixed(1)} MiB (zstd ${level}), ${runs} runs each\n`);

function report(name: string, times: number[], same: boolean): boolean {
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  process.stdout.write(`${name.padEnd(10)} ${median.toFixed(1).padStart(8)} ms  ${(chunk / 1e6 / (median / 1e3)).toFixed(0).padStart(5)} MB/s${same ? '' : '  OUTPUT DIFFERS'}\n`);
  return same;
}

function wasmRun(name: string, m: ZstdModule): boolean {
  const src = m.malloc(frame.length);
  const dst = m.malloc(chunk);
  new Uint8Array(m.memory.buffer, src, frame.length).set(frame);
  const times: number[] = [];
  let n = 0;
  for (let r = 0; r <= runs; r++) {
    const t = performance.now();
    n = m.decompress(dst, chunk, src, frame.length);
    if (r > 0) times.push(performance.now() - t); // the first run compiles the hot code
  }
  return report(name, times, n === chunk && Buffer.from(m.memory.buffer, dst, chunk).equals(raw));
}

let ok = wasmRun('foxglove', loadFast()) && wasmRun('zstddec', loadNamed());
const native = (zlib as { zstdDecompressSync?: (b: Uint8Array) => Buffer }).zstdDecompressSync;
if (native) {
  const times: number[] = [];
  let out: Uint8Array = new Uint8Array(0);
  for (let r = 0; r <= runs; r++) {
    const t = performance.now();
    out = native(frame);
    if (r > 0) times.push(performance.now() - t);
  }
  ok = report('node', times, Buffer.from(out).equals(raw)) && ok;
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-bench-zstd-'));
try {
  const file = path.join(dir, 'chunk.zst');
  fs.writeFileSync(file, frame);
  if (spawnSync('zstd', ['--version']).status === 0) {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const z = spawnSync('zstd', ['-d', '-q', '-c', file], { stdio: ['ignore', 'ignore', 'inherit'] });
      times.push(performance.now() - t);
      if (z.status !== 0) ok = false;
    }
    report('zstd -d', times, true);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
