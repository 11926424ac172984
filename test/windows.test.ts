/**
 * Sliding windows that transformers v4.45.2's eager attention does not apply: Qwen2's
 * use_sliding_window (with sliding_window, max_window_layers) and Mixtral's sliding_window are
 * read by its flash-attention classes only; eager and sdpa build the plain causal mask
 * (docs/FAMILIES.md quotes the lines). So v4.45.2 eager on a config that sets them computes what
 * it computes without them, and the independent check is transformers' own goldens of the same
 * weights (fixtures/arch2 qwen2_5 and mixtral), through the prefill and 8 generated tokens past
 * the window. The control runs the same Qwen2 weights as a Mistral, whose window v4.45.2 eager
 * does apply (the mistral_sw goldens check that math): it must miss the goldens, so they can
 * tell a window applied from one not applied. What is still refused is refused with exact text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { generate } from '../src/verify/generate.js';
import { verify } from '../src/verify/verify.js';
import { ROOT, fixture, tmpDir } from './helpers.js';

type Edit = Record<string, unknown>;

/** A model directory: the fixture's checkpoint with its config.json edited. */
function edited(dir: string, from: string, edit: Edit): { file: string; config: string } {
  const config = JSON.parse(fs.readFileSync(path.join(fixture('arch2', from), 'config.json'), 'utf8')) as Edit;
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, ...edit }));
  const file = path.join(dir, 'model.safetensors');
  if (!fs.existsSync(file)) fs.copyFileSync(fixture('arch2', from, 'hf_pt.safetensors'), file);
  return { file, config: path.join(dir, 'config.json') };
}

function goldenTokens(golden: string): number[] {
  const io = openCheckpoint(golden);
  try {
    return [...new Int32Array(readAll(io.tensors.get('generated')!).buffer.slice(0))];
  } finally {
    io.close();
  }
}

const NOTE_TAIL = "is not applied, as in transformers v4.45.2's eager and sdpa attention; only its flash-attention path applies it (docs/FAMILIES.md)";

const CASES: { name: string; from: string; edit: Edit; setting: string }[] = [
  { name: 'Qwen2, use_sliding_window with window 3 < prompt 8, layers from 1 windowed by flash', from: 'qwen2_5', edit: { use_sliding_window: true, sliding_window: 3, max_window_layers: 1 }, setting: '"use_sliding_window" (sliding_window 3, max_window_layers 1)' },
  { name: 'Qwen2, use_sliding_window with window 2, every layer windowed by flash', from: 'qwen2_5', edit: { use_sliding_window: true, sliding_window: 2, max_window_layers: 0 }, setting: '"use_sliding_window" (sliding_window 2, max_window_layers 0)' },
  { name: 'Mixtral, sliding_window 4 < prompt 11', from: 'mixtral', edit: { sliding_window: 4 }, setting: '"sliding_window" 4' },
];

for (const c of CASES) {
  test(`${c.name}: both forms agree exactly and equal transformers v4.45.2 eager (its goldens without the window), prefill and generate; a note says so`, async () => {
    const dir = tmpDir();
    try {
      const { file, config } = edited(dir, c.from, c.edit);
      const scan = path.join(dir, 'scan.safetensors');
      await convert(file, scan);
      const golden = fixture('arch2', c.from, 'io.safetensors');
      const { report, traces } = await verify(file, { other: scan, expect: golden, parallel: false });
      assert.deepEqual(report.spec.decoder!.notes, [`${config}: ${c.setting} ${NOTE_TAIL}`]);
      assert.equal(report.spec.decoder!.window, undefined);
      assert.equal(report.final.maxAbsDiff, 0);
      assert.ok(report.perLayer.every((l) => Object.values(l.maxAbsDiff).every((d) => d === 0)));
      assert.ok(report.expect!.relError <= 1e-5, `scale-aware error against transformers ${report.expect!.relError}`);
      assert.equal(report.passed, true);

      // Bit for bit the computation of the same checkpoint without the window keys.
      const plain = tmpDir();
      try {
        const base = edited(plain, c.from, {});
        const without = await verify(base.file, { expect: golden, parallel: false });
        assert.equal(without.report.spec.decoder!.notes, undefined);
        assert.deepEqual(traces[0].final.data, without.traces[0].final.data);
      } finally {
        fs.rmSync(plain, { recursive: true, force: true });
      }

      const g = await generate(scan, { expect: golden, parallel: false });
      assert.deepEqual(g.tokens.flat(), goldenTokens(golden));
      assert.ok(g.checks.every((k) => k.passed), JSON.stringify(g.checks));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("control: the Qwen2 weights with Mistral's window (applied by v4.45.2 eager) miss those goldens, so they tell a window applied from one not applied", async () => {
  const dir = tmpDir();
  try {
    const { file } = edited(dir, 'qwen2_5', { model_type: 'mistral', sliding_window: 3 });
    const golden = fixture('arch2', 'qwen2_5', 'io.safetensors');
    const { report } = await verify(file, { expect: golden, parallel: false });
    assert.deepEqual(report.spec.decoder!.window, { size: 3, layers: 'all' });
    assert.equal(report.final.maxAbsDiff, 0);
    assert.ok(report.expect!.relError > 0.05, `a window of 3 over 8 positions moves the outputs: ${report.expect!.relError}`);
    assert.equal(report.passed, false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no note where even flash-attention applies no window: use_sliding_window false, sliding_window null, every layer below max_window_layers, a window past max_position_embeddings', async () => {
  const dir = tmpDir();
  try {
    for (const [from, edit] of [
      ['qwen2_5', { use_sliding_window: false, sliding_window: 3 }],
      ['qwen2_5', { use_sliding_window: true, sliding_window: null }],
      ['qwen2_5', { use_sliding_window: true, sliding_window: 3, max_window_layers: 2 }],
      ['mixtral', { sliding_window: 128 }],
      ['phi3', {}],
    ] as const) {
      const { file } = edited(fs.mkdtempSync(path.join(dir, 'case-')), from, edit);
      const { report } = await verify(file, { parallel: false });
      assert.equal(report.spec.decoder!.notes, undefined, `${from} ${JSON.stringify(edit)}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("Mistral's and Gemma 2's window where config.json leaves the key out is their class default, 4096", async () => {
  const dir = tmpDir();
  try {
    for (const from of ['mistral_sw', 'gemma2']) {
      const { config } = edited(fs.mkdtempSync(path.join(dir, 'case-')), from, {});
      const fields = JSON.parse(fs.readFileSync(config, 'utf8')) as Edit;
      delete fields.sliding_window;
      fs.writeFileSync(config, JSON.stringify(fields));
      const { report } = await verify(path.join(path.dirname(config), 'model.safetensors'), { parallel: false });
      assert.equal(report.spec.decoder!.window!.size, 4096, from);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('what is still refused around windows, with its exact message', async () => {
  const dir = tmpDir();
  try {
    const cases: [from: string, edit: Edit, message: (config: string) => string, code: string][] = [
      ['gemma2', { sliding_window: null }, (f) => `${f}: "sliding_window" is null; Gemma 2 masks its even layers with it; transformers v4.45.2 cannot run without one`, 'UNSUPPORTED_CONFIG'],
      ['mistral_sw', { sliding_window: 0 }, (f) => `${f}: "sliding_window" must be a positive integer up to 16777216, found 0`, 'BAD_CONFIG'],
      ['gemma2', { sliding_window: 2.5 }, (f) => `${f}: "sliding_window" must be a positive integer up to 16777216, found 2.5`, 'BAD_CONFIG'],
      ['qwen2_5', { use_sliding_window: 'yes' }, (f) => `${f}: "use_sliding_window" must be true or false, found "yes"`, 'BAD_CONFIG'],
    ];
    for (const [from, edit, message, code] of cases) {
      const { file, config } = edited(fs.mkdtempSync(path.join(dir, 'case-')), from, edit);
      await assert.rejects(verify(file, { parallel: false }), (e: Error & { code?: string }) => {
        assert.equal(e.message, message(config));
        assert.equal(e.code, code);
        return true;
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the command line shows the note on standard error, one line, and passes (src CLI)', () => {
  const dir = tmpDir();
  try {
    const { file, config } = edited(dir, 'mixtral', { sliding_window: 4 });
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'bin.ts'), 'verify', file, '--quiet', '--no-workers', '--expect', fixture('arch2', 'mixtral', 'io.safetensors')], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, `scanconv: note: ${config}: "sliding_window" 4 ${NOTE_TAIL}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
