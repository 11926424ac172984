/** What convert and verify may write: never an input, never a non-regular file, never a file that appeared meanwhile. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writePyloopCheckpoint } from '../bench/synthetic.js';
import { convert } from '../src/convert.js';
import { AtomicFile, commitAll, guardInputs } from '../src/format/atomic.js';
import { openCheckpoint } from '../src/format/open.js';
import { planShards, writeSharded } from '../src/format/sharded.js';
import { copyOf, type OutputTensor } from '../src/format/stream.js';
import { memoryRef } from '../src/format/types.js';
import { cli, fixture, listDir, ROOT, tmpDir } from './helpers.js';

const BLOCK = fixture('block_tiny', 'pyloop.safetensors');

async function withDir(body: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = tmpDir();
  try {
    await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const bytesOf = (f: string) => fs.readFileSync(f).toString('hex');

test('convert INDEX.json -o <one of its own shards> --force is refused; hard links and symlinks to an input count', () =>
  withDir(async (dir) => {
    const out = path.join(dir, 'model.safetensors');
    await convert(BLOCK, out, { shardSize: 60_000 });
    const index = `${out}.index.json`;
    const shard = path.join(dir, 'model-00002-of-00005.safetensors');
    const before = bytesOf(shard);
    let r = cli(['convert', index, '-o', shard, '--force']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `scanconv: error: output ${shard} is an input of this command; write it elsewhere\n`);
    const hard = path.join(dir, 'hard.safetensors');
    fs.linkSync(shard, hard);
    const soft = path.join(dir, 'soft.safetensors');
    fs.symlinkSync(shard, soft);
    for (const alias of [hard, soft]) {
      r = cli(['convert', index, '-o', alias, '--force']);
      assert.equal(r.status, 2);
      assert.equal(r.stderr, `scanconv: error: output ${alias} is the same file as the input ${shard}; write it elsewhere\n`);
    }
    // A sharded output whose shard names are the input's own shards.
    r = cli(['convert', index, '-o', out, '--to', 'pyloop', '--shard-size', '60KB', '--force']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^scanconv: error: output .*model-00001-of-00005\.safetensors is an input of this command; write it elsewhere\n$/);
    assert.equal(bytesOf(shard), before);
    assert.equal(listDir(dir).filter((f) => f.includes('scanconv-')).length, 0);
  }));

test('verify ck --report ck does not replace the checkpoint; no report or JUnit path may be an input', () =>
  withDir(async (dir) => {
    const ck = path.join(dir, 'ck.safetensors');
    fs.copyFileSync(BLOCK, ck);
    const io = path.join(dir, 'io.safetensors');
    fs.copyFileSync(fixture('block_tiny', 'pyloop_io.safetensors'), io);
    const cfg = path.join(dir, 'cfg.json');
    fs.copyFileSync(fixture('block_tiny', 'config.json'), cfg);
    const before = bytesOf(ck);
    const cases: [string[], string][] = [
      [['--config', cfg, '--report', cfg], `report ${cfg} is an input of this command; write it elsewhere`],
      [['--report', ck], `report ${ck} is an input of this command; write it elsewhere`],
      [['--junit', ck], `JUnit report ${ck} is an input of this command; write it elsewhere`],
      [['--input', io, '--junit', io], `JUnit report ${io} is an input of this command; write it elsewhere`],
      [['--expect', io, '--report', io], `report ${io} is an input of this command; write it elsewhere`],
      [['--report', path.join(dir, 'r.json'), '--junit', path.join(dir, 'r.json')], `report and JUnit report are both ${path.join(dir, 'r.json')}; give them different files`],
    ];
    for (const [args, line] of cases) {
      const r = cli(['verify', ck, ...args]);
      assert.equal(r.status, 2, r.stdout);
      assert.equal(r.stderr, `scanconv: error: ${line}\n`);
    }
    assert.equal(bytesOf(ck), before);
    assert.deepEqual(listDir(dir), ['cfg.json', 'ck.safetensors', 'io.safetensors']);
  }));

test('--force -o onto a FIFO or a device node is refused (exit 2), for reports too', () =>
  withDir(async (dir) => {
    const fifo = path.join(dir, 'pipe.safetensors');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    let r = cli(['convert', BLOCK, '-o', fifo, '--force']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `scanconv: error: output ${fifo} is a FIFO; scanconv writes regular files only\n`);
    assert.ok(fs.lstatSync(fifo).isFIFO());
    // /dev/null through a symlink with a checkpoint's extension, and directly as a report.
    const devnull = path.join(dir, 'null.safetensors');
    fs.symlinkSync('/dev/null', devnull);
    r = cli(['convert', BLOCK, '-o', devnull, '--force']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `scanconv: error: output ${devnull} is a character device; scanconv writes regular files only\n`);
    r = cli(['verify', BLOCK, '--report', '/dev/null']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'scanconv: error: report /dev/null is a character device; scanconv writes regular files only\n');
    assert.ok(fs.statSync('/dev/null').isCharacterDevice());
    assert.deepEqual(listDir(dir), ['null.safetensors', 'pipe.safetensors']);
  }));

test('a missing output directory is named; a missing input is reported before an existing output', () =>
  withDir(async (dir) => {
    const out = path.join(dir, 'exists.safetensors');
    fs.writeFileSync(out, 'keep');
    let r = cli(['convert', path.join(dir, 'missing.safetensors'), '-o', out]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `scanconv: error: ${path.join(dir, 'missing.safetensors')}: no such file\n`);
    const nodir = path.join(dir, 'no', 'such', 'dir');
    r = cli(['convert', BLOCK, '-o', path.join(nodir, 'x.safetensors')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `scanconv: error: cannot write output ${path.join(nodir, 'x.safetensors')}: directory ${nodir} does not exist\n`);
    r = cli(['convert', BLOCK, '-o', path.join(nodir, 'model.safetensors'), '--shard-size', '60KB']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`^scanconv: error: cannot write output .*model-00001-of-00005\\.safetensors: directory ${nodir} does not exist\\n$`));
    r = cli(['verify', BLOCK, '--junit', path.join(nodir, 'j.xml')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `scanconv: error: cannot write JUnit report ${path.join(nodir, 'j.xml')}: directory ${nodir} does not exist\n`);
    assert.deepEqual(listDir(dir), ['exists.safetensors']);
  }));

test('the library says force: true for an existing output, the CLI says --force', () =>
  withDir(async (dir) => {
    const out = path.join(dir, 'out.safetensors');
    fs.writeFileSync(out, 'keep');
    await assert.rejects(convert(BLOCK, out), { code: 'OUTPUT_EXISTS', message: `output ${out} exists; pass force: true to overwrite it` });
    const r = cli(['convert', BLOCK, '-o', out]);
    assert.equal(r.stderr, `scanconv: error: output ${out} exists; pass --force to overwrite it\n`);
    assert.equal(fs.readFileSync(out, 'utf8'), 'keep');
  }));

/** A tensor whose bytes cannot be read: the write fails part way. */
function failingTensor(name: string): OutputTensor {
  return {
    name,
    dtype: 'F32',
    shape: [4],
    byteLength: 16,
    pieces() {
      throw new Error('disk went away');
    },
  };
}

test('a failed sharded write leaves no shard and no index: all or nothing', () =>
  withDir(async (dir) => {
    const ok = (name: string) => copyOf(memoryRef(name, 'F32', [4], new Uint8Array(16).fill(1)));
    const plan = planShards(path.join(dir, 'model.safetensors'), [ok('a'), ok('b'), failingTensor('c')], 16);
    assert.equal(plan.files.length, 3);
    await assert.rejects(writeSharded(plan, {}), /disk went away/);
    assert.deepEqual(listDir(dir), []);
  }));

test('commitAll: a failure part way through the commit moves back what was already put in place', () =>
  withDir(async (dir) => {
    const [a, b, c] = ['a', 'b', 'c'].map((n) => path.join(dir, n));
    fs.writeFileSync(b, 'old b');
    const files = [a, b, c].map((f) => new AtomicFile(f));
    files.forEach((f, i) => f.write(Buffer.from(`new ${i}`)));
    // Another process creates c after this run started: c must not be replaced, and a and b
    // must come back to what they were (a absent, b the old b).
    fs.writeFileSync(c, 'theirs');
    assert.throws(() => commitAll(files), { code: 'OUTPUT_CHANGED', message: `${c} was created by another process while this run was writing it; left it as it is, nothing written` });
    assert.deepEqual(listDir(dir), ['b', 'c']);
    assert.equal(fs.readFileSync(b, 'utf8'), 'old b');
    assert.equal(fs.readFileSync(c, 'utf8'), 'theirs');
    // And when nothing interferes, all three land and no backup is left.
    const again = [a, b].map((f) => new AtomicFile(f));
    again.forEach((f, i) => f.write(Buffer.from(`new ${i}`)));
    commitAll(again);
    assert.deepEqual(listDir(dir), ['a', 'b', 'c']);
    assert.equal(fs.readFileSync(b, 'utf8'), 'new 1');
  }));

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; stderr: string }>;
}

function start(args: string[]): Run {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'scanconv'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout!.resume();
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))) };
}

async function untilTempExists(dir: string, run: Run): Promise<void> {
  const started = Date.now();
  while (!fs.readdirSync(dir).some((f) => f.includes('scanconv-tmp'))) {
    if (Date.now() - started > 30_000) assert.fail('the conversion never started writing');
    await new Promise((r) => setTimeout(r, 2));
  }
  run.child.kill('SIGSTOP');
}

test('two concurrent converts to the same output: the second to finish replaces nothing and exits 2', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'src.safetensors');
    await writePyloopCheckpoint(src, 50e6, 4);
    const out = path.join(dir, 'out.safetensors');
    for (const force of [false, true]) {
      if (force) fs.writeFileSync(out, 'there at the start');
      const flags = force ? ['--force'] : [];
      // A starts writing and is held just before its commit would come; B runs to the end.
      const a = start(['convert', src, '-o', out, ...flags]);
      await untilTempExists(dir, a);
      const b = start(['convert', src, '-o', out, ...flags]);
      const rb = await b.done;
      assert.equal(rb.code, 0, rb.stderr);
      assert.match(rb.stderr, /belongs to another scanconv run \(still running/);
      const written = fs.statSync(out).ino;
      a.child.kill('SIGCONT');
      const ra = await a.done;
      assert.equal(ra.code, 2, ra.stderr);
      assert.equal(ra.stderr, `scanconv: error: ${out} was ${force ? 'replaced' : 'created'} by another process while this run was writing it; left it as it is, nothing written\n`);
      assert.equal(fs.statSync(out).ino, written);
      assert.deepEqual(listDir(dir), ['out.safetensors', 'src.safetensors']);
    }
    // What is there is B's complete scan checkpoint.
    const scan = openCheckpoint(out);
    assert.equal(scan.metadata['scanconv.layout'], 'scan');
    assert.ok([...scan.tensors.keys()].includes('params.blocks.attn.query.kernel'));
    scan.close();
  }));

test('backstop: no AtomicFile replaces an input of a running command or a FIFO, whatever path writes it', () =>
  withDir(async (dir) => {
    const input = path.join(dir, 'in.safetensors');
    fs.writeFileSync(input, 'input bytes');
    const alias = path.join(dir, 'alias.json');
    fs.linkSync(input, alias);
    const release = guardInputs([input]);
    assert.throws(() => new AtomicFile(alias), { code: 'OUTPUT_IS_INPUT', message: `cannot write ${alias}: it is an input of this command` });
    // Guarded after the file was opened: the commit still refuses, and leaves no temp file.
    release();
    const late = new AtomicFile(alias);
    late.write(Buffer.from('report'));
    const again = guardInputs([input]);
    assert.throws(() => late.commit(), { code: 'OUTPUT_IS_INPUT' });
    late.abort();
    again();
    assert.equal(fs.readFileSync(input, 'utf8'), 'input bytes');
    const fifo = path.join(dir, 'fifo');
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
    assert.throws(() => new AtomicFile(fifo), { code: 'NOT_REGULAR_OUTPUT' });
    assert.deepEqual(listDir(dir), ['alias.json', 'fifo', 'in.safetensors']);
  }));
