import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { forwardCost } from '../src/model/flops.js';
import { generate } from '../src/verify/generate.js';
import { cli, fixture } from './helpers.js';

const LLM = (f: string) => fixture('llm_tiny', f);

function goldenTokens(): number[][] {
  const io = openCheckpoint(LLM('pyloop_io.safetensors'));
  const ref = io.tensors.get('generated')!;
  const ids = [...new Int32Array(readAll(ref).buffer)];
  io.close();
  return [ids.slice(0, 6), ids.slice(6)];
}

test('llm_tiny: both forms generate Flax\'s tokens; step logits match Flax; cache equals recompute', async () => {
  const r = await generate(LLM('pyloop.safetensors'), { expect: LLM('pyloop_io.safetensors'), maxNewTokens: 6 });
  assert.deepEqual(r.tokens, goldenTokens());
  assert.deepEqual(r.forms, ['pyloop', 'scan']);
  const byName = Object.fromEntries(r.checks.map((c) => [c.name, c]));
  assert.equal(byName['tokens equal (pyloop vs scan), differing'].value, 0);
  assert.ok(byName['prefill + step logits (pyloop vs scan)'].value <= 1e-5);
  assert.ok(byName['cached decoding vs full recompute (pyloop)'].passed);
  assert.ok(byName['cached decoding vs full recompute (scan)'].passed);
  assert.equal(byName['tokens vs expected, differing'].value, 0);
  assert.ok(byName['step logits vs expected'].value < 1e-5, String(byName['step logits vs expected'].value));
  assert.equal(r.passed, true);
});

test('the scan checkpoint made natively by nn.scan decodes Flax\'s own scan tokens', async () => {
  const r = await generate(LLM('scan_native.safetensors'), { expect: LLM('scan_native_io.safetensors'), maxNewTokens: 6 });
  assert.equal(r.passed, true, JSON.stringify(r.checks));
  assert.deepEqual(r.forms, ['scan', 'pyloop']);
});

test('an off-by-one cache index fails the cache-vs-recompute check', async () => {
  const r = await generate(LLM('pyloop.safetensors'), { prompt: [3, 1, 4, 1, 5], maxNewTokens: 8, cacheIndexOffset: 1, parallel: false });
  const recompute = r.checks.filter((c) => c.name.startsWith('cached decoding vs full recompute'));
  assert.equal(recompute.length, 2);
  for (const c of recompute) assert.equal(c.passed, false, `${c.name}: ${c.value}`);
  assert.equal(r.passed, false);
});

test('generate CLI: --json shape, exit codes, bad prompts', () => {
  let r = cli(['generate', LLM('pyloop.safetensors'), '--prompt', '1,2,3', '--max-new-tokens', '4', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { tokens: number[][]; checks: { name: string; value: number; threshold: number; passed: boolean }[] };
  assert.equal(j.tokens.length, 1);
  assert.equal(j.tokens[0].length, 4);
  assert.deepEqual(Object.keys(j.checks[0]).sort(), ['name', 'passed', 'threshold', 'value']);
  r = cli(['generate', LLM('scan_expected.safetensors'), '--prompt-file', LLM('pyloop_io.safetensors'), '--max-new-tokens', '6', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { tokens: number[][] }).tokens, goldenTokens());
  r = cli(['generate', LLM('pyloop.safetensors'), '--prompt', '1,2,99']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: prompt token 99 is outside the vocabulary (0..49)\n');
  r = cli(['generate', LLM('pyloop.safetensors'), '--prompt', 'a,b']);
  assert.equal(r.status, 2);
  r = cli(['generate', fixture('block_tiny', 'pyloop.safetensors'), '--prompt', '1']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: this command decodes tokens, but ${fixture('block_tiny', 'pyloop.safetensors')} holds the block model, which takes hidden states\n`);
});

test('block FLOP count equals the hand-computed figure for a small shape', () => {
  // B=2, T=8, D=32, H=4, DH=8, L=12. Per layer:
  //   q,k,v,out projections 4 x 2*16*32*32 = 131072; Dense_0 2*16*32*32 = 32768;
  //   logits and weights.v, each 2*B*H*T*T*DH = 2*2*4*8*8*8 = 8192, so 16384.
  //   (131072 + 32768 + 16384) * 12 = 2162688
  const cost = forwardCost({ kind: 'block', layers: 12, D: 32, H: 4, DH: 8 }, 2, 8);
  assert.equal(cost.flops, 2_162_688);
  // softmax exp 2*4*8*8 = 512 and two rsqrt per token 2*16 = 32, per layer: (512 + 32) * 12
  assert.equal(cost.transcendentals, 6528);
});

test('profile prints both forms side by side; --json has the figures', () => {
  const r = cli(['profile', fixture('block_tiny', 'pyloop.safetensors'), '--batch', '2', '--seq', '8', '--runs', '2', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { forms: { name: string; flops: number; medianMs: number; peakBytes: number; paramBytes: number }[]; ratio: { median: number } };
  assert.deepEqual(j.forms.map((f) => f.name), ['pyloop', 'scan']);
  assert.equal(j.forms[0].flops, 2_162_688);
  assert.equal(j.forms[0].paramBytes, 256_512);
  assert.ok(j.forms.every((f) => f.medianMs > 0 && f.peakBytes > 0));
  assert.ok(j.ratio.median > 0);
});
