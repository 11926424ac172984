/** Standard output that cannot be written: a closed pipe ends quietly, a full disk is one line and exit 2. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fixture, ROOT } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'scanconv');

/** Run the CLI with its stdout a pipe whose reading end is closed before it writes (`| head -0`). */
function withClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

test('EPIPE: scanconv verify --help | head -1 and scanconv check ... | head -1 end quietly with their own exit code', async () => {
  let r = await withClosedStdout(['verify', '--help']);
  assert.deepEqual(r, { code: 0, stderr: '' });
  const files = Array.from({ length: 20 }, () => fixture('block_tiny', 'pyloop.safetensors'));
  r = await withClosedStdout(['check', ...files]);
  assert.deepEqual(r, { code: 0, stderr: '' });
  // A failing check still says so through its exit code (1), not through a trace.
  r = await withClosedStdout(['check', ...files, fixture('block_tiny', 'pyloop.safetensors'), '--expect-layout', 'scan']);
  assert.deepEqual(r, { code: 1, stderr: '' });
});

test('ENOSPC: scanconv check ... > /dev/full is one line on stderr and exit 2', { skip: !fs.existsSync('/dev/full') }, async () => {
  const full = fs.openSync('/dev/full', 'w');
  try {
    const child = spawn(process.execPath, [BIN, 'check', fixture('block_tiny', 'pyloop.safetensors')], { stdio: ['ignore', full, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 2);
    assert.equal(stderr, 'scanconv: error: cannot write to standard output: no space left on device (ENOSPC)\n');
  } finally {
    fs.closeSync(full);
  }
});
