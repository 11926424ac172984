/**
 * The library never owns the process: converting installs no signal handler (a host's own
 * SIGTERM handler runs, and the process lives on), a conversion stops through an AbortSignal
 * leaving nothing behind, and a placed file's directory is synced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writePyloopCheckpoint } from '../bench/synthetic.js';
import { convert } from '../src/convert.js';
import { writeAtomically } from '../src/format/atomic.js';
import { verify } from '../src/verify/verify.js';
import { fixture, ROOT, tmpDir } from './helpers.js';

test('after convert(), a SIGTERM reaches the host application\'s own handler and the host lives on', () => {
  const dir = tmpDir();
  const script = `
    import { convert } from ${JSON.stringify(path.join(ROOT, 'src', 'index.ts'))};
    await convert(${JSON.stringify(fixture('block_tiny', 'pyloop.safetensors'))}, ${JSON.stringify(path.join(dir, 'scan.safetensors'))});
    const installed = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'].map((s) => process.listenerCount(s));
    const alive = setInterval(() => {}, 1000);
    process.on('SIGTERM', () => {
      console.log('host handler ran; library handlers: ' + installed.join(','));
      setTimeout(() => {
        console.log('host still running');
        clearInterval(alive);
      }, 20);
    });
    process.kill(process.pid, 'SIGTERM');
  `;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'host handler ran; library handlers: 0,0,0,0\nhost still running\n');
  assert.equal(r.stderr, '');
  assert.deepEqual(fs.readdirSync(dir), ['scan.safetensors']);
});

test('an AbortSignal stops convert() part way with ABORTED and removes its temporary file', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'big.safetensors');
  await writePyloopCheckpoint(src, 40e6, 4);
  const stop = new AbortController();
  let reports = 0;
  await assert.rejects(
    convert(src, path.join(dir, 'out.safetensors'), { signal: stop.signal, onProgress: () => (reports++ === 0 ? stop.abort() : undefined) }),
    (e: Error & { code?: string }) => e.code === 'ABORTED' && /^writing .*out\.safetensors was aborted; nothing written$/.test(e.message),
  );
  assert.equal(reports, 1, 'the write stopped at the buffer after the abort');
  assert.deepEqual(fs.readdirSync(dir), ['big.safetensors']);
  // Sharded output too: every shard written so far goes.
  const again = new AbortController();
  await assert.rejects(
    convert(src, path.join(dir, 'model.safetensors'), { signal: again.signal, shardSize: 10e6, onProgress: () => again.abort() }),
    (e: Error & { code?: string }) => e.code === 'ABORTED',
  );
  assert.deepEqual(fs.readdirSync(dir), ['big.safetensors']);
  // An already aborted signal writes nothing at all.
  await assert.rejects(convert(src, path.join(dir, 'out.safetensors'), { signal: AbortSignal.abort() }), (e: Error & { code?: string }) => e.code === 'ABORTED');
  assert.deepEqual(fs.readdirSync(dir), ['big.safetensors']);
});

test('putting a file in place syncs its directory after the rename', async () => {
  const dir = tmpDir();
  const synced: string[] = [];
  const original = fs.fsyncSync;
  fs.fsyncSync = (fd: number) => {
    synced.push(fs.fstatSync(fd).isDirectory() ? 'dir' : 'file');
    original(fd);
  };
  try {
    await writeAtomically(path.join(dir, 'a.bin'), (f) => f.write(new Uint8Array([1, 2, 3])));
    fs.writeFileSync(path.join(dir, 'b.bin'), 'old');
    await writeAtomically(path.join(dir, 'b.bin'), (f) => f.write(new Uint8Array([4])));
  } finally {
    fs.fsyncSync = original;
  }
  assert.deepEqual(synced, ['file', 'dir', 'file', 'dir']);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['a.bin', 'b.bin']);
});

test('convert() checks its options as the command line checks its flags, before anything is written', async () => {
  const dir = tmpDir();
  const src = fixture('block_tiny', 'pyloop.safetensors');
  const bad: [Record<string, unknown>, string][] = [
    [{ format: 'xml' }, 'option "format" is "xml"; expected one of safetensors, json, msgpack, orbax'],
    [{ to: 'stacked' }, 'option "to" is "stacked"; expected one of pyloop, scan, shared'],
    [{ from: 1 }, 'option "from" is 1; expected one of pyloop, scan, shared'],
    [{ shardSize: -5 }, 'option "shardSize" is -5; expected a positive integer'],
    [{ shardSize: '5GB' }, 'option "shardSize" is "5GB"; expected a positive integer'],
    [{ axis: '1' }, 'option "axis" is "1"; expected a number'],
    [{ numLayers: [3] }, 'option "numLayers" is an object; expected a number'],
    [{ force: 'yes' }, 'option "force" is "yes"; expected true or false'],
    [{ sep: '' }, 'option "sep" is ""; expected a non-empty string'],
    [{ layerPattern: 3 }, 'option "layerPattern" is 3; expected a non-empty string'],
    [{ onProgress: true }, 'option "onProgress" is true; expected a function'],
    [{ signal: {} }, 'option "signal" is an object; expected an AbortSignal'],
    [{ shard_size: 5 }, 'unknown option "shard_size"; the options are to, from, format, sep, force, shardSize, axis, numLayers, blockSize, layerPattern, stack, onProgress, signal, provenance, optimizerState, zstdLevel, chunkBytes, decodeThreads, compressThreads'],
  ];
  for (const [options, message] of bad) {
    await assert.rejects(convert(src, path.join(dir, 'x.json'), options as never), (e: Error & { code?: string }) => {
      assert.equal(e.message, `convert: ${message}`);
      assert.equal(e.code, 'BAD_OPTION');
      return true;
    });
  }
  await assert.rejects(convert(src, path.join(dir, 'x.json'), 'scan' as never), /^UsageError: convert: options must be an object, got "scan"$/);
  assert.deepEqual(fs.readdirSync(dir), []);
  // Undefined means not given, as an absent flag.
  await convert(src, path.join(dir, 'x.json'), { format: undefined, to: 'scan', signal: undefined });
  assert.deepEqual(fs.readdirSync(dir), ['x.json']);
});

test('an AbortSignal stops verify() while its forms run, with ABORTED, and installs no signal handler', async () => {
  const stop = new AbortController();
  const before = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'].map((s) => process.listenerCount(s));
  await assert.rejects(
    verify(fixture('block_tiny', 'pyloop.safetensors'), { signal: stop.signal, batch: 2, seq: 4, onProgress: () => stop.abort() }),
    (e: Error & { code?: string }) => e.code === 'ABORTED' && e.message === `verify of ${fixture('block_tiny', 'pyloop.safetensors')} was aborted`,
  );
  assert.deepEqual(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'].map((s) => process.listenerCount(s)), before);
  await assert.rejects(verify(fixture('block_tiny', 'pyloop.safetensors'), { signal: AbortSignal.abort() }), (e: Error & { code?: string }) => e.code === 'ABORTED');
});
