/**
 * The GPU check (issue: --backend webgpu), run on the GPU machine from the bundle that
 * scripts/gpu-check.sh builds. First the adapter Dawn offers and the backend `auto` picks
 * (webgpu on a hardware GPU, never a software adapter), then:
 *  1. the Flax fixtures through verify and generate on the chosen backend: the two forms'
 *     agreement and the difference from Flax's own outputs;
 *  2. the Hugging Face family fixtures (fixtures/arch2) against transformers' goldens;
 *  3. the verify bench at the notebook's size (L=42, B=12, T=32, D=512, H=4): per-form
 *     forward milliseconds, plus profile's warm medians.
 * Prints one JSON summary (and writes it to --out DIR/gpu-check.json). It measures; it does
 * not gate on thresholds (the figures are what decides the thresholds).
 *
 * usage: node .gpu/app/gpu-check.js [--backend webgpu|wasm] [--out DIR] [--fixtures DIR] [--fixtures-only]
 * (--fixtures-only skips the notebook-size bench: for trying the bundle on lavapipe, which is slow)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeBlockCheckpoint } from '../bench/synthetic.js';
import { resolveBackend, type BackendChoice } from '../src/verify/backend.js';
import { probeAdapter } from '../src/verify/gpu.js';
import { generate } from '../src/verify/generate.js';
import { profile } from '../src/verify/profile.js';
import { verify } from '../src/verify/verify.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const backend = opt('backend', 'webgpu') as BackendChoice;
const fixtures = opt('fixtures', 'fixtures');
const outDir = opt('out', '');
const fx = (...p: string[]) => path.join(fixtures, ...p);
const summary: Record<string, unknown> = { backend, node: process.version, host: os.hostname() };
const log = (s: string) => process.stderr.write(`${s}\n`);

async function step(name: string, f: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  try {
    summary[name] = await f();
  } catch (e) {
    summary[name] = { error: (e as Error).message };
  }
  log(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s ${JSON.stringify(summary[name])}`);
}

const loose = { threshold: Infinity, expectThreshold: Infinity };

await step('adapter', () => probeAdapter());
await step('auto_backend', () => resolveBackend('auto'));

await step('block_pyloop_vs_flax', async () => {
  const { report } = await verify(fx('block_tiny', 'pyloop.safetensors'), { backend, input: fx('block_tiny', 'pyloop_io.safetensors'), expect: fx('block_tiny', 'pyloop_io.safetensors'), ...loose });
  return { backend: report.backend, formsMaxAbsDiff: report.final.maxAbsDiff, layersMaxAbsDiff: Math.max(...report.perLayer.flatMap((l) => Object.values(l.maxAbsDiff))), flaxMaxAbsDiff: report.expect?.maxAbsDiff, flaxRelError: report.expect?.relError };
});
await step('block_scan_native_vs_flax', async () => {
  const { report } = await verify(fx('block_tiny', 'scan_native.safetensors'), { backend, expect: fx('block_tiny', 'scan_native_io.safetensors'), ...loose });
  return { formsMaxAbsDiff: report.final.maxAbsDiff, flaxMaxAbsDiff: report.expect?.maxAbsDiff, flaxRelError: report.expect?.relError };
});
await step('llm_prefill_vs_flax', async () => {
  const { report } = await verify(fx('llm_tiny', 'pyloop.safetensors'), { backend, expect: fx('llm_tiny', 'pyloop_io.safetensors'), ...loose });
  return { formsMaxAbsDiff: report.final.maxAbsDiff, flaxMaxAbsDiff: report.expect?.maxAbsDiff, flaxRelError: report.expect?.relError };
});
await step('llm_generate_vs_flax', async () => {
  const r = await generate(fx('llm_tiny', 'pyloop.safetensors'), { backend, expect: fx('llm_tiny', 'pyloop_io.safetensors'), maxNewTokens: 6 });
  return Object.fromEntries(r.checks.map((c) => [c.name, c.value]));
});

// The Hugging Face families (transformers v4.45.2's goldens): forms' agreement and distance on the GPU.
const arch2 = fx('arch2');
for (const name of fs.existsSync(arch2) ? fs.readdirSync(arch2).sort() : []) {
  if (!fs.existsSync(path.join(arch2, name, 'config.json'))) continue;
  await step(`arch2_${name}_vs_transformers`, async () => {
    const { report } = await verify(path.join(arch2, name, 'hf_pt.safetensors'), { backend, expect: path.join(arch2, name, 'io.safetensors'), ...loose });
    return { formsMaxAbsDiff: report.final.maxAbsDiff, relError: report.expect?.relError };
  });
}

if (!args.includes('--fixtures-only')) await notebookBench();

async function notebookBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-gpu-'));
  try {
    const ckpt = path.join(dir, 'notebook42.safetensors');
    await writeBlockCheckpoint(ckpt, { layers: 42, dim: 512, heads: 4 });
    await step('notebook42_verify', async () => {
      const t0 = performance.now();
      const { report } = await verify(ckpt, { backend, batch: 12, seq: 32, ...loose });
      return { endToEndSeconds: (performance.now() - t0) / 1000, formsMaxAbsDiff: report.final.maxAbsDiff, forms: report.forms.map((f) => ({ name: f.name, weightsMs: f.seconds.load * 1000, forwardMs: f.seconds.compute * 1000 })) };
    });
    await step('notebook42_profile', async () => {
      const r = await profile(ckpt, { backend, batch: 12, seq: 32, runs: 5, warmup: 2 });
      return r.forms.map((f) => ({ name: f.name, firstCallMs: f.firstCallMs, medianMs: f.medianMs, gflopsPerSecond: f.gflopsPerSecond, peakBytes: f.peakBytes }));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const text = JSON.stringify(summary, null, 2);
process.stdout.write(`${text}\n`);
if (outDir) fs.writeFileSync(path.join(outDir, 'gpu-check.json'), text);
