/**
 * generate --prompt TEXT: encoded with the model directory's tokenizer.json (a hand-made
 * WordLevel tokenizer for the 120-token llama fixture, fixtures/arch/llama/TOKENIZER.md),
 * the continuation printed decoded; token ids still work and give the same tokens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli, fixture, tmpDir } from './helpers.js';
import { loadTokenizer } from '../src/model/tokenizer.js';

function hub(): string {
  const dir = path.join(tmpDir(), 'llama');
  fs.mkdirSync(dir);
  fs.copyFileSync(fixture('arch', 'llama', 'hf_pt.safetensors'), path.join(dir, 'model.safetensors'));
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) fs.copyFileSync(fixture('arch', 'llama', f), path.join(dir, f));
  return dir;
}

test('the fixture tokenizer encodes with BOS and decodes without special tokens', async () => {
  const t = await loadTokenizer(fixture('arch', 'llama', 'hf_pt.safetensors'));
  assert.deepEqual(t.encode('Hello world'), [1, 3, 4]);
  assert.equal(t.decode([1, 3, 4, 2]), 'hello world');
});

test('generate DIR --prompt TEXT prints the decoded continuation; the same ids give the same tokens', async () => {
  const dir = hub();
  const text = cli(['generate', dir, '--prompt', 'Hello world', '--max-new-tokens', '4', '--json']);
  assert.equal(text.status, 0, text.stderr);
  const r = JSON.parse(text.stdout) as { tokens: number[][]; text: { prompt: string; continuation: string; tokenizer: string } };
  assert.equal(r.text.prompt, 'Hello world');
  assert.equal(r.text.tokenizer, path.join(dir, 'tokenizer.json'));
  const t = await loadTokenizer(dir);
  assert.equal(r.text.continuation, t.decode(r.tokens[0]));
  assert.equal(r.tokens[0].length, 4);
  const ids = cli(['generate', dir, '--prompt', '1,3,4', '--max-new-tokens', '4', '--json']);
  assert.equal(ids.status, 0, ids.stderr);
  const byIds = JSON.parse(ids.stdout) as { tokens: number[][]; text?: unknown };
  assert.deepEqual(byIds.tokens, r.tokens);
  assert.equal(byIds.text, undefined);
  const plain = cli(['generate', dir, '--prompt', 'Hello world', '--max-new-tokens', '4']);
  const line = `\ntext (${dir}/tokenizer.json): "Hello world" -> ${JSON.stringify(r.text.continuation)}\n`;
  assert.ok(plain.stdout.includes(line), plain.stdout);
});

test('a text prompt without a tokenizer.json is refused, naming what to do', () => {
  const r = cli(['generate', fixture('llm_tiny', 'pyloop.safetensors'), '--prompt', 'Hello']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /scanconv: error: a text prompt needs the model's tokenizer\.json, and .*fixtures\/llm_tiny has none; put it beside the checkpoint, or pass token ids \(--prompt 1,2,3\)\n$/);
});
