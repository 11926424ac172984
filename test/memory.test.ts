/**
 * Bounded memory on hostile input (issue 11): peak RSS of the CLI's `check` and `convert` on
 * 100 MB msgpack bombs (one huge list or map of scalars once grew ~60x: 6.3 GB, then an abort).
 * Each run is a fresh process; a preload script reports its peak RSS at exit: VmHWM from
 * /proc/self/status, not getrusage's maxrss, which on Linux carries over the peak of the parent
 * that forked it (the test runner, holding the bombs) across exec.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, tmpDir } from './helpers.js';
import { rawSafetensors } from './encode.js';

const LIMIT_MB = 200;
const SIZE = 100 << 20;

/** Run the CLI with `args`; returns its exit status, stderr and peak RSS in MB. */
function runMeasured(dir: string, args: string[]): { status: number; stdout: string; stderr: string; peakMb: number } {
  const preload = path.join(dir, 'peak-rss.cjs');
  if (!fs.existsSync(preload)) {
    fs.writeFileSync(
      preload,
      "process.on('exit', () => { const fs = require('fs'); const m = /VmHWM:\\s*(\\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8')); fs.writeSync(2, `\\nPEAK_RSS_KB ${m[1]}\\n`); });\n",
    );
  }
  // A heap cap well above the limit: a regression fails this test instead of swapping the machine.
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', '--require', preload, path.join(ROOT, 'bin', 'scanconv'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  const m = /PEAK_RSS_KB (\d+)/.exec(r.stderr);
  assert.ok(m, `no peak RSS reported (status ${r.status}, signal ${r.signal}): ${r.stderr.slice(-500)}`);
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.replace(/\s*PEAK_RSS_KB \d+\s*$/, ''), peakMb: Number(m[1]) / 1024 };
}

/** 100 MB msgpack bombs: the structures that grew without bound, and the largest one the caps allow. */
function writeBombs(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const put = (name: string, buf: Buffer) => {
    files[name] = path.join(dir, `${name}.msgpack`);
    fs.writeFileSync(files[name], buf);
  };
  // One list of 100M fixint zeros, as the whole file.
  const listRoot = Buffer.alloc(SIZE);
  listRoot.set([0xdd]);
  listRoot.writeUInt32BE(SIZE - 5, 1);
  put('list-root', listRoot);
  // The same list under a key: {"params": [0, 0, ...]}.
  const listNested = Buffer.alloc(SIZE);
  listNested.set([0x81, 0xa6, ...Buffer.from('params'), 0xdd]);
  listNested.writeUInt32BE(SIZE - 13, 9);
  put('list-nested', listNested);
  // A map of 17M scalars: {0: 0, 1: 0, ...} with 4-byte integer keys, 6 bytes an entry.
  const entries = Math.floor((SIZE - 5) / 6);
  const mapScalars = Buffer.alloc(5 + entries * 6);
  mapScalars[0] = 0xdf;
  mapScalars.writeUInt32BE(entries, 1);
  for (let i = 0; i < entries; i++) {
    mapScalars[5 + i * 6] = 0xce;
    mapScalars.writeUInt32BE(i, 6 + i * 6);
  }
  put('map-scalars', mapScalars);
  // The largest structure under the cap: 999,999 entries of 100-byte strings (skipped unread).
  const n = 999_999;
  const per = 5 + 2 + 98;
  const mapStrings = Buffer.alloc(5 + n * per);
  mapStrings[0] = 0xdf;
  mapStrings.writeUInt32BE(n, 1);
  for (let i = 0; i < n; i++) {
    const at = 5 + i * per;
    mapStrings[at] = 0xce;
    mapStrings.writeUInt32BE(i, at + 1);
    mapStrings[at + 5] = 0xd9;
    mapStrings[at + 6] = 98;
  }
  put('map-strings', mapStrings);
  return files;
}

test(`memory: check and convert of 100 MB msgpack bombs exit 2 with peak RSS under ${LIMIT_MB} MB`, { timeout: 300_000 }, (t) => {
  const dir = tmpDir();
  try {
    const bombs = writeBombs(dir);
    const expected: Record<string, RegExp> = {
      'list-root': /a Flax checkpoint is a msgpack map/,
      'list-nested': /"params": is a msgpack list, not an array/,
      'map-scalars': /more than 1000000 map entries/,
      'map-strings': /"0": is a string, not an array/,
    };
    const figures: string[] = [];
    for (const [name, file] of Object.entries(bombs)) {
      const check = runMeasured(dir, ['check', file]);
      assert.equal(check.status, 2, check.stderr);
      assert.match(check.stdout, expected[name]);
      const out = path.join(dir, `${name}.out.safetensors`);
      const conv = runMeasured(dir, ['convert', file, '-o', out]);
      assert.equal(conv.status, 2, conv.stderr);
      assert.match(conv.stderr, expected[name]);
      assert.equal(fs.existsSync(out), false);
      figures.push(`${name}: check ${check.peakMb.toFixed(0)} MB, convert ${conv.peakMb.toFixed(0)} MB`);
      assert.ok(check.peakMb < LIMIT_MB && conv.peakMb < LIMIT_MB, figures.join('; '));
    }
    t.diagnostic(`peak RSS on ${SIZE >> 20} MB msgpack bombs: ${figures.join('; ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test(`memory: check and convert of a zero-size stack claiming 2^40 layers exit 2 with peak RSS under ${LIMIT_MB} MB`, { timeout: 120_000 }, (t) => {
  const dir = tmpDir();
  try {
    const file = path.join(dir, 'stack.safetensors');
    fs.writeFileSync(file, rawSafetensors(`{"blocks.w":{"dtype":"F32","shape":[${2 ** 40},0],"data_offsets":[0,0]}}`));
    const check = runMeasured(dir, ['check', file]);
    const out = path.join(dir, 'pyloop.safetensors');
    const conv = runMeasured(dir, ['convert', file, '-o', out]);
    t.diagnostic(`peak RSS on the 2^40-layer stack: check ${check.peakMb.toFixed(0)} MB, convert ${conv.peakMb.toFixed(0)} MB`);
    assert.ok(check.status === 1 || check.status === 2, check.stdout + check.stderr);
    assert.equal(conv.status, 2, conv.stderr);
    assert.equal(fs.existsSync(out), false);
    assert.ok(check.peakMb < LIMIT_MB && conv.peakMb < LIMIT_MB, `check ${check.peakMb} MB, convert ${conv.peakMb} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
