/**
 * npm run bench:generate [-- --arch llama3 --preset 1b --seq 32 --new 8 --runs 1 --no-cache-on --baseline /path/to/other/bin/scanconv]
 * One `verify` of a synthetic Llama checkpoint, then `generate` of --new tokens after a --seq
 * token prompt with the weight cache off (--weight-cache 0, the default) and on (3GiB), each under GNU
 * time: seconds, the ratio to the verify, peak RSS and the bytes each form kept. `--baseline`
 * times another build's generate (say main's bin/scanconv) in the same run, so its ratio is
 * comparable. With --runs N, N rounds of all of them in turn (a busy machine slows them alike),
 * then each one's median and its ratio to the median verify. Everything runs through the CLI (two
 * worker threads, as a user runs it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { benchArgs, LLAMA3_PRESETS, LLAMA_PRESETS, writeLlamaCheckpoint } from './synthetic.js';

const { root, opt } = benchArgs(
  import.meta.url,
  `
Usage: npm run bench:generate [-- --arch llama3|llama --preset 1b|tiny --seq 32 --new 8 --runs 1 --no-cache-on --baseline BIN]

Writes a bf16 Llama checkpoint (--arch llama3 --preset 1b: Llama-3.2-1B's shape, about 2.5 GB;
--arch llama: TinyLlama-1.1B's) to a temp dir (removed afterwards), verifies it once, then
generates --new tokens after a --seq token prompt with the weight cache off and on, and prints
seconds, each run's ratio to the verify, peak RSS and the weight bytes each form kept.

  --arch NAME     llama3 or llama (default: llama3)
  --preset NAME   1b or tiny (default: 1b)
  --seq P         prompt tokens, also verify's sequence length (default: 32)
  --new N         tokens to generate (default: 8)
  --runs N        rounds of verify and every generate in turn; medians at the end (default: 1)
  --no-cache-on   leave out the run with the weight cache on (3GiB)
  --baseline BIN  also time this scanconv's generate (another build, e.g. main's bin/scanconv)
`,
);

const arch = opt('arch', 'llama3');
const presets = arch === 'llama3' ? LLAMA3_PRESETS : LLAMA_PRESETS;
const preset = presets[opt('preset', '1b')];
if (!preset) throw new Error(`--preset: one of ${Object.keys(presets).join(', ')}`);
const P = Number(opt('seq', '32'));
const N = Number(opt('new', '8'));
const baseline = opt('baseline', '');
const rounds = Number(opt('runs', '1'));
const withCache = !process.argv.includes('--no-cache-on');
const ours = path.join(root, 'bin', 'scanconv');

interface Timed {
  wall: number;
  rssMB: number;
  stdout: string;
}

/** One CLI run under GNU time: wall seconds, peak RSS (MB) and its stdout; any exit but 0 throws. */
function timed(bin: string, args: string[]): Timed {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${bin} ${args[0]} exited ${r.status}: ${r.stderr.slice(-2000)}\n${r.stdout.slice(-2000)}`);
  return { wall, rssMB: Number(r.stderr.trim().split('\n').pop()) / 1024, stdout: r.stdout };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-bench-generate-'));
try {
  const ckpt = await writeLlamaCheckpoint(dir, preset, 'pt');
  const size = fs.statSync(ckpt).size;
  const layers = ['--layers', '^(\\d+)$'];
  process.stdout.write(`${arch} (${opt('preset', '1b')}): L=${preset.layers} D=${preset.D} V=${preset.V}, bf16, ${(size / 1e9).toFixed(2)} GB; prompt ${P} tokens, ${N} new; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const report = path.join(dir, 'report.json');
  const prompt = Array.from({ length: P }, (_, i) => (i * 7919 + 11) % preset.V).join(',');
  const runs: [string, string, string[]][] = [
    ['generate, weight cache off', ours, ['--weight-cache', '0']],
    ...(withCache ? [['generate, weight cache on', ours, ['--weight-cache', '3GiB']] as [string, string, string[]]] : []),
    ...(baseline ? [['generate, baseline', baseline, []] as [string, string, string[]]] : []),
  ];
  const seconds = new Map<string, number[]>([['verify', []], ...runs.map(([label]) => [label, []] as [string, number[]])]);
  for (let round = 1; round <= rounds; round++) {
    const v = timed(ours, ['verify', ckpt, ...layers, '--batch', '1', '--seq', String(P), '--report', report, '--detail', 'none']);
    seconds.get('verify')!.push(v.wall);
    process.stdout.write(`round ${round}, load ${os.loadavg()[0].toFixed(2)}\n${'verify:'.padEnd(30)} ${v.wall.toFixed(1)} s, peak RSS ${v.rssMB.toFixed(0)} MB\n`);
    for (const [label, bin, extra] of runs) {
      const g = timed(bin, ['generate', ckpt, ...layers, '--prompt', prompt, '--max-new-tokens', String(N), '--json', ...extra]);
      seconds.get(label)!.push(g.wall);
      const j = JSON.parse(g.stdout) as { passed: boolean; weightsKeptBytes?: Record<string, number> };
      const kept = j.weightsKeptBytes ? `, kept ${Object.entries(j.weightsKeptBytes).map(([f, b]) => `${f} ${(b / 1e9).toFixed(2)} GB`).join(', ')}` : '';
      process.stdout.write(`${`${label}:`.padEnd(30)} ${g.wall.toFixed(1)} s = ${(g.wall / v.wall).toFixed(2)}x this round's verify, peak RSS ${g.rssMB.toFixed(0)} MB, passed=${j.passed}${kept}\n`);
    }
  }
  if (rounds > 1) {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    const verify = median(seconds.get('verify')!);
    for (const [label, xs] of seconds) process.stdout.write(`median ${`${label}:`.padEnd(30)} ${median(xs).toFixed(1)} s${label === 'verify' ? '' : ` = ${(median(xs) / verify).toFixed(2)}x the median verify`}\n`);
  }
  process.stdout.write(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
