/**
 * Issue 19: inputs that hung or crashed. A FIFO or a device where a config is read, a --layers
 * pattern on a hostile name, `profile --runs` without end, and I/O tensors of dtypes verify does
 * not take (exit 3 before).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ScanconvError } from '../src/errors.js';
import { convert } from '../src/convert.js';
import { profile } from '../src/verify/profile.js';
import { MAX_PROFILE_RUNS } from '../src/verify/limits.js';
import { openCheckpoint } from '../src/format/open.js';
import { readHostTensor } from '../src/verify/inputs.js';
import { HfConfig } from '../src/model/config.js';
import { ROOT, fixture, tmpDir, writeSynthetic } from './helpers.js';

const LLM = fixture('llm_tiny', 'pyloop.safetensors');
const BLOCK = fixture('block_tiny', 'pyloop.safetensors');

async function withDir(body: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = tmpDir();
  try {
    await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI with a deadline: a hang is a failure, not a stuck test run. */
function cliWithin(seconds: number, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'scanconv'), ...args], { encoding: 'utf8', cwd: ROOT, timeout: seconds * 1000, env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

test('a FIFO or /dev/zero as --config or as the config.json beside the checkpoint exits 2 at once, not hangs in open(2)', () =>
  withDir((dir) => {
    const fifo = path.join(dir, 'fifo.json');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    for (const config of [fifo, '/dev/zero']) {
      assert.throws(() => HfConfig.find(LLM, config), (e: unknown) => e instanceof ScanconvError && e.code === 'BAD_CONFIG' && /not a checkpoint file|is a (FIFO|device)/.test(e.message));
      const r = cliWithin(30, ['verify', LLM, '--config', config]);
      assert.equal(r.signal, null, 'hung');
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /^scanconv: error: cannot read the model config: .* is a (FIFO \(named pipe\)|device), not a checkpoint file\n$/);
    }
    // Beside the checkpoint, as a model directory holds it.
    const model = path.join(dir, 'model');
    fs.mkdirSync(model);
    fs.copyFileSync(LLM, path.join(model, 'model.safetensors'));
    assert.equal(spawnSync('mkfifo', [path.join(model, 'config.json')]).status, 0);
    const r = cliWithin(30, ['profile', path.join(model, 'model.safetensors'), '--runs', '1']);
    assert.equal(r.signal, null, 'hung');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /config\.json: is a FIFO \(named pipe\), not a checkpoint file/);
  }));

test('a config.json over 1 MiB is refused before it is read', () =>
  withDir((dir) => {
    const big = path.join(dir, 'config.json');
    fs.writeFileSync(big, `{"x": "${'a'.repeat(1 << 20)}"}`);
    assert.throws(() => HfConfig.find(LLM, big), (e: unknown) => e instanceof ScanconvError && e.code === 'BAD_CONFIG' && /a model config is 1048585 bytes, over the limit of 1048576/.test(e.message));
  }));

test('--layers is matched in linear time: a backtracking pattern on a hostile name does not hang', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'src.safetensors');
    // `^(a+)+…` against "aaa…a!" takes 2^40 steps in a backtracking engine.
    await writeSynthetic(src, { [`${'a'.repeat(40)}!`]: { dtype: 'F32', shape: [1] }, 'aa0.w': { dtype: 'F32', shape: [1] }, 'aa1.w': { dtype: 'F32', shape: [1] } });
    const started = performance.now();
    const r = cliWithin(30, ['convert', src, '-o', path.join(dir, 'o.safetensors'), '--layers', '^(?:a+)+?(\\d+)$']);
    assert.equal(r.signal, null, 'hung');
    assert.ok(performance.now() - started < 30_000);
    // The pattern's literal parts do not name the layers (a+ is not a literal): refused, not recorded.
    assert.equal(r.status, 2, r.stderr);
    const timed = performance.now();
    await assert.rejects(convert(src, path.join(dir, 'o.safetensors'), { layerPattern: '^(a|aa)+(\\d+)$' }), (e: unknown) => e instanceof ScanconvError);
    assert.ok(performance.now() - timed < 5_000, `took ${performance.now() - timed} ms`);
    // RE2 has no lookaround or backreferences: such a pattern is a usage error naming the engine.
    await assert.rejects(convert(src, path.join(dir, 'o.safetensors'), { layerPattern: '^(?=a)a+(\\d+)$' }), (e: unknown) => e instanceof ScanconvError && e.code === 'BAD_PATTERN' && /RE2 syntax, which has no lookaround or backreferences/.test(e.message));
  }));

test(`profile --runs and --warmup are capped at ${MAX_PROFILE_RUNS}, before the model is opened`, async () => {
  await assert.rejects(profile(BLOCK, { runs: 1e9 }), { code: 'TOO_MANY_RUNS', message: `--runs 1000000000 is not an integer from 1 to ${MAX_PROFILE_RUNS}` });
  await assert.rejects(profile(BLOCK, { warmup: MAX_PROFILE_RUNS + 1 }), { code: 'TOO_MANY_RUNS' });
  await assert.rejects(profile('/nonexistent.safetensors', { runs: 0 }), { code: 'TOO_MANY_RUNS' });
  const r = cliWithin(30, ['profile', BLOCK, '--runs', '1000000']);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr, `scanconv: error: --runs 1000000 is not an integer from 1 to ${MAX_PROFILE_RUNS}\n`);
});

test('a prompt, input or golden tensor of a dtype verify does not take (U8, U16, I16) exits 2 naming it and the dtypes accepted', () =>
  withDir(async (dir) => {
    for (const dtype of ['U8', 'U16', 'I16'] as const) {
      const prompt = path.join(dir, `prompt-${dtype}.safetensors`);
      await writeSynthetic(prompt, { prompt: { dtype, shape: [1, 3], bytes: new Uint8Array(3 * (dtype === 'U8' ? 1 : 2)) } });
      let r = cliWithin(60, ['verify', LLM, '--input', prompt]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, `scanconv: error: ${prompt}: "prompt" is ${dtype}; token ids must be I32, I64\n`);
      r = cliWithin(60, ['generate', LLM, '--prompt-file', prompt]);
      assert.equal(r.status, 2, r.stderr);
      const input = path.join(dir, `input-${dtype}.safetensors`);
      await writeSynthetic(input, { input: { dtype, shape: [1, 2, 32] } });
      r = cliWithin(60, ['verify', BLOCK, '--input', input]);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, `scanconv: error: ${input}: "input" is ${dtype}; values must be F32, F16, BF16, F64\n`);
      const index = openCheckpoint(input);
      try {
        assert.throws(() => readHostTensor(index, 'input'), { code: 'BAD_DTYPE', message: `${input}: "input" is ${dtype}; values or token ids must be F32, F16, BF16, F64, I32, I64` });
      } finally {
        index.close();
      }
    }
    // A golden file whose layer output is U16: refused by name, after the forms ran.
    const golden = path.join(dir, 'golden.safetensors');
    await writeSynthetic(golden, { input: { dtype: 'F32', shape: [1, 2, 32] }, output: { dtype: 'I16', shape: [1, 2, 32] }, 'layer_0.+mlp': { dtype: 'U16', shape: [1, 2, 32] } });
    const r = cliWithin(120, ['verify', BLOCK, '--input', golden, '--expect', golden]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stdout + r.stderr, /"(layer_0\.\+mlp" is U16|output" is I16); values must be F32, F16, BF16, F64/);
  }));
