/**
 * NaN never passes: NaN (or an infinity) in both forms is not agreement, in a golden file it is
 * not a reference, and a config value that would make every activation NaN is refused by name.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { countNonfinite } from '../src/check.js';
import { openCheckpoint } from '../src/format/open.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { copyOf } from '../src/format/stream.js';
import { memoryRef, readAll } from '../src/format/types.js';
import fc from 'fast-check';
import { dtypeSize, type DType } from '../src/format/dtype.js';
import { f16BitsToF32, toFloat32 } from '../src/format/floats.js';
import { diffStats, maxAbsDiff, relativeError } from '../src/verify/diff.js';
import { generate } from '../src/verify/generate.js';
import { LayerComparer } from '../src/verify/layerDiff.js';
import { verify } from '../src/verify/verify.js';
import { cli, fixture, tmpDir } from './helpers.js';

const f32 = (...v: number[]) => Float32Array.from(v);

test('NaN or an infinity on both sides is an infinite difference, never agreement', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.equal(maxAbsDiff(f32(1, bad), f32(1, bad)), Infinity, `identical bits with ${bad}`);
    assert.equal(maxAbsDiff([1, bad], [1, bad]), Infinity, `plain arrays with ${bad}`);
    const stats = diffStats(f32(bad, 2), f32(bad, 2), 1e-6);
    assert.equal(stats.passed, false);
    assert.equal(stats.maxAbsDiff, Infinity);
    assert.equal(relativeError(f32(1, 2), f32(1, bad)).relError, Infinity, `golden ${bad}`);
    assert.equal(relativeError(f32(bad, 2), f32(bad, 2)).relError, Infinity, `both ${bad}`);
  }
  assert.equal(maxAbsDiff(f32(1, 2), f32(1, 2.5)), 0.5);
  assert.equal(relativeError(f32(1, 4), f32(1, 2)).relError, 1);
});

test('a layer with NaN in both forms fails and says where the NaN is', () => {
  const c = new LayerComparer(1e-6, 'first');
  c.add(0, 0, { a: f32(1), b: f32(2) });
  c.add(1, 0, { a: f32(1), b: f32(2) });
  c.add(0, 1, { a: f32(1), b: f32(NaN) });
  c.add(1, 1, { a: f32(1), b: f32(NaN) });
  const [l0, l1] = c.rows(2);
  assert.equal(l0.passed, true);
  assert.equal(l0.nonfinite, undefined);
  assert.equal(l1.passed, false);
  assert.deepEqual(l1.nonfinite, { intermediate: 'b', forms: [0, 1] });
});

/** A copy of `src` in `dir` whose tensor `name` has a NaN as its first element. */
async function withNaN(src: string, dir: string, name: string): Promise<string> {
  const index = openCheckpoint(src);
  const out = path.join(dir, path.basename(src));
  const tensors = [...index.tensors.values()].map((ref) => {
    const bytes = readAll(ref).slice();
    if (ref.name === name) new DataView(bytes.buffer).setFloat32(0, NaN, true);
    return copyOf(memoryRef(ref.name, ref.dtype, ref.shape, bytes));
  });
  await writeSafetensors(out, tensors, index.metadata);
  index.close();
  return out;
}

test('verify: NaN in both forms fails (exit 1 reasons) at the layer where it first appears', async () => {
  const ckpt = await withNaN(fixture('block_tiny', 'pyloop.safetensors'), tmpDir(), 'params.layer_1.Dense_0.bias');
  const { report } = await verify(ckpt, { batch: 2, seq: 4 });
  assert.equal(report.passed, false);
  assert.deepEqual(report.nonfinite, { where: 'layer 1, +dense', in: ['pyloop form', 'scan form'] });
  assert.equal(report.perLayer[0].passed, true);
  assert.equal(report.perLayer[1].passed, false);
  assert.equal(report.final.passed, false);
});

test('verify --params-only: a NaN in bit-identical checkpoints fails (exit 1), in the text, the JSON and the JUnit', async () => {
  const dir = tmpDir();
  const a = await withNaN(fixture('block_tiny', 'pyloop.safetensors'), dir, 'params.layer_1.Dense_0.bias');
  const b = path.join(dir, 'scan.safetensors');
  assert.equal(cli(['convert', a, '-o', b]).status, 0);
  const report = path.join(dir, 'r.json');
  const junit = path.join(dir, 'r.xml');
  const r = cli(['verify', a, b, '--params-only', '--report', report, '--junit', junit]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /all bit-identical/);
  assert.match(r.stdout, /FAILED: NaN\/Inf in 2 tensors\n/);
  assert.match(r.stdout, /non-finite values \(NaN\/Inf\): 1 in params\.layer_1\.Dense_0\.bias of .*pyloop\.safetensors; a NaN never counts as agreement/);
  assert.match(r.stdout, /non-finite values \(NaN\/Inf\): 1 in params\.blocks\.Dense_0\.bias of .*scan\.safetensors/);
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { passed: boolean; nonfinite: { tensor: string; count: number }[] };
  assert.equal(json.passed, false);
  assert.deepEqual(json.nonfinite.map((n) => [n.tensor, n.count]), [['params.layer_1.Dense_0.bias', 1], ['params.blocks.Dense_0.bias', 1]]);
  assert.match(fs.readFileSync(junit, 'utf8'), /<failure type="NONFINITE" message="NaN\/Inf in 2 tensors">/);
});

test('verify: a golden file with a NaN is a failure, not a reference', async () => {
  const golden = await withNaN(fixture('block_tiny', 'pyloop_io.safetensors'), tmpDir(), 'output');
  const { report } = await verify(fixture('block_tiny', 'pyloop.safetensors'), { input: golden, expect: golden });
  assert.equal(report.passed, false);
  assert.equal(report.expect?.passed, false);
  assert.equal(report.expect?.nonfinite, 'output');
  assert.deepEqual(report.nonfinite, { where: 'golden "output"', in: [golden] });
});

test('generate: NaN logits (token 0 forever in both forms) fail, naming the step', async () => {
  const ckpt = await withNaN(fixture('llm_tiny', 'pyloop.safetensors'), tmpDir(), 'params.Dense_0.bias');
  const r = await generate(ckpt, { prompt: [1, 2, 3], maxNewTokens: 4, heads: 4 });
  assert.equal(r.passed, false);
  const names = r.checks.filter((c) => !c.passed).map((c) => c.name);
  assert.ok(names.includes('non-finite logits (pyloop), first at the prefill (position 0), count'), names.join('; '));
  assert.ok(names.includes('non-finite logits (scan), first at the prefill (position 0), count'), names.join('; '));
});

test('a finite but absurd config value is refused naming the key, before any form runs', async () => {
  const dir = tmpDir();
  for (const [key, value] of [['rope_theta', 1e-300], ['rope_theta', 1e300], ['rms_norm_eps', 1e-300], ['rms_norm_eps', 10]] as const) {
    const config = JSON.parse(fs.readFileSync(fixture('arch', 'llama', 'config.json'), 'utf8')) as Record<string, unknown>;
    config[key] = value;
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    await assert.rejects(verify(fixture('arch', 'llama', 'hf_pt.safetensors'), { config: file }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'BAD_CONFIG');
      const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      assert.match(e.message, new RegExp(`^${esc(file)}: "${key}" is ${esc(String(value))}, outside .* \\(real models use .*\\); a model would compute NaN or nonsense with it$`));
      return true;
    });
  }
});

test('check counts NaN/Inf in every floating dtype by its bits: 8-bit floats and complex too', () => {
  const count = (dtype: DType, bytes: number[]) => countNonfinite(memoryRef('t', dtype, [bytes.length], Uint8Array.from(bytes)));
  // E4M3FN: no infinity, NaN at S.1111.111; 0x7e is 448, its largest finite value.
  assert.equal(count('F8_E4M3', [0x7f, 0xff, 0x7e, 0xfe, 0x00, 0x78]), 2);
  // E5M2: exponent all ones is infinity (0x7c, 0xfc) or NaN (0x7d..0x7f); 0x7b is 57344.
  assert.equal(count('F8_E5M2', [0x7c, 0xfc, 0x7d, 0xff, 0x7b, 0x00]), 4);
  // E8M0FNU: 0xff is NaN, 0xfe is 2^127.
  assert.equal(count('F8_E8M0', [0xff, 0xfe, 0x7f]), 1);
  const c64 = new Float32Array([1, 2, 3, NaN, Infinity, 0, 5, 6]);
  assert.equal(countNonfinite(memoryRef('c', 'C64', [4], new Uint8Array(c64.buffer))), 2);
  assert.equal(count('U8', [0xff, 0x7f]), 0);
});

test('property: check\'s bit tests agree with each dtype\'s value, for any bytes of every floating dtype', () => {
  const f16 = (bits: number) => f16BitsToF32(bits);
  /** Independent decoders: the value each element holds (8-bit floats as their documented layouts). */
  const values: Partial<Record<DType, (b: Uint8Array) => number[]>> = {
    F32: (b) => [...new Float32Array(b.slice().buffer)],
    F64: (b) => [...new Float64Array(b.slice().buffer)],
    F16: (b) => [...new Uint16Array(b.slice().buffer)].map(f16),
    BF16: (b) => [...toFloat32('BF16', b.slice())],
    // C64: an element is non-finite when either part is.
    C64: (b) => {
      const parts = new Float32Array(b.slice().buffer);
      return Array.from({ length: parts.length / 2 }, (_, i) => parts[2 * i] + 0 * parts[2 * i + 1]);
    },
    // E5M2 is the top byte of an F16.
    F8_E5M2: (b) => [...b].map((x) => f16(x << 8)),
    // E4M3FN: bias 7, no infinities, S.1111.111 is NaN.
    F8_E4M3: (b) => [...b].map((x) => ((x & 0x7f) === 0x7f ? NaN : (x & 0x80 ? -1 : 1) * ((x >> 3) & 15 ? (1 + (x & 7) / 8) * 2 ** (((x >> 3) & 15) - 7) : (x & 7) * 2 ** -9))),
    // E8M0FNU: 2^(x - 127), 0xff is NaN.
    F8_E8M0: (b) => [...b].map((x) => (x === 0xff ? NaN : 2 ** (x - 127))),
  };
  for (const [dtype, decode] of Object.entries(values) as [DType, (b: Uint8Array) => number[]][]) {
    const size = dtypeSize(dtype);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }).map((a) => a.subarray(0, a.length - (a.length % size))), (bytes) => {
        const expected = decode(bytes).filter((v) => !Number.isFinite(v)).length;
        return countNonfinite(memoryRef('t', dtype, [bytes.length / size], bytes)) === expected;
      }),
      { numRuns: 300 },
    );
  }
});
