import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writePyloopCheckpoint } from '../bench/synthetic.js';
import { ROOT, tmpDir } from './helpers.js';

test('Ctrl-C (SIGINT) during a conversion leaves no partial output and exits 130', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'big.safetensors');
  await writePyloopCheckpoint(src, 600e6, 8);
  const out = path.join(dir, 'out.safetensors');
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'scanconv'), 'convert', src, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  // Wait until the temporary output exists, i.e. the conversion is under way, then interrupt.
  const started = Date.now();
  while (!fs.readdirSync(dir).some((f) => f.includes('scanconv-tmp'))) {
    if (Date.now() - started > 20_000) assert.fail('the conversion never started writing');
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  assert.equal(code, 130, stderr);
  assert.match(stderr, /interrupted \(SIGINT\); no output written/);
  assert.deepEqual(fs.readdirSync(dir), ['big.safetensors']);
  fs.rmSync(dir, { recursive: true, force: true });
});
