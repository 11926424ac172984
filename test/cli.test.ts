/** Conduct on the command line: help, messages, check's lines and JSON, progress, benches' --help. */
/* eslint-disable no-control-regex -- the progress bar's output is made of terminal control sequences */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseSize } from '../src/cli/options.js';
import { ProgressBar } from '../src/cli/progress.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { copyOf } from '../src/format/stream.js';
import { openCheckpoint } from '../src/format/open.js';
import { visibleWidth } from '../src/verify/tables.js';
import { cli, fixture, ROOT, tmpDir } from './helpers.js';
import { helpAfter, wrapProse } from '../src/cli/help.js';

const BLOCK = (f: string) => fixture('block_tiny', f);

test('no arguments: the help on stderr and exit 2; help asked for: stdout and exit 0', () => {
  const none = cli([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^Usage: scanconv \[options\] \[command\]/);
  const asked = cli(['--help']);
  assert.equal(asked.status, 0);
  assert.match(asked.stdout, /Exit codes: 0 success, 1 a check failed, 2 bad input or usage, 3 internal error/);
});

test('every command\'s help fits 80 columns, without hard line breaks inside sentences, required options marked', () => {
  for (const cmd of ['convert', 'inspect', 'verify', 'generate', 'profile', 'check']) {
    const r = cli([cmd, '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').filter((l) => l.length > 80 && !l.includes('$ scanconv')), [], cmd);
    // The description is one paragraph that commander wraps: no line of it ends mid-sentence
    // far short of the width (the ragged wrapping of hard-coded breaks).
    const paragraph = r.stdout.split('\n\n')[1];
    if (/^(Arguments|Options):/.test(paragraph)) continue;
    const description = paragraph.split('\n');
    description.slice(0, -1).forEach((l) => assert.ok(l.length > 60, `${cmd}: ragged line "${l}"`));
  }
  assert.match(cli(['convert', '--help']).stdout, /-o, --output <path> +\(required\)/);
});

test('the prose after the options is re-flowed to the width, examples kept as written', () => {
  for (const args of [['--help'], ['verify', '--help'], ['check', '--help']]) {
    const after = cli(args).stdout.split(/\n\n/).slice(2);
    for (const p of after.filter((para) => !/\n {2}/.test(para) && !/^(Options|Commands|Arguments):/.test(para))) {
      const lines = p.trimEnd().split('\n');
      lines.forEach((l) => assert.ok(l.length <= 80, `${args.join(' ')}: "${l}" is over 80`));
      // Greedy wrapping: each line ends only where the next word would not have fit.
      lines.slice(0, -1).forEach((l, i) => assert.ok(l.length + 1 + lines[i + 1].split(' ')[0].length > 80, `${args.join(' ')}: ragged "${l}"`));
    }
  }
  const text = 'Examples:\n  $ scanconv verify a.safetensors b.safetensors --junit verify.xml --report verify.json\n\nExit codes: 0 success, 1 a check failed, 2 bad input or usage, 3 internal error.';
  const columns = process.stdout.columns;
  try {
    process.stdout.columns = 30;
    assert.equal(
      helpAfter(text)(),
      '\nExamples:\n  $ scanconv verify a.safetensors b.safetensors --junit verify.xml --report verify.json\n\nExit codes: 0 success, 1 a\ncheck failed, 2 bad input or\nusage, 3 internal error.',
    );
  } finally {
    process.stdout.columns = columns;
  }
  assert.equal(wrapProse('a-word-longer-than-the-width b', 5), 'a-word-longer-than-the-width\nb');
});

test('check names the file on every failing line, and --json gives the same results', async () => {
  const dir = tmpDir();
  // A pyloop checkpoint whose layer 2 lacks a tensor: a layer-group error, not a format error.
  const ragged = path.join(dir, 'ragged.safetensors');
  const index = openCheckpoint(BLOCK('pyloop.safetensors'));
  await writeSafetensors(ragged, [...index.tensors.values()].filter((r) => r.name !== 'params.layer_2.Dense_0.bias').map((r) => copyOf(r)), {});
  index.close();
  const lfs = path.join(dir, 'pointer.safetensors');
  fs.writeFileSync(lfs, 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n');
  const files = [BLOCK('pyloop.safetensors'), ragged, lfs];
  const r = cli(['check', ...files]);
  assert.equal(r.status, 2, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3);
  lines.forEach((l, i) => assert.ok(l.includes(files[i]), l));
  assert.match(lines[1], /^FAIL \S+ragged\.safetensors: .*layer_2/);
  assert.equal(lines[2], `FAIL ${lfs}: a Git LFS pointer, not the checkpoint itself; fetch the file with \`git lfs pull\``);
  const j = cli(['check', ...files, '--json']);
  assert.equal(j.status, 2);
  const parsed = JSON.parse(j.stdout) as { passed: boolean; files: { file: string; code: number; message: string; error?: string }[] };
  assert.equal(parsed.passed, false);
  assert.deepEqual(parsed.files.map((f) => [f.file, f.code]), [[files[0], 0], [ragged, 1], [lfs, 2]]);
  assert.equal(parsed.files[2].error, 'LFS_POINTER');
  assert.deepEqual(parsed.files.map((f) => f.message), lines.map((l) => l.slice(5)));
});

test('a directory as input: a model directory is read through its model.safetensors, any other is named with what to pass', () => {
  const dir = tmpDir();
  let r = cli(['inspect', dir]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: ${dir} is a directory without model.safetensors, model.safetensors.index.json, flax_model.msgpack; pass the checkpoint file (.safetensors, .safetensors.index.json, .msgpack or .json) or an Orbax/T5X checkpoint directory\n`);
  fs.copyFileSync(BLOCK('pyloop.safetensors'), path.join(dir, 'model.safetensors'));
  r = cli(['inspect', dir, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { layers: number }).layers, 12);
});

test('--shard-size takes 5G as 5 GB, and a bad size lists the accepted forms; the sharded summary names the index', () => {
  assert.equal(parseSize('5G'), 5e9);
  assert.equal(parseSize('5gb'), 5e9);
  assert.equal(parseSize('500M'), 5e8);
  assert.equal(parseSize('1.5GiB'), 1.5 * 2 ** 30);
  assert.equal(parseSize('1048576'), 1048576);
  const dir = tmpDir();
  let r = cli(['convert', BLOCK('pyloop.safetensors'), '-o', path.join(dir, 'model.safetensors'), '--shard-size', '5 gigs']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^scanconv: error: option '--shard-size <size>' argument '5 gigs' is invalid\. expected a byte count \(1048576\) or a number with a unit: B, K or KB, M or MB, G or GB, T or TB \(powers of 1000\), KiB, MiB, GiB, TiB \(powers of 1024\), e\.g\. 5GB, 5G, 500MB, 1\.5GiB\./);
  r = cli(['convert', BLOCK('pyloop.safetensors'), '-o', path.join(dir, 'model.safetensors'), '--shard-size', '60K']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /-> \S+model\.safetensors\.index\.json \(index of 5 shards beside it\)\n$/);
});

test('the progress bar fits a narrow terminal, says when it syncs at 100%, and counts each form\'s layers once', () => {
  const writes: string[] = [];
  let now = 0;
  const tty = { isTTY: true, columns: 40, write: (s: string) => (writes.push(s), true) };
  const bar = new ProgressBar('converting', 'bytes', tty, { now: () => now });
  for (let i = 1; i <= 10; i++) {
    now = 1000 + i * 200;
    bar.update(i * 1e8, 1e9);
  }
  assert.ok(writes.length >= 9);
  for (const w of writes) {
    assert.match(w, /^\r[^\r\n]*\x1b\[K$/); // redrawn in place, never a new line
    assert.ok(visibleWidth(w.replace(/\r|\x1b\[K/g, '')) < 40, w);
  }
  assert.match(writes.at(-1)!, /^\rconverting (\[#+\] )?100% syncing to disk\x1b\[K$/);
  const layers: string[] = [];
  let t = 0;
  const l = new ProgressBar('running both forms', 'layers', { isTTY: true, columns: 100, write: (s: string) => (layers.push(s), true) }, { now: () => t });
  t = 2000;
  l.update(33, 84, [17, 16]);
  assert.match(layers[0], / 39% layer 17\/42, 16\/42\x1b\[K$/);
});

test('in a log the progress is a plain line every few seconds, not a redraw per update', () => {
  const lines: string[] = [];
  let now = 0;
  const log = { isTTY: false, columns: 0, write: (s: string) => (lines.push(s), true) };
  const bar = new ProgressBar('running both forms', 'layers', log, { now: () => now, logEverySeconds: 5 });
  for (let i = 1; i <= 42; i++) {
    now = i * 400; // 16.8 s in all
    bar.update(2 * i, 84, [i, i]);
  }
  bar.finish();
  assert.deepEqual(lines, [
    'scanconv: running both forms: 31%, layer 13/42, 13/42, 5 s\n',
    'scanconv: running both forms: 62%, layer 26/42, 26/42, 10 s\n',
    'scanconv: running both forms: 93%, layer 39/42, 39/42, 16 s\n',
  ]);
});

test('npm run bench:convert, bench:verify and bench:matmul -- --help print their usage and run nothing', () => {
  for (const bench of ['convert', 'verify', 'matmul']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', `${bench}.ts`), '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Usage: npm run bench:${bench} \\[-- `));
    assert.doesNotMatch(r.stdout, /making a|notebook block model/);
  }
});

test('generate --model offers only the families that generate tokens; a non-token model is one sentence', () => {
  const help = cli(['generate', '--help']).stdout.replace(/\s+/g, ' ');
  assert.match(help, /--model <family> .*\(choices: "llm", "llama", "gemma", "gemma2", "phi3", "mixtral", "gpt2"\)/);
  const r = cli(['generate', BLOCK('pyloop.safetensors'), '--model', 'block', '--prompt', '1']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /argument 'block' is invalid/);
  const block = cli(['generate', BLOCK('pyloop.safetensors'), '--prompt', '1']);
  assert.equal(block.status, 2);
  assert.ok(block.stderr.length < 200 && block.stderr.split('\n').length === 2, block.stderr);
});
