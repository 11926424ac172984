/** Provenance metadata and layer counts are untrusted input: validated, bounded, never a crash or a hang. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkFile } from '../src/check.js';
import { convert } from '../src/convert.js';
import { memoryRef, readAll, type TensorIndex, type TensorRef } from '../src/format/types.js';
import { materialize } from '../src/format/stream.js';
import { blockLeafRefs, planConversion } from '../src/layout/plan.js';
import { analyzeLayout } from '../src/layout/analyze.js';
import { cli, listDir, ROOT, sortedDump, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';

const SHARED: Record<string, TensorSpec> = { 'params.blocks.w': { dtype: 'F32', shape: [2] }, 'params.head': { dtype: 'F32', shape: [1] } };

/** A safetensors file whose header is exactly `header` (any JSON), followed by `body` bytes. */
function rawSafetensors(file: string, header: unknown, body = new Uint8Array(0)): void {
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.byteLength));
  fs.writeFileSync(file, Buffer.concat([len, json, body]));
}

test('hostile scanconv.layers on a shared checkpoint (0, -5, 1e11, 2^40, junk, a JSON bomb) exits 2 in one line, writing nothing', async () => {
  const dir = tmpDir();
  try {
    for (const value of ['0', '-5', '1e11', '1099511627776', '65537', 'twelve', '', '{"params":0}', '{"params":1.5}', '[3]', '{}', `{"a":${'['.repeat(5000)}`]) {
      const file = path.join(dir, 'shared.safetensors');
      await writeSynthetic(file, SHARED, { 'scanconv.layout': 'shared', 'scanconv.layers': value });
      const r = cli(['convert', file, '-o', path.join(dir, 'o.safetensors'), '--to', 'pyloop']);
      assert.equal(r.status, 2, value);
      const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
      assert.equal(
        r.stderr,
        `scanconv: error: ${file}: metadata scanconv.layers ${shown} is not a layer count from 1 to 65536 (nor a JSON object of them per group); pass --num-layers L to read the file without it\n`,
      );
      assert.deepEqual(listDir(dir), ['shared.safetensors']);
      const c = checkFile(file);
      assert.equal(c.code, 2, value);
    }
    // --num-layers replaces the damaged count.
    const file = path.join(dir, 'shared.safetensors');
    const r = await convert(file, path.join(dir, 'o.safetensors'), { to: 'pyloop', numLayers: 3 });
    assert.equal(r.layers, 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('hostile scanconv.axis (-1, 1e3, 99999, x) and scanconv.layout / scanconv.stack values exit 2', async () => {
  const dir = tmpDir();
  try {
    const scan = { 'params.blocks.w': { dtype: 'F32' as const, shape: [3, 2] } };
    const cases: [Record<string, string>, string][] = [
      [{ 'scanconv.axis': '-1' }, 'metadata scanconv.axis "-1" is not a layer axis (an integer from 0 to 1024); pass --axis N'],
      [{ 'scanconv.axis': '1e3' }, 'metadata scanconv.axis "1e3" is not a layer axis (an integer from 0 to 1024); pass --axis N'],
      [{ 'scanconv.axis': '99999' }, 'metadata scanconv.axis "99999" is not a layer axis (an integer from 0 to 1024); pass --axis N'],
      [{ 'scanconv.layout': 'sideways' }, 'metadata scanconv.layout "sideways" is not pyloop, scan or shared; pass --from LAYOUT'],
      [{ 'scanconv.stack': '' }, 'metadata scanconv.stack "" is not a node name; pass --stack NAME'],
      [{ 'scanconv.stack': 'a.b' }, 'metadata scanconv.stack "a.b" is not a node name; pass --stack NAME'],
    ];
    for (const [metadata, message] of cases) {
      const file = path.join(dir, 'scan.safetensors');
      await writeSynthetic(file, scan, metadata);
      const r = cli(['convert', file, '-o', path.join(dir, 'o.safetensors')]);
      assert.equal(r.stderr, `scanconv: error: ${file}: ${message}\n`);
      assert.equal(r.status, 2);
      assert.equal(checkFile(file).code, 2);
      assert.deepEqual(listDir(dir), ['scan.safetensors']);
    }
    // The flag replaces the damaged value.
    const file = path.join(dir, 'scan.safetensors');
    await writeSynthetic(file, scan, { 'scanconv.axis': '-1' });
    assert.equal((await convert(file, path.join(dir, 'o.safetensors'), { axis: 1 })).layers, 2);
    // The library refuses a negative axis too (it used to crash slicing shapes).
    await assert.rejects(convert(file, path.join(dir, 'o2.safetensors'), { axis: -1 }), { message: '--axis -1 is not a layer axis (an integer from 0 to 1024)' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a scanconv.layer_pattern with catastrophic backtracking is refused at once, never compiled (check finishes)', async () => {
  const dir = tmpDir();
  try {
    const file = path.join(dir, 'evil.safetensors');
    // On a 40-character name, (a|a)* nested in (..)* takes exponential time in a backtracking engine.
    const evil = '^(?:(?:a|a)*)*(\\d+)$';
    await writeSynthetic(file, { [`params.${'a'.repeat(40)}!.w`]: { dtype: 'F32', shape: [1] } }, { 'scanconv.layer_pattern': evil });
    const started = Date.now();
    const r = cli(['check', file]);
    assert.ok(Date.now() - started < 10_000);
    assert.equal(r.status, 2);
    assert.ok(
      (r.stdout + r.stderr).includes(`${file}: metadata scanconv.layer_pattern "^(?:(?:a|a)*)*(\\\\d+)$" is not a pattern scanconv writes (^prefix(\\d+)suffix$ with a literal prefix and suffix); pass --layers REGEX\n`),
      r.stdout + r.stderr,
    );
    // Patterns of the shape scanconv writes are read as plain strings, escapes included.
    const ok = path.join(dir, 'ok.safetensors');
    await writeSynthetic(ok, { 'params.x.l_0.w': { dtype: 'F32', shape: [1] }, 'params.x.l_1.w': { dtype: 'F32', shape: [1] } }, { 'scanconv.layer_pattern': '^l_(\\d+)$' });
    assert.equal(checkFile(ok).message, `${ok}: safetensors, pyloop, 2 layers, 2 tensors`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a non-invertible --layers pattern is refused on the way to scan (issue 19: what cannot be given back is not recorded), and a file that records one asks for --layers', async () => {
  const dir = tmpDir();
  try {
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, { 'enc_0.w': { dtype: 'F32', shape: [1] }, 'dec_1.w': { dtype: 'F32', shape: [1] } });
    const scan = path.join(dir, 'scan.safetensors');
    const refused = cli(['convert', src, '-o', scan, '--layers', '^(?:enc|dec)_(\\d+)$']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--layers "\^\(\?:enc\|dec\)_\(\\\\d\+\)\$": .*so converting back would rename layers/);
    assert.ok(!fs.existsSync(scan));
    await writeSynthetic(scan, { 'blocks.w': { dtype: 'F32', shape: [2, 1] } }, { 'scanconv.layer_pattern': '^(?:enc|dec)_(\\d+)$', 'scanconv.layout': 'scan' });
    const r = cli(['convert', scan, '-o', path.join(dir, 'back.safetensors')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /metadata scanconv\.layer_pattern "\^\(\?:enc\|dec\)_\(\\\\d\+\)\$" is not a pattern scanconv writes/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Peak RSS (MB) of a fresh process that runs `call` (an expression over checkFile/convert), and what it returned or threw. */
function peakRss(call: string): { mb: number; result: unknown } {
  const src = (f: string) => JSON.stringify(path.join(ROOT, 'src', f));
  const script = `
    import { checkFile } from ${src('check.js')};
    import { convert } from ${src('convert.js')};
    let result;
    try { result = await (${call}); } catch (e) { result = e.code ?? String(e); }
    process.stdout.write(JSON.stringify({ result, maxRSS: process.resourceUsage().maxRSS }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
  const out = JSON.parse(r.stdout) as { result: unknown; maxRSS: number };
  return { mb: out.maxRSS / 1024, result: out.result };
}

test('a zero-size stack claiming 2^40 layers (98 bytes) and a stack of 65,537 are refused before anything per layer, in little memory', () => {
  const dir = tmpDir();
  try {
    const file = path.join(dir, 'bomb.safetensors');
    rawSafetensors(file, { 'blocks.w': { dtype: 'F32', shape: [2 ** 40, 0], data_offsets: [0, 0] } });
    assert.ok(fs.statSync(file).size < 100);
    const r = cli(['convert', file, '-o', path.join(dir, 'o.safetensors')]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'scanconv: error: blocks.w: claims 1099511627776 layers on axis 0, more than the 65536 scanconv accepts in one group\n');
    assert.equal(cli(['check', file]).status, 2);
    rawSafetensors(file, { 'blocks.w': { dtype: 'F32', shape: [65_537, 0], data_offsets: [0, 0] } });
    assert.equal(cli(['convert', file, '-o', path.join(dir, 'o.safetensors')]).status, 2);
    // Within the layer cap, but 40 zero-size leaves x 65,536 layers is more tensors than any real checkpoint.
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, j) => [`blocks.w${j}`, { dtype: 'F32', shape: [65_536, 0], data_offsets: [0, 0] }]));
    rawSafetensors(file, many);
    const m = cli(['convert', file, '-o', path.join(dir, 'o.safetensors')]);
    assert.equal(m.stderr, 'scanconv: error: the pyloop form would hold 2621440 tensors (65536 layers), more than the 1000000 scanconv plans at once\n');
    assert.equal(m.status, 2);
    assert.deepEqual(listDir(dir), ['bomb.safetensors']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a shared file claiming 1e11 layers and the 2^40-layer stack exit 2 with peak RSS under 200 MB', async () => {
  const dir = tmpDir();
  try {
    const bomb = path.join(dir, 'bomb.safetensors');
    rawSafetensors(bomb, { 'blocks.w': { dtype: 'F32', shape: [2 ** 40, 0], data_offsets: [0, 0] } });
    const stacked = peakRss(`convert(${JSON.stringify(bomb)}, ${JSON.stringify(path.join(dir, 'b.safetensors'))})`);
    assert.equal(stacked.result, 'TOO_MANY_LAYERS');
    assert.ok(stacked.mb < 200, `2^40 stack: peak RSS ${stacked.mb} MB`);
    const file = path.join(dir, 'shared.safetensors');
    await writeSynthetic(file, SHARED, { 'scanconv.layout': 'shared', 'scanconv.layers': '100000000000' });
    const out = JSON.stringify(path.join(dir, 'o.safetensors'));
    const checked = peakRss(`checkFile(${JSON.stringify(file)}).code`);
    assert.equal(checked.result, 2);
    assert.ok(checked.mb < 200, `check: peak RSS ${checked.mb} MB`);
    const converted = peakRss(`convert(${JSON.stringify(file)}, ${out}, { to: 'pyloop' })`);
    assert.equal(converted.result, 'BAD_META_LAYERS');
    assert.ok(converted.mb < 200, `convert: peak RSS ${converted.mb} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function memoryIndex(refs: TensorRef[], metadata: Record<string, string> = {}): TensorIndex {
  return { path: 'mem', format: 'safetensors', tensors: new Map(refs.map((r) => [r.name, r])), metadata, sep: '.', close: () => undefined };
}

test('__proto__, constructor and prototype as path segments (parent, layer subtree, leaf) convert both ways and pollute nothing', async () => {
  const names = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];
  const refs: TensorRef[] = [];
  let b = 1;
  for (const n of names) {
    for (let i = 0; i < 2; i++) {
      refs.push(memoryRef(`${n}.layer_${i}.${n}.w`, 'U8', [2], new Uint8Array([b++, b++])));
      refs.push(memoryRef(`${n}.layer_${i}.${n}`, 'U8', [1], new Uint8Array([b++])));
    }
    refs.push(memoryRef(`m.${n}.layers.0.x`, 'U8', [1], new Uint8Array([b++])));
    refs.push(memoryRef(`m.${n}.layers.1.x`, 'U8', [1], new Uint8Array([b++])));
  }
  const before = Object.getOwnPropertyNames(Object.prototype).sort().join();
  const original = memoryIndex(refs);
  const snapshot = (ix: TensorIndex) => Object.fromEntries([...ix.tensors].map(([k, r]) => [k, Buffer.from(readAll(r)).toString('hex')]).sort());
  const realize = (p: ReturnType<typeof planConversion>) => memoryIndex(p.outputs.map((o) => memoryRef(o.name, o.dtype, o.shape, materialize(o))), p.metadata);
  const a = analyzeLayout(original);
  assert.equal(a.depths.size, names.length * 2);
  const scan = realize(planConversion(a, 'scan'));
  assert.equal(scan.tensors.size, names.length * 3);
  assert.ok(scan.tensors.has('__proto__.blocks.__proto__.w'));
  assert.ok(scan.tensors.has('m.__proto__.layers.blocks.x'));
  const back = realize(planConversion(analyzeLayout(scan), 'pyloop'));
  assert.deepEqual(snapshot(back), snapshot(original));
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort().join(), before);
  assert.equal(({} as Record<string, unknown>).w, undefined);
  // A stack named __proto__ and a depths record keyed by __proto__ work too.
  const plain = memoryIndex([memoryRef('a.layer_0.w', 'U8', [1], new Uint8Array([1])), memoryRef('a.layer_1.w', 'U8', [1], new Uint8Array([2]))]);
  const stacked = realize(planConversion(analyzeLayout(plain, { stack: '__proto__' }), 'scan'));
  assert.deepEqual([...stacked.tensors.keys()], ['a.__proto__.w']);
  assert.equal(stacked.metadata['scanconv.stack'], '__proto__');
  assert.deepEqual(snapshot(realize(planConversion(analyzeLayout(stacked), 'pyloop'))), snapshot(plain));
  const dir = tmpDir();
  try {
    const file = path.join(dir, 'proto.safetensors');
    await writeSynthetic(file, { '__proto__.layer_0.w': { dtype: 'F32', shape: [1] }, '__proto__.layer_1.w': { dtype: 'F32', shape: [1] }, 'h.0.constructor': { dtype: 'F32', shape: [1] }, 'h.1.constructor': { dtype: 'F32', shape: [1] } });
    const scanFile = path.join(dir, 'scan.safetensors');
    const r = await convert(file, scanFile);
    assert.deepEqual({ ...r.depths }, { ['__proto__']: 2, h: 2 });
    const backFile = path.join(dir, 'back.safetensors');
    await convert(scanFile, backFile);
    assert.deepEqual(sortedDump(backFile), sortedDump(file));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a shared file of 65,536 layers x 20 tensors is refused by the parameter check too, before building per-layer refs', () => {
  const refs = Array.from({ length: 20 }, (_, j) => memoryRef(`blocks.w${j}`, 'F32', [1], new Uint8Array(4)));
  const a = analyzeLayout(memoryIndex(refs, { 'scanconv.layout': 'shared', 'scanconv.layers': '65536' }));
  assert.equal(a.layers, 65_536);
  assert.throws(() => blockLeafRefs(a), { code: 'TOO_MANY_TENSORS', message: 'the block holds 1310720 per-layer tensors (65536 layers), more than the 1000000 scanconv plans at once' });
  // To scan it is 20 stacked tensors: planned, not refused.
  assert.equal(planConversion(a, 'scan').outputs.length, 20);
});

test('a node inside a layer named like the stack (blocks.norm.blocks -> layer_0.norm.blocks) or a layer (--layers ^(\\d+)$ with 0.attn.query.0) is refused, never written as a tree that reads back otherwise', async () => {
  const dir = tmpDir();
  try {
    const cases: { name: string; tensors: Record<string, TensorSpec>; flags: string[]; why: RegExp }[] = [
      {
        name: 'stack-named node',
        tensors: { 'blocks.norm.blocks.w': { dtype: 'F32', shape: [2, 3] } },
        flags: [],
        why: /its pyloop form would not read back as written \(.*\); a node inside a layer is named like the stack or like a layer/,
      },
      {
        name: 'layer-named node',
        tensors: { 'layers.0.attn.query.0.w': { dtype: 'F32', shape: [2] }, 'layers.1.attn.query.0.w': { dtype: 'F32', shape: [2] } },
        flags: ['--layers', '^(\\d+)$'],
        why: /its scan form would not read back as written/,
      },
    ];
    for (const c of cases) {
      const file = path.join(dir, 'in.safetensors');
      await writeSynthetic(file, c.tensors);
      const r = cli(['convert', file, '-o', path.join(dir, 'o.safetensors'), ...c.flags]);
      assert.equal(r.status, 2, `${c.name}: ${r.stderr}`);
      assert.match(r.stderr, c.why, c.name);
      assert.equal(r.stderr.split('\n').length, 2, c.name);
      assert.deepEqual(listDir(dir), ['in.safetensors'], c.name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
