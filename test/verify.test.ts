import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openCheckpoint } from '../src/format/open.js';
import { copyOf, outputAsRef, type OutputTensor } from '../src/format/stream.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { readAll, memoryRef } from '../src/format/types.js';
import { f32ToBf16Bits } from '../src/format/floats.js';
import { stackTensors, unstackTensor } from '../src/layout/pieces.js';
import { verify } from '../src/verify/verify.js';
import { cli, fixture, tmpDir } from './helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);
const LLM = (f: string) => fixture('llm_tiny', f);

/** Rewrite a checkpoint tensor by tensor (streamed), transforming what `edit` touches. */
async function rewrite(src: string, dst: string, edit: (name: string, ref: ReturnType<typeof outputAsRef>) => OutputTensor | undefined): Promise<void> {
  const index = openCheckpoint(src);
  const outs = [...index.tensors.values()].map((ref) => edit(ref.name, ref) ?? copyOf(ref));
  await writeSafetensors(dst, outs, index.metadata);
  index.close();
}

test('block_tiny pyloop: every intermediate of both forms matches Flax, forms agree exactly', async () => {
  const { report } = await verify(BLOCK('pyloop.safetensors'), { input: BLOCK('pyloop_io.safetensors'), expect: BLOCK('pyloop_io.safetensors') });
  assert.equal(report.passed, true);
  assert.equal(report.final.maxAbsDiff, 0);
  assert.equal(report.perLayer.length, 12);
  assert.deepEqual(Object.keys(report.perLayer[0].maxAbsDiff), ['input_hidden_state', 'pre_attention_norm', '+self_attention', 'pre_ffw_norm', '+dense']);
  // 1 output + 12 layers x 5 intermediates, each within float rounding of Flax.
  assert.equal(report.expect!.compared, 61);
  assert.ok(report.expect!.maxAbsDiff < 1e-5, `max diff from Flax ${report.expect!.maxAbsDiff}`);
  assert.ok(report.expect!.relError < 1e-5);
});

test('scan_native with scan_native_io (stacked golden intermediates) matches Flax', async () => {
  const { report } = await verify(BLOCK('scan_native.safetensors'), { expect: BLOCK('scan_native_io.safetensors') });
  assert.equal(report.passed, true);
  assert.equal(report.forms[0].name, 'scan');
  assert.equal(report.expect!.form, 'scan');
  assert.equal(report.expect!.compared, 61);
  assert.ok(report.expect!.maxAbsDiff < 1e-5);
});

test('llm_tiny prefill logits match Flax (heads from config.json)', async () => {
  const { report, traces } = await verify(LLM('pyloop.safetensors'), { expect: LLM('pyloop_io.safetensors') });
  assert.equal(report.model, 'llm');
  assert.deepEqual(report.spec, { kind: 'llm', layers: 3, D: 16, H: 4, DH: 4, vocab: 50 });
  assert.deepEqual(traces[0].final.shape, [2, 4, 50]);
  assert.equal(report.passed, true);
  assert.ok(report.expect!.relError < 1e-5, String(report.expect!.relError));
});

test('a golden file from another model fails the expect check (exit 1), so the check is real', () => {
  const r = cli(['verify', BLOCK('pyloop.safetensors'), '--input', BLOCK('pyloop_io.safetensors'), '--expect', BLOCK('scan_native_io.safetensors'), '--detail', 'none']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /expect: pyloop form vs .* > 1\.00e-4 ❌/);
  assert.match(r.stdout, /FAILED: expected outputs/);
});

test('a scan checkpoint with layers 3 and 5 swapped fails with exit 1 and names those layers', async () => {
  const dir = tmpDir();
  const swapped = path.join(dir, 'swapped.safetensors');
  await rewrite(BLOCK('scan_expected.safetensors'), swapped, (name, ref) => {
    const order = [0, 1, 2, 5, 4, 3, 6, 7, 8, 9, 10, 11];
    return stackTensors(name, order.map((i) => outputAsRef(unstackTensor(name, ref, 0, i))), 0);
  });
  const report = path.join(dir, 'r.json');
  const junit = path.join(dir, 'r.xml');
  const r = cli(['verify', BLOCK('pyloop.safetensors'), swapped, '--input', BLOCK('pyloop_io.safetensors'), '--report', report, '--junit', junit]);
  assert.equal(r.status, 1, r.stderr);
  const j = JSON.parse(fs.readFileSync(report, 'utf8')) as { passed: boolean; params: { mismatches: { key: string; layer: number }[] }; perLayer: { layer: number; passed: boolean }[] };
  assert.equal(j.passed, false);
  assert.deepEqual([...new Set(j.params.mismatches.map((m) => m.layer))].sort(), [3, 5]);
  assert.equal(j.params.mismatches.length, 24);
  assert.ok(j.params.mismatches.some((m) => m.key === 'params.blocks.Dense_0.kernel' && m.layer === 3));
  // Layers before the swap agree; from layer 3 on the forms diverge.
  assert.deepEqual(j.perLayer.filter((l) => !l.passed).map((l) => l.layer)[0], 3);
  assert.ok(j.perLayer.slice(0, 3).every((l) => l.passed));
  assert.match(r.stdout, /\n {2}layer 3: 12 tensors: params\.blocks\.\S+/);
  assert.match(r.stdout, /\n {2}layer 5: 12 tensors: /);
  // One fault, one cause: layer 3 is named, 4-11 are downstream of it, one detail section.
  assert.match(r.stdout, /FAILED: the forms diverge at layer 3, first in pre_attention_norm\n/);
  assert.match(r.stdout, /\n {10}layers 4-11 and the final output diverge downstream of it\n/);
  assert.deepEqual(r.stdout.match(/LAYER \d+ DETAIL[^.]*/g), ['LAYER 3 DETAIL (the forms diverge here) ']);
  const xml = fs.readFileSync(junit, 'utf8');
  // One fault, one failure: layer 3; the params (they differ inside its run), the final output
  // and layers 4..11 are skipped as downstream of it.
  assert.match(xml, /<testsuites name="scanconv verify" tests="14" failures="1" errors="0"/);
  assert.match(xml, /<testsuite name="[^"]+" tests="14" failures="1" errors="0" skipped="10"/);
  assert.match(xml, /<testcase classname="scanconv.verify.pyloop" name="layer_2" time="\d+\.\d{3}"\/>/);
  assert.match(xml, /<testcase classname="scanconv.verify.pyloop" name="layer_3" time="[\d.]+">\s*<failure type="FORMS_DIVERGE" message="the forms diverge here, first at pre_attention_norm \(max \|diff\| \S+ &gt; 1\.00e-6\); its parameters differ \(12 tensors\); layers 4-11 diverge downstream of it">pre_attention_norm: max \|diff\| /);
  // The failure's body: the intermediates over the threshold, then the 24 parameters of its run.
  const body = /name="layer_3"[^>]*>\s*<failure [^>]*>([^<]*)<\/failure>/.exec(xml)![1].split('\n');
  assert.equal(body.filter((l) => l.startsWith('parameter differs: ')).length, 24);
  assert.ok(body.includes('parameter differs: params.blocks.Dense_0.kernel [layer 5]'), body.join('\n'));
  assert.match(xml, /name="layer_4" time="[\d.]+">\s*<skipped message="downstream of layer 3"\/>/);
  assert.match(xml, /name="final" time="[\d.]+">\s*<skipped message="downstream of layer 3"\/>/);
  assert.match(xml, /<testcase classname="scanconv.verify.pyloop" name="params" time="[\d.]+">\s*<skipped message="reported with the divergence at layer 3"\/>/);
  const checks = (JSON.parse(fs.readFileSync(report, 'utf8')) as { checks: { name: string; status: string; type?: string }[] }).checks;
  assert.deepEqual(checks.filter((c) => c.status === 'failed').map((c) => [c.name, c.type]), [['layer_3', 'FORMS_DIVERGE']]);
  assert.equal(checks.filter((c) => c.status === 'skipped').length, 10);
});

test('two checkpoints in either order: scan first, then pyloop', async () => {
  const { report } = await verify(BLOCK('scan_expected.safetensors'), { other: BLOCK('pyloop.safetensors'), input: BLOCK('pyloop_io.safetensors'), expect: BLOCK('pyloop_io.safetensors') });
  assert.deepEqual(report.forms.map((f) => [f.name, f.converted]), [['scan', false], ['pyloop', false]]);
  assert.equal(report.params.checked, 144);
  assert.equal(report.passed, true);
});

test('one flipped bit in one tensor fails the parameter check and names the key', async () => {
  const dir = tmpDir();
  const flipped = path.join(dir, 'flipped.safetensors');
  await rewrite(BLOCK('scan_expected.safetensors'), flipped, (name, ref) => {
    if (name !== 'params.blocks.self_attention.value.bias') return undefined;
    const bytes = readAll(ref);
    bytes[7 * 32 * 4 + 5] ^= 0x01; // layer 7, one mantissa bit
    return copyOf(memoryRef(name, ref.dtype, ref.shape, bytes));
  });
  const { report } = await verify(BLOCK('pyloop.safetensors'), { other: flipped, input: BLOCK('pyloop_io.safetensors') });
  assert.equal(report.passed, false);
  assert.deepEqual(report.params.mismatches.map(({ key, layer }) => ({ key, layer })), [{ key: 'params.blocks.self_attention.value.bias', layer: 7 }]);
  // How it differs: one value of the tensor (the flipped bit), no cast explains it.
  assert.equal(report.params.mismatches[0].diff?.differing, 1);
  assert.equal(report.params.mismatches[0].diff?.roundingExplains, false);
});

test('JSON report and JUnit XML agree with the exit code when everything passes', () => {
  const dir = tmpDir();
  const report = path.join(dir, 'r.json');
  const junit = path.join(dir, 'r.xml');
  const r = cli(['verify', BLOCK('pyloop.safetensors'), '--batch', '2', '--seq', '5', '--report', report, '--junit', junit]);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(fs.readFileSync(report, 'utf8')) as Record<string, unknown>;
  for (const k of ['passed', 'threshold', 'model', 'layers', 'backend', 'params', 'final', 'perLayer', 'expect']) assert.ok(k in j, k);
  assert.equal(j.passed, true);
  assert.equal(j.backend, 'wasm');
  assert.equal(j.expect, null);
  assert.deepEqual((j.input as { shape: number[] }).shape, [2, 5, 32]);
  const xml = fs.readFileSync(junit, 'utf8');
  assert.match(xml, /<testsuites name="scanconv verify" tests="14" failures="0" errors="0"/);
  assert.doesNotMatch(xml, /<failure/);
});

test('bf16 parameters give the same outputs as their exact f32 widening', async () => {
  const dir = tmpDir();
  const bf16 = path.join(dir, 'bf16.safetensors');
  const widened = path.join(dir, 'f32.safetensors');
  const index = openCheckpoint(BLOCK('pyloop.safetensors'));
  const asBf16: OutputTensor[] = [];
  const asF32: OutputTensor[] = [];
  for (const ref of index.tensors.values()) {
    const f = new Float32Array(readAll(ref).buffer);
    const b = new Uint16Array(f.length);
    const w = new Float32Array(f.length);
    const bits = new Uint32Array(w.buffer);
    f.forEach((v, i) => {
      b[i] = f32ToBf16Bits(v);
      bits[i] = b[i] << 16;
    });
    asBf16.push(copyOf(memoryRef(ref.name, 'BF16', ref.shape, new Uint8Array(b.buffer))));
    asF32.push(copyOf(memoryRef(ref.name, 'F32', ref.shape, new Uint8Array(w.buffer))));
  }
  index.close();
  await writeSafetensors(bf16, asBf16, {});
  await writeSafetensors(widened, asF32, {});
  const a = await verify(bf16, { input: BLOCK('pyloop_io.safetensors'), parallel: false, keepTraces: 'all' });
  const b = await verify(widened, { input: BLOCK('pyloop_io.safetensors'), parallel: false, keepTraces: 'all' });
  assert.equal(a.report.passed, true);
  assert.deepEqual(a.traces[0].final.data, b.traces[0].final.data);
  assert.equal(a.details.layers.size, 12);
  assert.deepEqual(a.details.layers.get(11)![1]['+dense'], b.details.layers.get(11)![1]['+dense']);
});

test('bad inputs exit 2 with one clear line', () => {
  // --backend webgpu without an adapter: test/backend.test.ts.
  let r = cli(['verify', BLOCK('pyloop.safetensors'), '--backend', 'tensorflow']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^scanconv: error: backend "tensorflow" is not available \(.*\); to get it: npm install @tensorflow\/tfjs-node@4\.22\.0/);
  r = cli(['verify', BLOCK('pyloop.safetensors'), BLOCK('scan_expected.safetensors'), '--model', 'llm']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^scanconv: error: --model llm: the tree is not the notebook's llm \(per layer: self_attention\.Dense_0\.\.3, Dense_0, Dense_1; Embed_0\.embedding\); found per layer: Dense_0\.bias, Dense_0\.kernel/);
  r = cli(['verify', BLOCK('pyloop.safetensors'), BLOCK('pyloop.safetensors')]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: both checkpoints are in the pyloop layout; verify runs one layout against the other (to compare two checkpoints\' parameters whatever their layouts, add --params-only)\n');
  const dir = tmpDir();
  const llm = path.join(dir, 'llm.safetensors');
  fs.copyFileSync(LLM('pyloop.safetensors'), llm); // no config.json beside it
  r = cli(['verify', llm]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /head count cannot be read from its \(D, D\) kernels: pass --heads H/);
  r = cli(['verify', BLOCK('pyloop.safetensors'), '--junit', '/nonexistent-dir/v.xml']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: cannot write JUnit report /nonexistent-dir/v.xml: directory /nonexistent-dir does not exist\n');
  r = cli(['verify', BLOCK('pyloop.safetensors'), '--input', LLM('pyloop_io.safetensors')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /has no tensor "input"/);
});

test('the pure-JS cpu backend (dataSync hands out tensor storage) matches Flax with both forms in workers', () => {
  // Its traces must be copied before they are transferred to the main thread, or the next
  // layer reads a detached buffer: the worker then died silently and verify printed nothing.
  const block = cli(['verify', BLOCK('pyloop.safetensors'), '--input', BLOCK('pyloop_io.safetensors'), '--expect', BLOCK('pyloop_io.safetensors'), '--backend', 'cpu', '--detail', 'none']);
  assert.equal(block.status, 0, block.stdout + block.stderr);
  assert.match(block.stdout, /backend cpu\n[^]*expect: pyloop form vs .* \(61 tensors\): max \|diff\| \S+, scale-aware error \S+ <= 1\.00e-4 ✅\n\nPASSED/);
  const llm = cli(['generate', LLM('pyloop.safetensors'), '--expect', LLM('pyloop_io.safetensors'), '--max-new-tokens', '6', '--backend', 'cpu', '--json']);
  assert.equal(llm.status, 0, llm.stdout + llm.stderr);
  assert.ok((JSON.parse(llm.stdout) as { checks: { passed: boolean }[] }).checks.every((c) => c.passed));
});

test('--detail all prints every layer\'s sampled indices, and a passing layer shows no failure mark', () => {
  const r = cli(['verify', BLOCK('pyloop.safetensors'), '--detail', 'all']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.match(/LAYER \d+ DETAIL/g)?.length, 12);
  assert.match(r.stdout, /worst \[\d+, \d+, \d+\] .*│ 0 +│ ✅ │/);
  assert.doesNotMatch(r.stdout, /❌/);
});
