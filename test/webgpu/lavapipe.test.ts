/**
 * The WebGPU path, end to end, on whatever adapter the environment gives: run by
 * scripts/webgpu-ci.sh with Mesa's lavapipe (a software Vulkan driver), so every CI run
 * proves `--backend webgpu` computes what Flax computes, without a GPU. Not part of `npm test`
 * (it needs the optional peers and a Vulkan driver; test/backend.test.ts covers the rest).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../../src/errors.js';
import { randomInput } from '../../src/verify/inputs.js';
import { runForms } from '../../src/verify/run.js';
import { openModel } from '../../src/verify/session.js';
import { NO_DRIVER } from '../backend.test.js';
import { cli, fixture, ROOT, tmpDir } from '../helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);
const LLM = (f: string) => fixture('llm_tiny', f);

interface Report {
  passed: boolean;
  backend: string;
  final: { maxAbsDiff: number };
  perLayer: { maxAbsDiff: Record<string, number> }[];
  expect: { maxAbsDiff: number; relError: number; threshold: number; passed: boolean };
}

/**
 * stderr lines that are not scanconv's own progress lines. Stderr is not a terminal here, so a slow
 * run (lavapipe) prints "scanconv: <task>: 13%, ..." every few seconds; anything else would be
 * Dawn's or Mesa's.
 */
const foreignStderr = (stderr: string): string[] =>
  stderr.split('\n').filter((line) => line !== '' && !/^scanconv: [^:]+: \d+%, /.test(line));

/** verify --backend webgpu through the CLI; its report, and a clean stderr. */
function verifyOnGpu(args: string[]): Report {
  const dir = tmpDir();
  try {
    const file = path.join(dir, 'report.json');
    const r = cli(['verify', ...args, '--backend', 'webgpu', '--detail', 'none', '--report', file]);
    assert.deepEqual(foreignStderr(r.stderr), [], 'nothing but scanconv\'s own messages on stderr (Dawn and Mesa write theirs to their own process)');
    assert.equal(r.status, 0, r.stdout);
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function assertAgreesWithFlax(name: string, report: Report): void {
  process.stdout.write(`# ${name}: backend ${report.backend}; forms max |diff| ${report.final.maxAbsDiff}; vs golden max |diff| ${report.expect.maxAbsDiff.toExponential(2)}, scale-aware ${report.expect.relError.toExponential(2)} (threshold ${report.expect.threshold})\n`);
  assert.match(report.backend, /^webgpu \(.+\)$/, 'the report names the adapter tfjs used');
  assert.equal(report.final.maxAbsDiff, 0, 'the two forms agree exactly');
  assert.deepEqual(report.perLayer.flatMap((l) => Object.values(l.maxAbsDiff)).filter((d) => d !== 0), []);
  assert.equal(report.expect.threshold, 1e-4);
  assert.ok(report.expect.relError <= 1e-4, `${report.expect.relError}`);
  assert.equal(report.passed, true);
}

test('block: both forms on WebGPU agree exactly, and match Flax (pyloop input, scan-native golden)', () => {
  assertAgreesWithFlax('block_tiny pyloop', verifyOnGpu([BLOCK('pyloop.safetensors'), '--input', BLOCK('pyloop_io.safetensors'), '--expect', BLOCK('pyloop_io.safetensors')]));
  assertAgreesWithFlax('block_tiny scan_native', verifyOnGpu([BLOCK('scan_native.safetensors'), '--expect', BLOCK('scan_native_io.safetensors')]));
});

test('llm: prefill logits on WebGPU match Flax, both forms agree exactly', () => {
  assertAgreesWithFlax('llm_tiny prefill', verifyOnGpu([LLM('pyloop.safetensors'), '--expect', LLM('pyloop_io.safetensors')]));
});

test('Hugging Face families on WebGPU match transformers in both namings (grouped KV heads included)', () => {
  // llama and qwen2 have fewer KV heads than query heads: repeatKv once tiled a rank-5 tensor,
  // which tfjs-backend-webgpu runs on the CPU with a synchronous read (OffscreenCanvas in Node).
  for (const family of ['llama', 'qwen2', 'gemma', 'gpt2']) {
    for (const file of ['hf_pt.safetensors', 'flax_pyloop.safetensors']) {
      assertAgreesWithFlax(`${family} ${file}`, verifyOnGpu([fixture('arch', family, file), '--expect', fixture('arch', family, 'io.safetensors')]));
    }
  }
});

test('generate on WebGPU: Flax\'s tokens, identical forms, cache equal to a recompute', () => {
  const r = cli(['generate', LLM('pyloop.safetensors'), '--expect', LLM('pyloop_io.safetensors'), '--max-new-tokens', '6', '--backend', 'webgpu', '--json']);
  assert.deepEqual(foreignStderr(r.stderr), []);
  assert.equal(r.status, 0, r.stdout);
  const { checks, backend } = JSON.parse(r.stdout) as { backend: string; checks: { name: string; value: number; threshold: number; passed: boolean }[] };
  process.stdout.write(`# llm_tiny generate: ${checks.map((c) => `${c.name} ${c.value}`).join('; ')}\n`);
  assert.match(backend, /^webgpu \(.+\)$/);
  const value = (name: string) => checks.find((c) => c.name.startsWith(name))!.value;
  assert.equal(value('tokens equal'), 0);
  assert.equal(value('prefill + step logits'), 0);
  assert.equal(value('tokens vs expected'), 0);
  assert.ok(value('step logits vs expected') <= 1e-4);
  assert.deepEqual(checks.filter((c) => !c.passed), []);
});

test('auto never runs on a software adapter: with only lavapipe it takes wasm', () => {
  const r = cli(['generate', LLM('pyloop.safetensors'), '--prompt', '1,2', '--max-new-tokens', '2', '--json']);
  assert.deepEqual(foreignStderr(r.stderr), []);
  assert.equal(r.status, 0);
  assert.equal((JSON.parse(r.stdout) as { backend: string }).backend, 'wasm');
});

test('no adapter: exit 2 and the same one line, every time (30 runs)', async () => {
  const run = () =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'scanconv'), 'verify', BLOCK('pyloop.safetensors'), '--backend', 'webgpu'], { env: { ...process.env, ...NO_DRIVER, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  const results = [];
  for (let i = 0; i < 30; i += 3) results.push(...(await Promise.all([run(), run(), run()])));
  const line = 'scanconv: error: backend "webgpu": no GPU adapter found (Dawn found no Vulkan device); use --backend wasm, or auto\n';
  assert.deepEqual(results.filter((r) => r.status !== 2 || r.stderr !== line || r.stdout !== ''), []);
});

test('a form that fails stops the other while it is inside Dawn, and this process lives on', async () => {
  // Terminating a worker thread inside Dawn aborted the whole process (exit 134); forms on
  // webgpu run in child processes, so stopping one ends only that child. Here the comparison
  // refuses form 0's layer 2 while both forms are computing.
  const session = await openModel(BLOCK('pyloop.safetensors'), { backend: 'webgpu' });
  try {
    const input = randomInput(session.spec, 2, 8, 0);
    const task = { kind: 'trace' } as const;
    const reqs = [session.request('pyloop', input, task), session.request('scan', input, task)];
    const refuse = (k: number, layer: number) => {
      if (k === 0 && layer === 2) throw new ScanconvError('refused layer 2', 'EXPECT_SHAPE');
    };
    for (let i = 0; i < 3; i++) await assert.rejects(runForms(reqs, 'parallel', undefined, refuse), /refused layer 2/);
    const r = await runForms([session.request('pyloop', randomInput(session.spec, 1, 4, 1), task)]);
    assert.equal(r[0].kind, 'trace');
  } finally {
    session.close();
  }
});
