import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { backendHintFor, formWorkersFor } from '../src/verify/workerPool.js';
import { fixture } from './helpers.js';

const argv = (...a: string[]) => ['node', 'scanconv', ...a];

test('the CLI prestarts two form workers only for command lines that run two forms in worker threads', () => {
  assert.equal(formWorkersFor(argv('verify', 'a.safetensors')), 2);
  assert.equal(formWorkersFor(argv('generate', 'a.safetensors', '--backend', 'ort')), 2);
  for (const line of [
    ['convert', 'a.safetensors', 'b.safetensors'],
    ['profile', 'a.safetensors'],
    ['verify', 'a.safetensors', '--no-workers'],
    ['verify', 'a.safetensors', 'b.safetensors', '--params-only'],
    ['verify', 'a.safetensors', '--backend', 'webgpu'],
    ['verify', 'a.safetensors', '--backend=webgpu'],
    ['verify', '--help'],
    [],
  ]) {
    assert.equal(formWorkersFor(argv(...line)), 0, line.join(' '));
  }
});

test('a prestarted worker preloads the backend the command line names, else what auto needs', () => {
  assert.equal(backendHintFor(argv('verify', 'a.safetensors', '--backend', 'ort')), 'ort');
  assert.equal(backendHintFor(argv('verify', 'a.safetensors', '--backend=wasm', '--seq', '4')), 'wasm');
  assert.equal(backendHintFor(argv('verify', 'a.safetensors')), 'auto');
  assert.equal(backendHintFor(argv('verify', 'a.safetensors', '--backend')), 'auto');
});

test('prestarted workers that are never used keep nothing alive: a refused verify exits at once, with its usage error', () => {
  const bin = path.join(import.meta.dirname, '..', 'bin', 'scanconv');
  // A worker left ref'd would keep the process alive: the timeout kills it (status null). With
  // --backend wasm the workers are also loading tfjs-wasm when the process ends.
  for (const extra of [[], ['--backend', 'wasm']]) {
    const r = spawnSync(process.execPath, [bin, 'verify', fixture('block_tiny', 'pyloop.safetensors'), '--batch', '0', ...extra], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /batch/);
  }
});
