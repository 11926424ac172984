/**
 * verify and generate on MaxText's Llama tree (families/maxtext.ts): the shared Llama fixture
 * converted as MaxText's HF -> MaxText converter converts it (test/maxtextLlama.ts) and written
 * as Orbax checkpoints, scanned on axis 1 and per layer, runs against transformers' goldens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { generate } from '../src/verify/generate.js';
import { verify } from '../src/verify/verify.js';
import { fixture, tmpDir } from './helpers.js';
import { writeMaxtextOrbax } from './maxtextLlama.js';

const LLAMA = fixture('arch/llama');
const SIZES = { D: 48, H: 6, KV: 3, DH: 8, L: 3 };
const golden = path.join(LLAMA, 'io.safetensors');
const config = path.join(LLAMA, 'config.json');

test('MaxText Llama, scanned on axis 1 and per layer: verify --expect within 1e-5 of transformers, both forms agree exactly, generate gives its tokens', async () => {
  const dir = tmpDir();
  try {
    const scanned = await writeMaxtextOrbax(path.join(LLAMA, 'hf_pt.safetensors'), SIZES, 'scanned', dir);
    const layers = await writeMaxtextOrbax(path.join(LLAMA, 'hf_pt.safetensors'), SIZES, 'layers', dir);
    const { report } = await verify(scanned, { other: layers, expect: golden, config, parallel: false });
    assert.equal(report.params.equal, true);
    assert.equal(report.final.maxAbsDiff, 0);
    assert.ok(report.perLayer.every((l) => Object.values(l.maxAbsDiff).every((d) => d === 0)));
    assert.ok(report.expect!.relError <= 1e-5, `scale-aware error against transformers ${report.expect!.relError}`);
    assert.equal(report.passed, true);
    const g = await generate(scanned, { expect: golden, config, parallel: false });
    const io = openCheckpoint(golden);
    const tokens = new Int32Array(readAll(io.tensors.get('generated')!).buffer.slice(0));
    io.close();
    assert.deepEqual(g.tokens.flat(), [...tokens]);
    assert.ok(g.checks.every((c) => c.passed), JSON.stringify(g.checks));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
