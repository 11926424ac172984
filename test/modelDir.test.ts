/**
 * Model directories through the CLI: convert DIR -o OUT/ (weights sharded like the input, small
 * files copied), verify/inspect/check on directories, one checkpoint per directory (issue 19:
 * no stale index beside a new model.safetensors), and which file was read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cli, fixture, listDir, tmpDir } from './helpers.js';

const LLAMA = (f: string) => fixture('arch', 'llama', f);

/** A hub-style llama directory: model.safetensors (PyTorch naming), config, generation config, tokenizer. */
function hubLlama(root: string, name = 'llama'): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.copyFileSync(LLAMA('hf_pt.safetensors'), path.join(dir, 'model.safetensors'));
  fs.copyFileSync(LLAMA('config.json'), path.join(dir, 'config.json'));
  fs.copyFileSync(LLAMA('tokenizer.json'), path.join(dir, 'tokenizer.json'));
  fs.writeFileSync(path.join(dir, 'generation_config.json'), '{"bos_token_id": 1, "eos_token_id": 2}\n');
  fs.mkdirSync(path.join(dir, 'onnx'));
  return dir;
}

const sameBytes = (a: string, b: string) => assert.ok(fs.readFileSync(a).equals(fs.readFileSync(b)), `${a} differs from ${b}`);

test('convert DIR -o OUT/: the weights and the small files, listed; verify OUT then needs no flags', () => {
  const root = tmpDir();
  const hub = hubLlama(root);
  const out = path.join(root, 'llama-scan');
  const r = cli(['convert', hub, '-o', `${out}/`]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], new RegExp(`^pyloop -> scan: 3 layers, 12 tensors, .* -> ${out}/model\\.safetensors$`));
  assert.deepEqual(lines.slice(1), [`copied unchanged into ${out}: config.json, generation_config.json, tokenizer.json`, 'not copied: onnx (a directory)']);
  assert.deepEqual(listDir(out), ['config.json', 'generation_config.json', 'model.safetensors', 'tokenizer.json']);
  for (const f of ['config.json', 'generation_config.json', 'tokenizer.json']) sameBytes(path.join(hub, f), path.join(out, f));
  const v = cli(['verify', out]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /PASSED/);
  // Back again, into a third directory: the weights equal the original tensor for tensor.
  const back = path.join(root, 'llama-back');
  assert.equal(cli(['convert', out, '-o', `${back}/`]).status, 0);
  assert.equal(cli(['verify', hub, path.join(back, 'model.safetensors'), '--params-only']).status, 0);
});

test('a sharded input directory comes out sharded, with its index, unless --shard-size says otherwise; inspect DIR reports the weights', () => {
  const root = tmpDir();
  const hub = hubLlama(root);
  const sharded = path.join(root, 'sharded');
  let r = cli(['convert', hub, '-o', `${sharded}/`, '--to', 'pyloop', '--shard-size', '100KB']);
  assert.equal(r.status, 0, r.stderr);
  const shards = listDir(sharded).filter((f) => /^model-\d{5}-of-\d{5}\.safetensors$/.test(f));
  assert.equal(shards.length, 5);
  const scan = path.join(root, 'scan');
  r = cli(['convert', sharded, '-o', `${scan}/`]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /model\.safetensors\.index\.json \(index of \d shards beside it\)/);
  assert.ok(fs.existsSync(path.join(scan, 'model.safetensors.index.json')));
  assert.ok(!fs.existsSync(path.join(scan, 'model.safetensors')));
  const report = JSON.parse(cli(['inspect', scan, '--json']).stdout) as { read: string; files: string[]; fileBytes: number; format: string };
  assert.equal(report.read, path.join(scan, 'model.safetensors.index.json'));
  assert.equal(report.format, 'sharded');
  assert.equal(report.files.length, listDir(scan).filter((f) => f.startsWith('model')).length);
  assert.equal(report.fileBytes, report.files.reduce((s, f) => s + fs.statSync(f).size, 0));
  assert.equal(cli(['verify', scan]).status, 0);
  // One file when asked.
  const single = path.join(root, 'single');
  r = cli(['convert', sharded, '-o', `${single}/`, '--shard-size', '10GB']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(listDir(single), ['config.json', 'generation_config.json', 'model.safetensors', 'tokenizer.json']);
});

test('a flax_model.msgpack directory is read like a safetensors one and written as one', () => {
  const root = tmpDir();
  const dir = path.join(root, 'flax');
  fs.mkdirSync(dir);
  fs.copyFileSync(LLAMA('flax_model.msgpack'), path.join(dir, 'flax_model.msgpack'));
  fs.copyFileSync(LLAMA('config.json'), path.join(dir, 'config.json'));
  const out = path.join(root, 'flax-scan');
  const r = cli(['convert', dir, '-o', `${out}/`]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(listDir(out), ['config.json', 'flax_model.msgpack']);
  assert.match(cli(['inspect', out]).stdout.split('\n')[0], new RegExp(`^${out}/flax_model\\.msgpack \\(msgpack, `));
  assert.equal(cli(['check', out, '--expect-layout', 'scan']).status, 0);
  assert.equal(cli(['verify', out]).status, 0);
});

test('a file into a directory writes only the weights; JSON into a directory is refused', () => {
  const root = tmpDir();
  const out = path.join(root, 'out');
  fs.mkdirSync(out);
  assert.equal(cli(['convert', LLAMA('hf_pt.safetensors'), '-o', out]).status, 0);
  assert.deepEqual(listDir(out), ['model.safetensors']);
  const r = cli(['convert', LLAMA('hf_pt.safetensors'), '-o', `${root}/j/`, '--format', 'json']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: a model directory holds model.safetensors or flax_model.msgpack; to write JSON name a file (${root}/j/params.json)\n`);
  assert.ok(!fs.existsSync(path.join(root, 'j')));
});

test('all or nothing: an existing small file without --force writes nothing; a missing parent is named', () => {
  const root = tmpDir();
  const hub = hubLlama(root);
  const out = path.join(root, 'out');
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, 'tokenizer.json'), 'mine');
  let r = cli(['convert', hub, '-o', `${out}/`]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: output ${out}/tokenizer.json exists; pass --force to overwrite it\n`);
  assert.deepEqual(listDir(out), ['tokenizer.json']);
  r = cli(['convert', hub, '-o', path.join(root, 'no', 'such') + '/']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: cannot write directory ${root}/no/such: directory ${root}/no does not exist\n`);
  r = cli(['convert', hub, '-o', `${hub}/`]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /the output directory is the input directory/);
});

test('issue 19: a single file written where a sharded one was is refused without --force, and replaces it (index and shards) with it', () => {
  const root = tmpDir();
  const d = path.join(root, 'D');
  fs.mkdirSync(d);
  const target = path.join(d, 'model.safetensors');
  assert.equal(cli(['convert', LLAMA('hf_pt.safetensors'), '-o', target, '--shard-size', '100KB']).status, 0);
  const before = listDir(d);
  let r = cli(['convert', LLAMA('hf_pt.safetensors'), '-o', target]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `scanconv: error: ${d} already holds model.safetensors.index.json and its 5 shards; writing model.safetensors beside it would leave two checkpoints that disagree; pass --force to replace it (those files are removed)\n`);
  assert.deepEqual(listDir(d), before);
  r = cli(['convert', LLAMA('hf_pt.safetensors'), '-o', target, '--to', 'pyloop', '--force']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /removed the checkpoint it replaces: model\.safetensors\.index\.json and its 5 shards\n$/);
  assert.deepEqual(listDir(d), ['model.safetensors']);
  assert.match(cli(['check', d]).stdout, /^ok {3}.*D\/model\.safetensors: safetensors, pyloop, 3 layers/);
  // And the other way: shards where a single file was.
  r = cli(['convert', LLAMA('hf_pt.safetensors'), '-o', target, '--shard-size', '100KB', '--force']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /removed the checkpoint it replaces: model\.safetensors\n$/);
  assert.ok(!fs.existsSync(target));
  assert.match(cli(['inspect', d]).stdout, /D\/model\.safetensors\.index\.json \(sharded, .* in 6 files\)\nlayout: {5}scan/);
});

test('issue 19: a directory holding two checkpoints is read in transformers\' order and says so; check fails it', () => {
  const root = tmpDir();
  const d = path.join(root, 'D');
  fs.mkdirSync(d);
  assert.equal(cli(['convert', LLAMA('hf_pt.safetensors'), '-o', path.join(d, 'model.safetensors'), '--shard-size', '100KB']).status, 0);
  // A stale pair made by hand (or by another tool): model.safetensors beside an index.
  fs.copyFileSync(LLAMA('hf_pt.safetensors'), path.join(d, 'model.safetensors'));
  const lines = cli(['inspect', d]).stdout.split('\n');
  assert.match(lines[0], /D\/model\.safetensors \(safetensors, /);
  assert.match(lines[1], /^layout: {5}pyloop/);
  assert.ok(lines.includes(`not read:   model.safetensors.index.json (also in ${d}; transformers' from_pretrained loads model.safetensors first)`), lines.join('\n'));
  const r = cli(['check', d]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, `FAIL ${d}/model.safetensors: ${d} also holds model.safetensors.index.json, a second checkpoint (transformers' from_pretrained reads this one); remove the stale one\n`);
  const v = cli(['verify', d]);
  assert.match(v.stderr, /note: .*D: read model\.safetensors; not read: model\.safetensors\.index\.json/);
});

test('check: shards stand for their whole checkpoint, checked once; an index or a directory too', () => {
  const root = tmpDir();
  const d = path.join(root, 'hub');
  assert.equal(cli(['convert', fixture('llm_tiny', 'pyloop.safetensors'), '-o', `${d}/`, '--to', 'pyloop', '--shard-size', '4KB']).status, 0);
  const shards = listDir(d).filter((f) => f.startsWith('model-')).map((f) => path.join(d, f));
  assert.equal(shards.length, 8);
  const index = path.join(d, 'model.safetensors.index.json');
  const expected = `ok   ${index}: sharded with 8 shards, pyloop, 3 layers, 39 tensors\n`;
  for (const args of [shards, [index], [d], [...shards, index, d]]) {
    const r = cli(['check', ...args, '--expect-layout', 'pyloop']);
    assert.equal(r.status, 0, r.stdout);
    assert.equal(r.stdout, expected);
  }
});
