/** Inputs of verify/generate/profile that compare nothing, cannot fit in memory, or wrap around. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '../src/verify/generate.js';
import { verify } from '../src/verify/verify.js';
import { MAX_NEW_TOKENS } from '../src/verify/limits.js';
import { cli, fixture, tmpDir, writeSynthetic } from './helpers.js';

const LLM = fixture('llm_tiny', 'pyloop.safetensors');
const BLOCK = fixture('block_tiny', 'pyloop.safetensors');

async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = tmpDir();
  try {
    await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('an empty prompt (a prompt file of shape (1, 0)) exits 2 in generate and verify instead of crashing', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'empty.safetensors');
    await writeSynthetic(file, { prompt: { dtype: 'I32', shape: [1, 0] } });
    const line = `scanconv: error: ${file}: "prompt" [1, 0] has 1 sequence(s) of 0 token(s); at least one sequence of at least one token is needed, or nothing would be compared\n`;
    for (const args of [['generate', LLM, '--prompt-file', file], ['verify', LLM, '--input', file]]) {
      const r = cli(args);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, line);
      assert.equal(r.stdout, '');
    }
  }));

test('a batch of 0 sequences or an empty input does not pass having compared nothing', () =>
  withDir(async (dir) => {
    const noBatch = path.join(dir, 'b0.safetensors');
    await writeSynthetic(noBatch, { prompt: { dtype: 'I32', shape: [0, 3] } });
    await assert.rejects(verify(LLM, { input: noBatch, parallel: false }), { code: 'EMPTY_INPUT', message: `${noBatch}: "prompt" [0, 3] has 0 sequence(s) of 3 token(s); at least one sequence of at least one token is needed, or nothing would be compared` });
    for (const shape of [[0, 4, 32], [2, 0, 32]]) {
      const file = path.join(dir, `input-${shape.join('x')}.safetensors`);
      await writeSynthetic(file, { input: { dtype: 'F32', shape } });
      const r = cli(['verify', BLOCK, '--input', file]);
      assert.equal(r.status, 2, r.stdout);
      assert.match(r.stderr, /^scanconv: error: .*"input" \[\d, \d, 32\] has \d sequence\(s\) of \d token\(s\);.* nothing would be compared\n$/);
    }
    // The library's own batch/seq options have no commander parser in front of them.
    await assert.rejects(verify(BLOCK, { batch: 0, parallel: false }), { code: 'EMPTY_INPUT' });
    await assert.rejects(verify(BLOCK, { seq: 0, parallel: false }), { code: 'EMPTY_INPUT' });
  }));

test('--batch 100000 --seq 100000 and --seq 100000 exit 2 with the limit stated, before any compute', () => {
  let r = cli(['verify', BLOCK, '--seq', '100000']);
  assert.equal(r.status, 2);
  assert.equal(
    r.stderr,
    'scanconv: error: a random input of batch 12 x seq 100000: the attention weights (B x H x T x T) would be 12 x 4 x 100000 x 100000 f32 values (1,788.1 GiB), over the limit of 256 MiB per activation; use a smaller batch or sequence\n',
  );
  r = cli(['verify', BLOCK, '--batch', '100000', '--seq', '100000']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^scanconv: error: a random input of batch 100000 x seq 100000: the hidden state \(B x T x D\) would be 100000 x 100000 x 32 f32 values \(1,192\.1 GiB\), over the limit of 256 MiB per activation/);
  r = cli(['profile', BLOCK, '--seq', '100000']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /over the limit of 256 MiB per activation/);
  // Just under the limit is allowed: B x H x T x T = 1 x 4 x 4096 x 4096 f32 is 256 MiB.
  r = cli(['verify', BLOCK, '--batch', '1', '--seq', '4097', '--no-workers']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /1 x 4 x 4097 x 4097 f32 values \(256\.1 MiB\)/);
});

test('an I64 token of 2^32+1 is refused instead of wrapping to token 1', () =>
  withDir(async (dir) => {
    const file = path.join(dir, 'wide.safetensors');
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigInt64(0, 2n, true);
    new DataView(bytes.buffer).setBigInt64(8, 2n ** 32n + 1n, true);
    await writeSynthetic(file, { prompt: { dtype: 'I64', shape: [1, 2], bytes } });
    const message = `${file}: "prompt" value 4294967297 at position 1 does not fit in int32`;
    await assert.rejects(generate(LLM, { promptFile: file, maxNewTokens: 1, parallel: false }), { code: 'BAD_INPUT', message });
    await assert.rejects(verify(LLM, { input: file, parallel: false }), { code: 'BAD_INPUT', message });
    // In range, I64 prompts still work (Flax's int64 ids).
    new DataView(bytes.buffer).setBigInt64(8, 1n, true);
    await writeSynthetic(file, { prompt: { dtype: 'I64', shape: [1, 2], bytes } });
    const r = await generate(LLM, { promptFile: file, maxNewTokens: 1, parallel: false });
    assert.deepEqual(r.prompt, [[2, 1]]);
  }));

test('generate --max-new-tokens 1000000 exits 2 above the documented limit instead of running without bound', async () => {
  const r = cli(['generate', LLM, '--prompt', '1,2', '--max-new-tokens', '1000000']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: 1000000 new tokens is over the limit of ${MAX_NEW_TOKENS} per generation (the llm has no context length of its own, and each step attends over the whole cache)\n`);
  await assert.rejects(generate(LLM, { prompt: [1], maxNewTokens: MAX_NEW_TOKENS + 1, parallel: false }), { code: 'TOO_MANY_TOKENS' });
  await assert.rejects(generate(LLM, { prompt: [1], maxNewTokens: 0, parallel: false }), { code: 'BAD_TOKENS' });
});
