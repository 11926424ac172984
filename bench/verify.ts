/**
 * npm run bench:verify [-- --layers 42 --batch 12 --seq 32 --dim 512 --heads 4 --backend wasm,ort]
 * npm run bench:verify -- --arch llama --preset 1b [--batch 1 --seq 32 --runs 1]
 * npm run bench:verify -- --arch llama3 --preset 1b   (Llama-3.2-1B's shape: tied, llama3 RoPE, about 2.5 GB)
 * The notebook's size by default: a random f32 pyloop checkpoint, verified end to end by the
 * CLI (two worker threads), with per-form weight-load and compute seconds and GFLOP/s. Several
 * backends (`--backend wasm,ort`, the default when onnxruntime-node loads) run alternately, run
 * after run, so a busy machine slows them alike; the last line is their ratio in this run.
 * `--torch`: bench/torch_peer.py times the same model's forwards in PyTorch, printed beside.
 * --arch llama: a Hugging Face Llama checkpoint in bf16 (preset 1b: TinyLlama-1.1B's shape,
 * about 2.2 GB) with its config.json, written to a temp dir that is removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { forwardCost } from '../src/model/flops.js';
import { ortPackageDir } from '../src/model/ort/runtime.js';
import { benchArgs, LLAMA3_PRESETS, LLAMA_PRESETS, writeBlockCheckpoint, writeLlamaCheckpoint } from './synthetic.js';

const { root, opt } = benchArgs(
  import.meta.url,
  `
Usage: npm run bench:verify [-- --layers 42 --batch 12 --seq 32 --dim 512 --heads 4 --backend wasm,ort --runs 2 --torch]
       npm run bench:verify -- --arch llama [--preset 1b|tiny --naming pt|flax --batch 1 --seq 32 --runs 1 --backend wasm,ort --torch]
       npm run bench:verify -- --arch llama3 [--preset 1b|tiny ...the same options]

Verifies a random f32 block model end to end with the CLI (the notebook's size by default),
twice per backend (backends alternating), and prints per-form weight-load and forward seconds,
GFLOP/s and peak RSS, then each backend's median and their ratio. With
--arch llama: a bf16 Hugging Face Llama with its config.json (preset 1b: TinyLlama-1.1B's
shape, about 2.2 GB, written to a temp dir and removed afterwards). --arch llama3: Llama-3.2-1B's
shape (16 layers, D 2048, 32 heads, 8 KV heads, F 8192, V 128256, tied, llama3 RoPE, ~2.5 GB).

  --layers L      layers (default: 42)
  --batch B       batch (default: 12)
  --seq T         sequence length (default: 32)
  --dim D         model width (default: 512)
  --heads H       attention heads (default: 4)
  --backend LIST  comma-separated: wasm, ort, webgpu, tensorflow or cpu (default: wasm,ort
                  when onnxruntime-node loads, else wasm); ort@N is ort with N intra-op
                  threads per form (SCANCONV_ORT_THREADS=N), e.g. wasm,ort@1,ort@2
  --runs N        runs per backend (default: 2; llama: 1)
  --torch         also time the same model's forwards in PyTorch (bench/torch_peer.py,
                  python3 with torch; Debian: apt-get install python3-torch)
  --arch NAME     block, llama or llama3 (default: block)
  --preset NAME   llama size: 1b or tiny (default: 1b)
  --naming NAME   llama: pt ((out,in) weights, as transformers saves) or flax ((in,out)
                  kernels, as Flax saves) (default: pt)
`,
);
const backends = opt('backend', ortPackageDir() ? 'wasm,ort' : 'wasm').split(',');
const withTorch = process.argv.includes('--torch');
if (opt('arch', 'block') === 'llama' || opt('arch', 'block') === 'llama3') {
  await benchLlama();
  process.exit(0);
}
const L = Number(opt('layers', '42'));
const B = Number(opt('batch', '12'));
const T = Number(opt('seq', '32'));
const D = Number(opt('dim', '512'));
const H = Number(opt('heads', '4'));
const DH = D / H;

interface BenchReport {
  passed: boolean;
  backend: string;
  seconds: number;
  forms: { name: string; seconds: { load: number; compute: number } }[];
  final: { maxAbsDiff: number };
}

/**
 * A `--backend` list entry: a backend name, or `ort@N` for ort with N intra-op threads per form
 * (SCANCONV_ORT_THREADS), so thread counts alternate in one run like backends do.
 */
function backendRun(entry: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const m = /^ort@(\d+)$/.exec(entry);
  if (!m) return { args: ['--backend', entry], env: process.env };
  return { args: ['--backend', 'ort'], env: { ...process.env, SCANCONV_ORT_THREADS: m[1] } };
}

/** One `scanconv verify` run under GNU time: its report, wall seconds and peak RSS, and the line saying them. */
function timedVerify(run: number, args: string[], report: string, digits: number, env: NodeJS.ProcessEnv = process.env): BenchReport & { wall: number } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(root, 'bin', 'scanconv'), 'verify', ...args, '--report', report, '--detail', 'none'], { encoding: 'utf8', env });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`verify exited ${r.status}: ${r.stderr}\n${r.stdout.slice(-2000)}`);
  const j = JSON.parse(fs.readFileSync(report, 'utf8')) as BenchReport;
  const rssMB = Number(r.stderr.trim().split('\n').pop()) / 1024;
  process.stdout.write(`run ${run} ${j.backend}: end-to-end ${wall.toFixed(digits)} s (verify itself ${j.seconds.toFixed(digits)} s), peak RSS ${rssMB.toFixed(0)} MB, passed=${j.passed}, final max |diff| ${j.final.maxAbsDiff}\n`);
  return { ...j, wall };
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
}

/** `runs` rounds of every backend in turn; then each backend's median end to end and compute per form, and the ratios to the first. */
function alternate(runs: number, args: (backend: string) => string[], report: string, digits: number, perForm: (j: BenchReport) => void): Map<string, { wall: number; compute: number }> {
  const seen = new Map<string, (BenchReport & { wall: number })[]>(backends.map((b) => [b, []]));
  for (let run = 1; run <= runs; run++) {
    for (const backend of backends) {
      const { args: backendArgs, env } = backendRun(backend);
      const j = timedVerify(run, [...args(backend), ...backendArgs], report, digits, env);
      perForm(j);
      seen.get(backend)!.push(j);
    }
  }
  const out = new Map<string, { wall: number; compute: number }>();
  for (const [backend, js] of seen) out.set(backend, { wall: median(js.map((j) => j.wall)), compute: median(js.flatMap((j) => j.forms.map((f) => f.seconds.compute))) });
  const [first, base] = [...out][0];
  for (const [backend, m] of out) {
    process.stdout.write(`${backend.padEnd(6)} median end-to-end ${m.wall.toFixed(2)} s, forward compute per form ${m.compute.toFixed(2)} s${backend === first ? '' : `; ${backend}/${first} ${(m.wall / base.wall).toFixed(2)}x end to end, ${(m.compute / base.compute).toFixed(2)}x compute`}\n`);
  }
  return out;
}

/** bench/torch_peer.py's forward seconds for the same model, or null (with why) when python3 or torch is missing. */
function torchPeer(model: string[]): { forward: number; line: string } | null {
  // Debian's python3-torch lives in the system python, which a pyenv or venv shim may hide.
  const python = process.env.SCANCONV_PYTHON ?? (fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
  const r = spawnSync(python, [path.join(root, 'bench', 'torch_peer.py'), ...model], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(`torch: not run (${(r.stderr || String(r.error)).trim().split('\n').pop()})\n`);
    return null;
  }
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as { forward: number; line: string };
  process.stdout.write(`torch: ${j.line}\n`);
  return j;
}

function sideBySide(ours: Map<string, { wall: number; compute: number }>, torch: { forward: number } | null): void {
  if (!torch) return;
  for (const [backend, m] of ours) {
    process.stdout.write(`scanconv ${backend} / torch: forward compute per form ${m.compute.toFixed(2)} s / ${torch.forward.toFixed(2)} s = ${(m.compute / torch.forward).toFixed(1)}x; verify end to end (two forms, load, startup) ${m.wall.toFixed(2)} s / two torch forwards ${(2 * torch.forward).toFixed(2)} s = ${(m.wall / (2 * torch.forward)).toFixed(1)}x\n`);
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-bench-verify-'));
try {
  const ckpt = path.join(dir, 'pyloop.safetensors');
  await writeBlockCheckpoint(ckpt, { layers: L, dim: D, heads: H });
  const size = fs.statSync(ckpt).size;
  const report = path.join(dir, 'report.json');
  const cost = forwardCost({ kind: 'block', layers: L, D, H, DH }, B, T);
  process.stdout.write(`notebook block model: L=${L} B=${B} T=${T} D=${D} H=${H}, f32, ${(size / 1e6).toFixed(0)} MB checkpoint, ${(cost.flops / 1e9).toFixed(1)} GFLOP per form, backends ${backends.join(', ')}\n`);
  const ours = alternate(Number(opt('runs', '2')), () => [ckpt, '--batch', String(B), '--seq', String(T)], report, 2, (j) => {
    for (const f of j.forms) {
      process.stdout.write(`  ${f.name.padEnd(7)} weights ${f.seconds.load.toFixed(2)} s (${(size / 1e9 / f.seconds.load).toFixed(2)} GB/s), forward compute ${f.seconds.compute.toFixed(2)} s, ${(cost.flops / 1e9 / f.seconds.compute).toFixed(1)} GFLOP/s\n`);
    }
  });
  if (withTorch) sideBySide(ours, torchPeer(['block', '--layers', String(L), '--batch', String(B), '--seq', String(T), '--dim', String(D), '--heads', String(H)]));
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

async function benchLlama(): Promise<void> {
  const arch = opt('arch', 'llama');
  const presets = arch === 'llama3' ? LLAMA3_PRESETS : LLAMA_PRESETS;
  const preset = presets[opt('preset', '1b')];
  if (!preset) throw new Error(`--preset: one of ${Object.keys(presets).join(', ')}`);
  const batch = Number(opt('batch', '1'));
  const seq = Number(opt('seq', '32'));
  const runs = Number(opt('runs', '1'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-bench-llama-'));
  try {
    const t0 = performance.now();
    const naming = opt('naming', 'pt') as 'pt' | 'flax';
    if (naming !== 'pt' && naming !== 'flax') throw new Error('--naming: pt or flax');
    const ckpt = await writeLlamaCheckpoint(dir, preset, naming);
    const size = fs.statSync(ckpt).size;
    const { layers: L, D, H, KV, F, V } = preset;
    const spec = { kind: 'llama' as const, layers: L, D, H, DH: D / H, vocab: V, decoder: { modelType: 'llama', naming, KV, F, eps: 1e-5, qkvBias: false, tied: preset.tied ?? false, globals: {} } };
    const cost = forwardCost(spec, batch, seq);
    process.stdout.write(`${arch} (${opt('preset', '1b')}, ${naming} naming${preset.tied ? ', tied' : ''}): L=${L} D=${D} H=${H} KV=${KV} F=${F} V=${V}, bf16, ${(size / 1e9).toFixed(2)} GB checkpoint written in ${((performance.now() - t0) / 1000).toFixed(1)} s; input ${batch} x ${seq} tokens, ${(cost.flops / 1e9).toFixed(1)} GFLOP per form\n`);
    const report = path.join(dir, 'report.json');
    const ours = alternate(runs, () => [ckpt, '--layers', '^(\\d+)$', '--batch', String(batch), '--seq', String(seq)], report, 1, (j) => {
      for (const f of j.forms) {
        process.stdout.write(`  ${f.name.padEnd(7)} weights read+widened ${f.seconds.load.toFixed(1)} s (${(size / 1e9 / f.seconds.load).toFixed(2)} GB/s of bf16), compute ${f.seconds.compute.toFixed(1)} s, ${(cost.flops / 1e9 / f.seconds.compute).toFixed(1)} GFLOP/s\n`);
      }
    });
    if (withTorch) sideBySide(ours, torchPeer(['llama', '--layers', String(L), '--dim', String(D), '--heads', String(H), '--kv-heads', String(KV), '--ffn', String(F), '--vocab', String(V), '--batch', String(batch), '--seq', String(seq)]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
