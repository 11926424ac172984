/**
 * `--backend ort` end to end: every product with a weight in onnxruntime-node's CPU kernels,
 * the rest on tfjs-wasm. Run by scripts/ort-ci.sh, which installs the optional peer into a
 * private prefix (NODE_PATH); not part of `npm test`, where the peer is absent
 * (test/ortBackend.test.ts covers that side). Every test asserts that the report names ort and
 * its version, so a run that silently fell back to wasm fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convert } from '../../src/convert.js';
import { openCheckpoint } from '../../src/format/open.js';
import { writeSafetensors } from '../../src/format/safetensors.js';
import { copyOf, type OutputTensor } from '../../src/format/stream.js';
import { memoryRef, readAll } from '../../src/format/types.js';
import { f32ToBf16Bits } from '../../src/format/floats.js';
import { ortPackageDir } from '../../src/model/ort/runtime.js';
import { generate } from '../../src/verify/generate.js';
import type { VerifyReport } from '../../src/verify/report.js';
import { verify } from '../../src/verify/verify.js';
import { cli, fixture, tmpDir } from '../helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);
const LLM = (f: string) => fixture('llm_tiny', f);
const ORT_LINE = /^ort \(onnxruntime-node \d+\.\d+\.\d+, \d+ threads? per form; the rest on wasm\)$/;

test('the optional peer is there (NODE_PATH from scripts/ort-ci.sh): these tests run on ort, not on a fallback', () => {
  assert.ok(ortPackageDir(), 'onnxruntime-node is not installed: run scripts/ort-ci.sh, which installs it into a private prefix');
});

function assertExact(name: string, report: VerifyReport, bound: number): void {
  process.stdout.write(`# ${name}: backend ${report.backend}; forms max |diff| ${report.final.maxAbsDiff}; vs golden scale-aware ${report.expect?.relError.toExponential(2)}\n`);
  assert.match(report.backend, ORT_LINE);
  assert.equal(report.final.maxAbsDiff, 0, 'the two forms agree exactly');
  assert.deepEqual(report.perLayer.flatMap((l) => Object.values(l.maxAbsDiff)).filter((d) => d !== 0), []);
  assert.ok(report.expect, 'compared with the golden outputs');
  assert.ok(report.expect.relError <= bound, `scale-aware error ${report.expect.relError} > ${bound}`);
  assert.equal(report.passed, true);
}

test('block: both forms on ort agree exactly and match Flax within 1e-5 (pyloop with its input, scan-native golden)', async () => {
  assertExact('block_tiny pyloop', (await verify(BLOCK('pyloop.safetensors'), { input: BLOCK('pyloop_io.safetensors'), expect: BLOCK('pyloop_io.safetensors'), backend: 'ort' })).report, 1e-5);
  assertExact('block_tiny scan_native', (await verify(BLOCK('scan_native.safetensors'), { expect: BLOCK('scan_native_io.safetensors'), backend: 'ort' })).report, 1e-5);
});

test('block in one thread (--no-workers): the same figures, onnxruntime started once per thread', async () => {
  const { report } = await verify(BLOCK('pyloop.safetensors'), { input: BLOCK('pyloop_io.safetensors'), expect: BLOCK('pyloop_io.safetensors'), backend: 'ort', parallel: false });
  assertExact('block_tiny pyloop in-process', report, 1e-5);
  // The same thread then runs wasm: its products leave onnxruntime.
  const wasm = await verify(BLOCK('pyloop.safetensors'), { input: BLOCK('pyloop_io.safetensors'), backend: 'wasm', parallel: false });
  assert.equal(wasm.report.backend, 'wasm');
});

test('llm: prefill logits on ort match Flax; generate gives Flax\'s tokens with identical forms', async () => {
  assertExact('llm_tiny prefill', (await verify(LLM('pyloop.safetensors'), { expect: LLM('pyloop_io.safetensors'), backend: 'ort' })).report, 1e-5);
  const g = await generate(LLM('pyloop.safetensors'), { expect: LLM('pyloop_io.safetensors'), maxNewTokens: 6, backend: 'ort' });
  process.stdout.write(`# llm_tiny generate: ${g.checks.map((c) => `${c.name} ${c.value}`).join('; ')}\n`);
  assert.match(g.backend, ORT_LINE);
  const value = (name: string) => g.checks.find((c) => c.name.startsWith(name))!.value;
  assert.equal(value('tokens equal'), 0);
  assert.equal(value('tokens vs expected'), 0);
  assert.deepEqual(g.checks.filter((c) => !c.passed), []);
});

for (const family of ['llama', 'qwen2', 'gemma', 'gpt2']) {
  test(`${family}: both namings, both forms on ort agree exactly, transformers' outputs within 1e-5 and its tokens`, async () => {
    const dir = tmpDir();
    try {
      fs.copyFileSync(fixture('arch', family, 'config.json'), path.join(dir, 'config.json'));
      for (const naming of ['hf_pt', 'flax_pyloop']) {
        const pyloop = path.join(dir, `${naming}.safetensors`);
        const scan = path.join(dir, `${naming}_scan.safetensors`);
        fs.copyFileSync(fixture('arch', family, `${naming}.safetensors`), pyloop);
        await convert(pyloop, scan);
        const golden = fixture('arch', family, 'io.safetensors');
        const { report } = await verify(pyloop, { other: scan, expect: golden, backend: 'ort' });
        assert.equal(report.params.equal, true);
        assertExact(`${family} ${naming}`, report, 1e-5);
        const g = await generate(scan, { expect: golden, backend: 'ort' });
        assert.match(g.backend, ORT_LINE);
        assert.deepEqual(g.checks.filter((c) => !c.passed), []);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('bf16 weights on ort (widened by the SIMD kernel as they are read) give the outputs of their exact f32 widening', async () => {
  const dir = tmpDir();
  try {
    const bf16 = path.join(dir, 'bf16.safetensors');
    const widened = path.join(dir, 'f32.safetensors');
    const index = openCheckpoint(BLOCK('pyloop.safetensors'));
    const asBf16: OutputTensor[] = [];
    const asF32: OutputTensor[] = [];
    for (const ref of index.tensors.values()) {
      const f = new Float32Array(readAll(ref).buffer);
      const b = Uint16Array.from(f, (v) => f32ToBf16Bits(v));
      const w = new Uint32Array(Array.from(b, (x) => x << 16));
      asBf16.push(copyOf(memoryRef(ref.name, 'BF16', ref.shape, new Uint8Array(b.buffer))));
      asF32.push(copyOf(memoryRef(ref.name, 'F32', ref.shape, new Uint8Array(w.buffer))));
    }
    index.close();
    await writeSafetensors(bf16, asBf16, {});
    await writeSafetensors(widened, asF32, {});
    const a = await verify(bf16, { input: BLOCK('pyloop_io.safetensors'), backend: 'ort' });
    const b = await verify(widened, { input: BLOCK('pyloop_io.safetensors'), backend: 'ort' });
    assert.match(a.report.backend, ORT_LINE);
    assert.equal(a.report.passed, true);
    assert.deepEqual(a.traces[0].final.data, b.traces[0].final.data);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the CLI keeps onnxruntime from starting its telemetry: no store under HOME, no log in TMPDIR; a user\'s own ORT_DISABLE_TELEMETRY=0 stands', () => {
  const files = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
  // CI empty: onnxruntime starts no telemetry when CI is set (as .ci/run sets it), which would hide the difference.
  for (const own of [undefined, '0']) {
    const home = tmpDir();
    const tmp = tmpDir();
    const r = cli(['verify', BLOCK('pyloop.safetensors'), '--backend', 'ort'], { env: { HOME: home, TMPDIR: tmp, CI: '', ...(own ? { ORT_DISABLE_TELEMETRY: own } : {}) } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /backend ort \(onnxruntime-node /);
    if (own) assert.ok(files(home).some((f) => f.includes('.onnxruntime')), `onnxruntime made no store with the user's ${own}: this test no longer tells the two apart`);
    else assert.deepEqual([files(home), files(tmp)], [[], []]);
  }
});
