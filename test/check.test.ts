import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli, fixture, tmpDir, writeSynthetic } from './helpers.js';

test('check: one line per file, exit 0 when all pass', () => {
  const r = cli(['check', fixture('block_tiny', 'pyloop.safetensors'), fixture('block_tiny', 'pyloop.msgpack'), fixture('llm_tiny', 'scan_native.safetensors')]);
  assert.equal(r.status, 0, r.stdout);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    `ok   ${fixture('block_tiny', 'pyloop.safetensors')}: safetensors, pyloop, 12 layers, 144 tensors`,
    `ok   ${fixture('block_tiny', 'pyloop.msgpack')}: msgpack, pyloop, 12 layers, 144 tensors`,
    `ok   ${fixture('llm_tiny', 'scan_native.safetensors')}: safetensors, scan, 3 layers, 15 tensors`,
  ]);
});

test('check: NaN/Inf fail (exit 1) unless allowed; wrong layout fails; malformed is exit 2', async () => {
  const dir = tmpDir();
  const nan = path.join(dir, 'nan.safetensors');
  const f = new Float32Array([1, NaN, 2, Infinity]);
  await writeSynthetic(nan, { 'params.w': { dtype: 'F32', shape: [4], bytes: new Uint8Array(f.buffer) } });
  let r = cli(['check', nan]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, `FAIL ${nan}: tensor "params.w" has 2 NaN/Inf values (--allow-nonfinite to accept)\n`);
  assert.equal(cli(['check', nan, '--allow-nonfinite']).status, 0);
  const bf = path.join(dir, 'bf.safetensors');
  await writeSynthetic(bf, { 'params.w': { dtype: 'BF16', shape: [2], bytes: new Uint8Array([0x80, 0x7f, 0, 0x3f]) } }); // +Inf, 0.5
  assert.equal(cli(['check', bf]).status, 1);
  r = cli(['check', fixture('block_tiny', 'scan_expected.safetensors'), '--expect-layout', 'pyloop']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /expected the pyloop layout, found scan/);
  const ragged = path.join(dir, 'ragged.safetensors');
  await writeSynthetic(ragged, { 'params.layer_0.w': { dtype: 'F32', shape: [2] }, 'params.layer_1.w': { dtype: 'F32', shape: [3] } });
  r = cli(['check', ragged]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^FAIL .*params\.layer_1\.w: \[3\] F32 differs from params\.layer_0\.w \[2\] F32/);
  const bad = path.join(dir, 'bad.safetensors');
  fs.writeFileSync(bad, Buffer.from([255, 255, 255, 255, 255, 255, 255, 0, 0]));
  r = cli(['check', bad, fixture('block_tiny', 'pyloop.safetensors')]);
  assert.equal(r.status, 2);
  assert.match(r.stdout, /^FAIL .*bad\.safetensors: header length \d+ exceeds the limit of 100000000 bytes\nok {3}/);
});

test('the pre-commit hook is declared for safetensors, shard index and msgpack files, in one run per commit', () => {
  const yaml = fs.readFileSync(path.join(import.meta.dirname, '..', '.pre-commit-hooks.yaml'), 'utf8');
  assert.match(yaml, /- id: scanconv-check/);
  assert.match(yaml, /language: node/);
  assert.match(yaml, /files: \(\\\.\(safetensors\|msgpack\)\|\\\.safetensors\\\.index\\\.json\)\$/);
  assert.match(yaml, /require_serial: true/);
  assert.match(yaml, /entry: scanconv check/);
});
