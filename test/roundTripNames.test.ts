/**
 * Issue 19: a round trip gives back every name exactly, or the first conversion refuses (exit 2)
 * to record what cannot be given back. Also the JSON values that would have become Inf, and the
 * names the reference Rust safetensors crate refuses (lone surrogates, invalid UTF-8 keys).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ScanconvError } from '../src/errors.js';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { openJson } from '../src/format/json.js';
import { openMsgpack } from '../src/format/msgpack.js';
import { openSafetensors } from '../src/format/safetensors.js';
import { cli, listDir, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';
import { encodeMsgpack, rawSafetensors } from './encode.js';

const typed = (code: string, message?: RegExp) => (e: unknown) => {
  assert.ok(e instanceof ScanconvError, `not a ScanconvError: ${(e as Error)?.stack}`);
  assert.equal(e.code, code, e.message);
  if (message) assert.match(e.message, message);
  assert.ok(!e.message.includes('\n'), 'one line');
  return true;
};

const withDir = async (body: (dir: string) => Promise<void> | void) => {
  const dir = tmpDir();
  try {
    await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

const names = (file: string) => {
  const index = openCheckpoint(file);
  try {
    return [...index.tensors.keys()].sort();
  } finally {
    index.close();
  }
};

const one: TensorSpec = { dtype: 'F32', shape: [2] };

test('--layers with a class escape (^\\w_(\\d+)$) is refused on the way to scan, not recorded so that converting back renames every layer', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, { 'p.a_0.w': one, 'p.a_1.w': one });
    const scan = path.join(dir, 'scan.safetensors');
    const r = cli(['convert', src, '-o', scan, '--layers', '^\\w_(\\d+)$']);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /--layers "\^\\\\w_\(\\\\d\+\)\$": "\\w" outside the index group is not a literal character, so converting back would rename layers/);
    assert.deepEqual(listDir(dir), ['src.safetensors']);
    // A literal pattern that names every layer is fine, and comes back exactly.
    await convert(src, scan, { layerPattern: '^a_(\\d+)$' });
    const back = path.join(dir, 'back.safetensors');
    await convert(scan, back);
    assert.deepEqual(names(back), ['p.a_0.w', 'p.a_1.w']);
  }));

test('--layers whose literal parts do not name the layers found (^a.(\\d+)$ matching "ab0") is refused', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, { 'p.x_0.w': one, 'p.x_1.w': one });
    await assert.rejects(convert(src, path.join(dir, 'o.safetensors'), { layerPattern: '^x(?:_)(\\d+)$' }), typed('NAMES_NOT_RECOVERABLE'));
    await assert.rejects(convert(src, path.join(dir, 'o.safetensors'), { layerPattern: '^x\\S(\\d+)$' }), typed('NAMES_NOT_RECOVERABLE', /"\\S" outside the index group/));
    assert.deepEqual(listDir(dir), ['src.safetensors']);
  }));

test('"/"-separated safetensors names come back "/"-separated through JSON (the separator is recorded), and msgpack, which cannot record it, refuses them', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'src.safetensors');
    await writeSynthetic(src, { 'p/layer_0/w.x': one, 'p/layer_1/w.x': one, 'emb/table': one });
    // detection alone would split these at the dots: the flag says how they are separated.
    const json = path.join(dir, 'scan.json');
    await convert(src, json, { sep: '/' });
    assert.equal(openJson(json).sep, '/');
    const back = path.join(dir, 'back.safetensors');
    await convert(json, back);
    assert.deepEqual(names(back), ['emb/table', 'p/layer_0/w.x', 'p/layer_1/w.x']);
    // The safetensors output records it too, so the reverse needs no --sep.
    const scanSt = path.join(dir, 'scan.safetensors');
    await convert(src, scanSt, { sep: '/' });
    const back2 = path.join(dir, 'back2.json');
    await convert(scanSt, back2);
    assert.deepEqual([...openJson(back2).tensors.keys()].sort(), ['emb/table', 'p/layer_0/w.x', 'p/layer_1/w.x']);
    const r = cli(['convert', src, '-o', path.join(dir, 'scan.msgpack'), '--sep', '/']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /a Flax msgpack checkpoint records no key separator, so names separated by "\/" would read back separated by "\."; write safetensors or JSON/);
    assert.ok(!listDir(dir).includes('scan.msgpack'));
  }));

test('a msgpack key holding "." is refused (it would be re-nested on a round trip); with --sep / it comes back as one key', () =>
  withDir(async (dir) => {
    const f32 = new Uint8Array(8);
    const ext = { ext: { shape: [2], dtype: 'float32', data: f32 } };
    const src = path.join(dir, 'src.msgpack');
    fs.writeFileSync(src, encodeMsgpack({ map: [['p', { map: [['layer_0', { map: [['w.x', ext]] }], ['layer_1', { map: [['w.x', ext]] }]] }]] }));
    assert.throws(() => openMsgpack(src), typed('KEY_HOLDS_SEPARATOR', /"p\.layer_0\.w\.x": the key "w\.x" holds the separator "\."/));
    const r = cli(['convert', src, '-o', path.join(dir, 'o.msgpack')]);
    assert.equal(r.status, 2, r.stderr);
    const scan = path.join(dir, 'scan.safetensors');
    await convert(src, scan, { sep: '/' });
    const back = path.join(dir, 'back.json');
    await convert(scan, back);
    assert.deepEqual([...openJson(back).tensors.keys()].sort(), ['p/layer_0/w.x', 'p/layer_1/w.x']);
  }));

test('a msgpack key that is not UTF-8 is refused, not renamed to U+FFFD', () =>
  withDir((dir) => {
    const file = path.join(dir, 'bad.msgpack');
    const value = encodeMsgpack({ ext: { shape: [1], dtype: 'float32', data: new Uint8Array(4) } });
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0x81, 0xa2, 0xff, 0xfe]), value]));
    assert.throws(() => openMsgpack(file), typed('BAD_KEY', /a key is not valid UTF-8 \(bytes fffe\)/));
    assert.equal(cli(['check', file]).status, 2);
  }));

test('a lone surrogate escape (\\ud800) in a safetensors header or JSON checkpoint is refused, as the Rust crate does', () =>
  withDir((dir) => {
    const st = path.join(dir, 'lone.safetensors');
    fs.writeFileSync(st, rawSafetensors('{"a\\ud800":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', new Uint8Array(4)));
    assert.throws(() => openSafetensors(st), typed('HEADER_NOT_JSON', /lone surrogate \\ud800 in a string/));
    const pair = path.join(dir, 'pair.safetensors');
    fs.writeFileSync(pair, rawSafetensors('{"a\\ud83d\\ude00":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', new Uint8Array(4)));
    assert.deepEqual([...openSafetensors(pair).tensors.keys()], ['a\u{1f600}']);
    const json = path.join(dir, 'lone.json');
    fs.writeFileSync(json, '{"x\\udfff": [1]}');
    assert.throws(() => openJson(json), typed('NOT_JSON', /lone surrogate \\udfff/));
  }));

test('JSON values out of range for their dtype are refused, naming tensor and value, never written as Inf', () =>
  withDir((dir) => {
    const cases: [string, RegExp][] = [
      ['{"w": [1e40, 1.0]}', /"w": 1e\+40 is out of range for F32 \(largest finite value 3\.4028234663852886e\+38\)/],
      ['{"w": {"dtype": "F16", "shape": [2], "data": [70000, 1]}}', /"w": 70000 is out of range for F16 \(largest finite value 65504\)/],
      ['{"w": {"dtype": "BF16", "shape": [1], "data": [-1e39]}}', /"w": -1e\+39 is out of range for BF16.*-Infinity/],
      ['{"w": {"dtype": "F64", "shape": [1], "data": [1e400]}}', /"w": null is out of range for F64|"w": .* is out of range for F64/],
      ['{"w": [1e400]}', /is out of range for F32; write "Infinity"/],
    ];
    const file = path.join(dir, 'c.json');
    for (const [text, message] of cases) {
      fs.writeFileSync(file, text);
      assert.throws(() => openJson(file), typed('NOT_NUMBER', message), text);
    }
    // The largest finite values, and the explicit strings, are kept.
    fs.writeFileSync(file, '{"a": {"dtype": "F16", "shape": [3], "data": [65504, "Infinity", 65519]}, "b": [3.4028234663852886e38, "-Infinity"]}');
    const index = openJson(file);
    const buf = new Uint8Array(6);
    index.tensors.get('a')!.readInto(buf, 0, 0, 6);
    assert.deepEqual([...new Uint16Array(buf.buffer)], [0x7bff, 0x7c00, 0x7bff]);
    fs.writeFileSync(file, '{"w": [1e40, 1.0]}');
    const r = cli(['convert', file, '-o', path.join(dir, 'o.safetensors'), '--to', 'scan']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /"w": 1e\+40 is out of range for F32/);
  }));

test('a JSON leaf with both "data" and "bytes" is refused', () =>
  withDir((dir) => {
    const file = path.join(dir, 'both.json');
    fs.writeFileSync(file, `{"w": {"dtype": "F32", "shape": [1], "data": [1.0], "bytes": "${Buffer.from(new Float32Array([2]).buffer).toString('base64')}"}}`);
    assert.throws(() => openJson(file), typed('BAD_LEAF', /"w": has both "data" and "bytes"/));
  }));

/** Arbitrary text built from characters that mean something in a regex or a key path. */
const LITERAL_CHARS = ['a', 'w', 'd', 'S', '_', '-', ':', '$', '^', '.', '+', '[', ']', '(', ')', '|', '\\', ' ', 'é'];
const part = fc.array(fc.constantFrom(...LITERAL_CHARS), { maxLength: 4 }).map((cs) => cs.join(''));
const META = '\\^$.*+?()[]{}|/-';
/** One way a pattern may say a character: escaped literal, plain, a class, or a wildcard. */
const spelled = (c: string) =>
  fc.constantFrom(
    META.includes(c) ? `\\${c}` : c,
    /\w/.test(c) ? '\\w' : c === ' ' ? '\\s' : META.includes(c) ? `\\${c}` : c,
    '.',
    '[^/]',
    META.includes(c) || c === '\\' ? `\\${c}` : `\\${c}`,
  );
const spell = (s: string) => (s.length ? fc.tuple(...[...s].map(spelled)).map((xs) => xs.join('')) : fc.constant(''));

test('property: a pyloop -> scan -> pyloop round trip through every format with --layers gives back every name, or the first conversion refuses', async () => {
  const dir = tmpDir();
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ prefix: part, suffix: part, depth: fc.integer({ min: 1, max: 3 }), format: fc.constantFrom('safetensors', 'json', 'msgpack') }).chain((r) =>
          fc.record({ r: fc.constant(r), pre: spell(r.prefix), suf: spell(r.suffix), anchored: fc.boolean() }),
        ),
        async ({ r, pre, suf, anchored }) => {
          const case_ = path.join(dir, String(n++));
          fs.mkdirSync(case_);
          try {
            const specs: Record<string, TensorSpec> = { 'emb.table': one };
            for (let i = 0; i < r.depth; i++) specs[`params.${r.prefix}${i}${r.suffix}.w`] = one;
            const src = path.join(case_, 'src.safetensors');
            await writeSynthetic(src, specs);
            const pattern = anchored ? `^${pre}(\\d+)${suf}$` : `${pre}(\\d+)${suf}`;
            const mid = path.join(case_, `mid.${r.format}`);
            try {
              await convert(src, mid, { layerPattern: pattern, to: 'scan' });
            } catch (e) {
              assert.ok(e instanceof ScanconvError, `not a ScanconvError: ${(e as Error).stack}`);
              return;
            }
            const back = path.join(case_, 'back.safetensors');
            // msgpack keeps no provenance: its reverse is told the pattern again, as a user would.
            await convert(mid, back, r.format === 'msgpack' ? { layerPattern: pattern, to: 'pyloop' } : { to: 'pyloop' });
            assert.deepEqual(names(back), Object.keys(specs).sort(), `pattern ${pattern}`);
          } finally {
            fs.rmSync(case_, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 150, seed: 19 },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const segment = fc.array(fc.constantFrom('a', 'b', '0', '1', '_', '.', '/', '-', ':', ' '), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));

test('property: names with "." and "/" in any position come back exactly through JSON, safetensors and msgpack, or the first conversion refuses', async () => {
  const dir = tmpDir();
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('.', '/'),
        fc.array(fc.array(segment, { minLength: 1, maxLength: 3 }), { maxLength: 3 }),
        fc.constantFrom('safetensors', 'json', 'msgpack'),
        fc.boolean(),
        async (sep, extra, format, giveSep) => {
          const case_ = path.join(dir, String(n++));
          fs.mkdirSync(case_);
          try {
            const specs: Record<string, TensorSpec> = { [`p${sep}layer_0${sep}w`]: one, [`p${sep}layer_1${sep}w`]: one };
            for (const segs of extra) specs[`x${sep}${segs.join(sep)}`] = one;
            const src = path.join(case_, 'src.safetensors');
            try {
              await writeSynthetic(src, specs);
            } catch {
              return; // a name clash among the generated names
            }
            const mid = path.join(case_, `mid.${format}`);
            try {
              await convert(src, mid, { to: 'scan', sep: giveSep ? sep : undefined });
            } catch (e) {
              assert.ok(e instanceof ScanconvError, `not a ScanconvError: ${(e as Error).stack}`);
              return;
            }
            const back = path.join(case_, 'back.safetensors');
            await convert(mid, back, { to: 'pyloop' });
            assert.deepEqual(names(back), Object.keys(specs).sort());
          } finally {
            fs.rmSync(case_, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 150, seed: 19 },
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
