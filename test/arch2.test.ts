/**
 * Every case folder of fixtures/arch2/ (Llama 3.x, Qwen2.5 f32 and bf16, SmolLM2, Mistral with a
 * window shorter than the prompt, Gemma 2, Phi-3, Mixtral), against transformers v4.45.2's own
 * outputs: a new family's case is a new folder. For each: convert round trips byte for byte,
 * both forms agree exactly, verify --expect is within scale-aware 1e-5 of transformers, and
 * generate --expect gives transformers' tokens (past the window where there is one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convert } from '../src/convert.js';
import { forwardCost } from '../src/model/flops.js';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { generate } from '../src/verify/generate.js';
import { verify } from '../src/verify/verify.js';
import { fixture, sortedDump, tmpDir } from './helpers.js';

const ARCH2 = fixture('arch2');
/** Every folder with a config.json: a new case (scripts/hf_window_goldens.py writes two) is a new folder. */
const CASES = fs.readdirSync(ARCH2).filter((d) => fs.existsSync(path.join(ARCH2, d, 'config.json'))).sort();
const SHARED = ['gemma2', 'llama3', 'mistral_sw', 'mixtral', 'phi3', 'qwen2_5', 'qwen2_5_bf16', 'smollm2'];

test("the arch2 folders hold the shared set's eight cases (and any added), each with its config, checkpoint and goldens, and say who made the goldens", () => {
  assert.deepEqual(SHARED.filter((c) => !CASES.includes(c)), []);
  for (const c of CASES) {
    const io = openCheckpoint(path.join(ARCH2, c, 'io.safetensors'));
    try {
      assert.match(io.metadata.producer ?? '', /transformers/, `${c}: io.safetensors names its producer`);
    } finally {
      io.close();
    }
  }
});

for (const name of CASES) {
  test(`arch2 ${name}: convert round trips byte for byte, both forms agree exactly, transformers' outputs and tokens are reproduced`, async () => {
    const dir = tmpDir();
    try {
      fs.copyFileSync(path.join(ARCH2, name, 'config.json'), path.join(dir, 'config.json'));
      const pyloop = path.join(dir, 'pyloop.safetensors');
      const scan = path.join(dir, 'scan.safetensors');
      const back = path.join(dir, 'back.safetensors');
      const again = path.join(dir, 'again.safetensors');
      fs.copyFileSync(path.join(ARCH2, name, 'hf_pt.safetensors'), pyloop);
      await convert(pyloop, scan);
      await convert(scan, back);
      assert.deepEqual(sortedDump(back), sortedDump(pyloop)); // every tensor's dtype, shape and bytes
      await convert(back, again);
      assert.ok(fs.readFileSync(again).equals(fs.readFileSync(scan)), 'the second scan file is the first, byte for byte');

      const golden = path.join(ARCH2, name, 'io.safetensors');
      const { report } = await verify(pyloop, { other: scan, expect: golden, parallel: false });
      assert.equal(report.params.equal, true);
      assert.equal(report.final.maxAbsDiff, 0);
      assert.ok(report.perLayer.every((l) => Object.values(l.maxAbsDiff).every((d) => d === 0)));
      assert.ok(report.expect!.relError <= 1e-5, `scale-aware error against transformers ${report.expect!.relError}`);
      assert.equal(report.passed, true);

      const g = await generate(scan, { expect: golden, parallel: false });
      const io = openCheckpoint(golden);
      const goldenTokens = new Int32Array(readAll(io.tensors.get('generated')!).buffer.slice(0));
      io.close();
      assert.deepEqual(g.tokens.flat(), [...goldenTokens]);
      assert.ok(g.checks.every((c) => c.passed), JSON.stringify(g.checks));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('profile counts only the active experts of a mixture: the router plus k experts, not all E', () => {
  const spec = { kind: 'mixtral' as const, layers: 3, D: 40, H: 4, DH: 10, vocab: 119, decoder: { modelType: 'mixtral', naming: 'pt' as const, KV: 1, F: 48, eps: 1e-5, qkvBias: false, tied: false, globals: {} } };
  const dense = forwardCost(spec, 2, 11).flops;
  const top2 = forwardCost({ ...spec, decoder: { ...spec.decoder, moe: { experts: 8, topK: 2 } } }, 2, 11).flops;
  const BT = 2 * 11;
  // dense counts one gated MLP (3 matrices); top-2 counts two of them and the (D, E) router, per layer.
  assert.equal(top2 - dense, 3 * (3 * 2 * BT * 40 * 48 + 2 * BT * 40 * 8));
});
