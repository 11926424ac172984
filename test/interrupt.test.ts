import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writePyloopCheckpoint } from '../bench/synthetic.js';
import { cli, fixture, ROOT, tmpDir } from './helpers.js';

/** Start a conversion of `src` into `out`, wait until its temporary output exists, then send `signal`. */
async function interrupt(src: string, out: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const dir = path.dirname(out);
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'scanconv'), 'convert', src, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = Date.now();
  while (!fs.readdirSync(dir).some((f) => f.includes('scanconv-tmp'))) {
    if (Date.now() - started > 20_000) assert.fail('the conversion never started writing');
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill(signal);
  return new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr })));
}

test('SIGINT, SIGTERM, SIGHUP and SIGQUIT during a conversion leave no partial output and exit 128 + the signal', async () => {
  const dir = tmpDir();
  try {
    const src = path.join(dir, 'big.safetensors');
    await writePyloopCheckpoint(src, 600e6, 8);
    const out = path.join(dir, 'out.safetensors');
    for (const [signal, exit] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129], ['SIGQUIT', 131]] as const) {
      const r = await interrupt(src, out, signal);
      assert.equal(r.code, exit, `${signal}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`interrupted \\(${signal}\\); no output written`));
      assert.deepEqual(fs.readdirSync(dir), ['big.safetensors'], signal);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a temp file left by SIGKILL names its writer and is removed, and reported, by the next run into the directory', async () => {
  const dir = tmpDir();
  try {
    const src = path.join(dir, 'big.safetensors');
    await writePyloopCheckpoint(src, 300e6, 8);
    const out = path.join(dir, 'out.safetensors');
    const r = await interrupt(src, out, 'SIGKILL');
    assert.equal(r.signal, 'SIGKILL');
    const left = fs.readdirSync(dir).filter((f) => f !== 'big.safetensors');
    assert.equal(left.length, 1);
    assert.match(left[0], /^\.out\.safetensors\.scanconv-tmp-[A-Za-z0-9._]+-\d+-0$/);
    // The next run writes elsewhere in the same directory: it removes the dead run's file and says so.
    const small = path.join(dir, 'small.safetensors');
    fs.copyFileSync(fixture('block_tiny', 'pyloop.safetensors'), small);
    const next = cli(['convert', small, '-o', path.join(dir, 'other.msgpack')]);
    assert.equal(next.status, 0, next.stderr);
    assert.equal(next.stderr, `scanconv: removed ${path.join(dir, left[0])}, left by a scanconv run that was killed\n`);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['big.safetensors', 'other.msgpack', 'small.safetensors']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
