/**
 * Hostile input to the format readers and writers (issue 11): each fault found by the adversarial
 * review has a test named after it. Every refusal is a typed ScanconvError (exit 2 on the CLI).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ScanconvError } from '../src/errors.js';
import { openSafetensors, writeSafetensors } from '../src/format/safetensors.js';
import { openJson, writeJson, MAX_JSON_OUTPUT } from '../src/format/json.js';
import { openMsgpack } from '../src/format/msgpack.js';
import { MAX_MAP_ENTRIES } from '../src/format/msgpackParser.js';
import { writeMsgpack } from '../src/format/msgpackWriter.js';
import { openSharded } from '../src/format/sharded.js';
import { openCheckpoint } from '../src/format/open.js';
import { memoryRef } from '../src/format/types.js';
import { copyOf, type OutputTensor } from '../src/format/stream.js';
import { convert } from '../src/convert.js';
import { checkFile } from '../src/check.js';
import { cli, dump, fixture, listDir, tmpDir, writeSynthetic } from './helpers.js';
import { deepList, encodeMsgpack, rawSafetensors, type Mp } from './encode.js';

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

const f32 = (n: number) => new Uint8Array(n * 4).map((_, i) => (i * 37 + 11) & 0xff);
const ext = (shape: number[], data = f32(shape.reduce((a, b) => a * b, 1))): Mp => ({ ext: { shape, dtype: 'float32', data } });

test('safetensors: shape or data_offsets nested 100,000 levels deep is a typed error, not a stack overflow', () =>
  withDir((dir) => {
    for (const field of ['shape', 'data_offsets']) {
      const file = path.join(dir, `${field}.safetensors`);
      const other = field === 'shape' ? '"data_offsets":[0,4]' : '"shape":[1]';
      fs.writeFileSync(file, rawSafetensors(`{"w":{"dtype":"F32",${other},"${field}":${deepList(100_000)}}}`, f32(1)));
      assert.throws(() => openSafetensors(file), typed('HEADER_NOT_JSON', /nesting deeper than 128 levels/));
    }
    const r = cli(['check', path.join(dir, 'shape.safetensors')]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stdout, /nesting deeper than 128 levels/);
  }));

test('JSON checkpoint and shard index: nesting 100,000 levels deep is a typed error, not a stack overflow', () =>
  withDir((dir) => {
    const ckpt = path.join(dir, 'deep.json');
    fs.writeFileSync(ckpt, `{"w": ${deepList(100_000)}}`);
    assert.throws(() => openJson(ckpt), typed('NOT_JSON', /nesting deeper than 256 levels/));
    const index = path.join(dir, 'model.safetensors.index.json');
    fs.writeFileSync(index, `{"weight_map": {"w": ${deepList(100_000, '"a.safetensors"')}}}`);
    assert.throws(() => openSharded(index), typed('NOT_JSON', /nesting deeper than 128 levels/));
    // Deep but within the parser's limit: the walkers' messages stay bounded too.
    fs.writeFileSync(index, `{"weight_map": {"w": ${deepList(100, '"a.safetensors"')}}}`);
    assert.throws(() => openSharded(index), typed('BAD_SHARD_NAME', /names shard \[\[\[/));
    const r = cli(['check', ckpt, index]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout.trim().split('\n').length, 2, r.stdout);
  }));

test('JSON checkpoint: "__metadata__": null and other wrong-typed metadata are refused', () =>
  withDir((dir) => {
    for (const [meta, why] of [['null', /must be an object of strings, found null/], ['"x"', /found "x"/], ['[1]', /found \[1\]/], ['{"a": 1}', /value for "a" is not a string: 1/], ['{"a": null}', /not a string: null/]] as const) {
      const file = path.join(dir, 'm.json');
      fs.writeFileSync(file, `{"__metadata__": ${meta}, "w": [1, 2]}`);
      assert.throws(() => openJson(file), typed('BAD_METADATA', why));
    }
    const st = path.join(dir, 'm.safetensors');
    fs.writeFileSync(st, rawSafetensors('{"__metadata__":null}'));
    assert.throws(() => openSafetensors(st), typed('METADATA_NOT_STRINGS', /found null/));
    const index = path.join(dir, 'x.safetensors.index.json');
    fs.writeFileSync(index, '{"metadata": "big", "weight_map": {}}');
    assert.throws(() => openSharded(index), typed('BAD_INDEX', /"metadata" must be an object/));
  }));

test('JSON checkpoint: I64 data of 1.5 or "abc" (and integers out of range) are refused, never truncated', () =>
  withDir((dir) => {
    const file = path.join(dir, 'i.json');
    const cases: [string, string, RegExp][] = [
      ['I64', '1.5', /expected an integer in \[-9223372036854775808, 9223372036854775807\] for I64, found 1.5/],
      ['I64', '"abc"', /found "abc"/],
      ['U64', '-1', /for U64, found -1/],
      ['I64', '"9223372036854775808"', /for I64/],
      ['I32', '2.5', /for I32, found 2.5/],
      ['U8', '300', /in \[0, 255\] for U8, found 300/],
      ['F32', '"x"', /expected a number, found "x"/],
      ['F32', '{}', /found an object/],
    ];
    for (const [dtype, value, why] of cases) {
      fs.writeFileSync(file, `{"w": {"dtype": "${dtype}", "shape": [1], "data": [${value}]}}`);
      assert.throws(() => openJson(file), typed('NOT_NUMBER', why), `${dtype} ${value}`);
    }
    fs.writeFileSync(file, '{"w": {"dtype": "I64", "shape": [3], "data": ["-9223372036854775808", 7, "18"]}}');
    assert.deepEqual([...new BigInt64Array(Uint8Array.from(Buffer.from(dump(file).get('w')!.hex, 'hex')).buffer)], [-(2n ** 63n), 7n, 18n]);
  }));

test('safetensors: 4.0 in shape or data_offsets is refused, as the Rust crate (serde_json usize) refuses it', () =>
  withDir((dir) => {
    const file = path.join(dir, 'f.safetensors');
    for (const [entry, code] of [
      ['"shape":[1.0],"data_offsets":[0,4]', 'INVALID_SHAPE'],
      ['"shape":[1],"data_offsets":[0,4.0]', 'INVALID_OFFSETS'],
      ['"shape":[1],"data_offsets":[0,4e0]', 'INVALID_OFFSETS'],
      ['"shape":[1],"data_offsets":[-0,4]', 'INVALID_OFFSETS'],
    ] as const) {
      fs.writeFileSync(file, rawSafetensors(`{"w":{"dtype":"F32",${entry}}}`, f32(1)));
      assert.throws(() => openSafetensors(file), typed(code, /4\.0|1\.0|-0|4e0/), entry);
    }
    fs.writeFileSync(file, rawSafetensors('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', f32(1)));
    assert.equal(openSafetensors(file).tensors.get('w')!.byteLength, 4);
  }));

test('safetensors: a header starting with a byte-order mark is refused, as the Rust crate refuses it', () =>
  withDir((dir) => {
    const file = path.join(dir, 'bom.safetensors');
    fs.writeFileSync(file, rawSafetensors('\ufeff{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', f32(1)));
    assert.throws(() => openSafetensors(file), typed('HEADER_START', /does not start with '\{' \(got "\\ufeff\{\\"w\\":\{\\"/));
  }));

test('safetensors: a key repeated inside a tensor entry is refused (serde: duplicate field)', () =>
  withDir((dir) => {
    const file = path.join(dir, 'dup.safetensors');
    fs.writeFileSync(file, rawSafetensors('{"w":{"dtype":"F32","dtype":"F16","shape":[1],"data_offsets":[0,4]}}', f32(1)));
    assert.throws(() => openSafetensors(file), typed('HEADER_NOT_JSON', /key "dtype" appears twice/));
    fs.writeFileSync(file, rawSafetensors('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', f32(1)));
    assert.throws(() => openSafetensors(file), typed('DUPLICATE_TENSOR', /tensor "w": appears more than once/));
  }));

const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'x.__proto__.w', 'a.__proto__.w', 'a.constructor.prototype.w', 'b.__defineGetter__', 'c.valueOf.x'];

test('tensor names __proto__, constructor, prototype (names or path segments) survive every format, and Object.prototype is untouched', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'names.safetensors');
    const specs: Record<string, { dtype: 'F32'; shape: number[] }> = Object.fromEntries(HOSTILE_NAMES.map((n, i) => [n, { dtype: 'F32' as const, shape: [2, i + 1] }]));
    // fromEntries: in an object literal `__proto__: 'x'` would not be a key at all.
    await writeSynthetic(src, specs, Object.fromEntries([['__proto__', 'meta proto'], ['constructor', 'meta ctor']]));
    const original = dump(src);
    assert.deepEqual([...original.keys()].sort(), [...HOSTILE_NAMES].sort());
    let prev = src;
    for (const [hop, ext] of ['.json', '.safetensors', '.msgpack', '.json', '.safetensors', '.msgpack'].entries()) {
      const out = path.join(dir, `hop${hop}${ext}`);
      const index = openCheckpoint(prev);
      const tensors = [...index.tensors.values()].map((r) => copyOf(r)).sort((x, y) => (x.name < y.name ? -1 : 1));
      if (ext === '.msgpack') await writeMsgpack(out, tensors, '.');
      else if (ext === '.json') await writeJson(out, tensors, index.metadata, '.');
      else await writeSafetensors(out, tensors, index.metadata);
      index.close();
      assert.deepEqual(dump(out), new Map([...original].sort(([a], [b]) => (a < b ? -1 : 1))), `${prev} -> ${out}`);
      assert.equal(checkFile(out, { allowNonfinite: true }).code === 2, false);
      if (hop < 2) {
        // Metadata keys are names too (msgpack has no metadata, so only before it).
        const meta = openCheckpoint(out).metadata;
        assert.equal(meta.__proto__, 'meta proto');
        assert.equal(meta.constructor, 'meta ctor');
      }
      prev = out;
    }
    assert.deepEqual(Object.keys(Object.prototype), []);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
  }));

test('tensor names __proto__/constructor inside layer groups convert both ways, and later conversions in the process still write their tensors', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'pyloop.safetensors');
    const specs: Record<string, { dtype: 'F32'; shape: number[] }> = {};
    for (let i = 0; i < 3; i++) for (const leaf of ['__proto__.kernel', 'constructor', 'prototype.x']) specs[`__proto__.layer_${i}.${leaf}`] = { dtype: 'F32', shape: [2, 3] };
    specs['constructor.Embed_0.embedding'] = { dtype: 'F32', shape: [4, 2] };
    await writeSynthetic(src, specs);
    for (const ext of ['.safetensors', '.msgpack', '.json']) {
      const scan = path.join(dir, `scan${ext}`);
      const back = path.join(dir, `back${ext}`);
      await convert(src, scan, { force: true });
      assert.ok(dump(scan).has('__proto__.blocks.__proto__.kernel'));
      await convert(scan, back, { force: true, to: 'pyloop' });
      assert.deepEqual(dump(back), new Map([...dump(src)].sort(([a], [b]) => (a < b ? -1 : 1))), ext);
    }
    assert.deepEqual(Object.keys(Object.prototype), []);
    const later = path.join(dir, 'later.safetensors');
    await convert(fixture('block_tiny', 'pyloop.safetensors'), later);
    assert.deepEqual(dump(later), dump(fixture('block_tiny', 'scan_expected.safetensors')));
  }));

test('safetensors and JSON output: a tensor named __metadata__ cannot be written (exit 2), msgpack keeps it', () =>
  withDir(async (dir) => {
    const src = path.join(dir, 'meta.msgpack');
    fs.writeFileSync(src, encodeMsgpack({ map: [['__metadata__', ext([2])], ['w', ext([1])]] }));
    assert.deepEqual([...openMsgpack(src).tensors.keys()], ['__metadata__', 'w']);
    const tensors = () => {
      const index = openMsgpack(src);
      return [...index.tensors.values()].map((r) => copyOf(r));
    };
    await assert.rejects(writeSafetensors(path.join(dir, 'o.safetensors'), tensors(), { 'scanconv.layout': 'scan' }), typed('NAME_NOT_REPRESENTABLE', /tensor "__metadata__": safetensors reserves this name/));
    await assert.rejects(writeJson(path.join(dir, 'o.json'), tensors(), {}, '.'), typed('NAME_NOT_REPRESENTABLE', /reserves the top-level key __metadata__/));
    await writeMsgpack(path.join(dir, 'o.msgpack'), tensors(), '.');
    assert.deepEqual([...openMsgpack(path.join(dir, 'o.msgpack')).tensors.keys()], ['__metadata__', 'w']);
    assert.deepEqual(listDir(dir), ['meta.msgpack', 'o.msgpack']);
  }));

test('msgpack: a duplicate key is refused, not dropped', () =>
  withDir((dir) => {
    const file = path.join(dir, 'dup.msgpack');
    fs.writeFileSync(file, encodeMsgpack({ map: [['params', { map: [['w', ext([2])], ['w', ext([3])]] }]] }));
    assert.throws(() => openMsgpack(file), typed('DUPLICATE_KEY', /"params\/w": appears twice in one map/));
  }));

test('msgpack: "a.b" beside {"a": {"b": ..}} is refused, not dropped', () =>
  withDir((dir) => {
    const file = path.join(dir, 'clash.msgpack');
    fs.writeFileSync(file, encodeMsgpack({ map: [['a.b', ext([2])], ['a', { map: [['b', ext([3])]] }]] }));
    // Any key holding the separator is refused now (issue 19): written back it would be two levels.
    assert.throws(() => openMsgpack(file), typed('KEY_HOLDS_SEPARATOR', /"a\.b": the key "a\.b" holds the separator "\."/));
    const json = path.join(dir, 'clash.json');
    fs.writeFileSync(json, '{"a.b": [1], "a": {"b": [2, 3]}}');
    assert.throws(() => openJson(json), typed('KEY_CONFLICT', /"a\.b": names two tensors/));
    fs.writeFileSync(json, '{"a": [1], "a": [2, 3]}');
    assert.throws(() => openJson(json), typed('DUPLICATE_KEY', /"a": appears twice/));
  }));

test('msgpack: a chunked array with a negative (or non-integer) shape is refused', () =>
  withDir((dir) => {
    const file = path.join(dir, 'neg.msgpack');
    const chunked = (shape: Mp[], extra: [Mp, Mp][] = []): Mp => ({
      map: [['w', { map: [['__msgpack_chunked_array__', true], ['shape', { map: shape.map((d, i) => [String(i), d] as [Mp, Mp]) }], ['chunks', { map: [['0', ext([6])]] }], ...extra] }]],
    });
    for (const shape of [[-2, -3], [-6], [1.5, 4], ['6']] as Mp[][]) {
      fs.writeFileSync(file, encodeMsgpack(chunked(shape)));
      assert.throws(() => openMsgpack(file), typed('BAD_CHUNKS', /shape entries must be non-negative integers/), JSON.stringify(shape));
      assert.equal(checkFile(file).code, 2);
    }
    fs.writeFileSync(file, encodeMsgpack(chunked([2, 3], [['hidden', ext([1])]])));
    assert.throws(() => openMsgpack(file), typed('BAD_CHUNKS', /unexpected key "hidden"/));
    fs.writeFileSync(file, encodeMsgpack(chunked([2, 3])));
    assert.deepEqual(openMsgpack(file).tensors.get('w')!.shape, [2, 3]);
    // The plain (unchunked) array's shape is checked as strictly.
    fs.writeFileSync(file, encodeMsgpack({ map: [['w', { ext: { shape: [-1], dtype: 'float32', data: new Uint8Array(0) } }]] }));
    assert.throws(() => openMsgpack(file), typed('BAD_ARRAY', /shape is not a list of non-negative integers/));
  }));

test('msgpack: a structure of more than MAX_MAP_ENTRIES entries, or a list of scalars, is refused before it is parsed whole', () =>
  withDir((dir) => {
    const file = path.join(dir, 'bomb.msgpack');
    // A list of scalars: refused where it starts, whatever its length.
    const list = Buffer.alloc(5 + 10_000_000);
    list.set([0x81, 0xa1, 0x77, 0xdd, 0x00, 0x98, 0x96, 0x80]);
    fs.writeFileSync(file, list.subarray(0, 8 + 10_000_000 - 3));
    assert.throws(() => openMsgpack(file), typed('NOT_AN_ARRAY', /"w": is a msgpack list, not an array/));
    // A map of empty maps: 3 bytes an entry, refused at the cap.
    const n = MAX_MAP_ENTRIES + 1;
    const parts = [Buffer.from([0xdf, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff])];
    fs.writeFileSync(file, Buffer.concat(parts));
    assert.throws(() => openMsgpack(file), typed('TOO_MANY_ENTRIES', /more than 1000000 map entries/));
    // A map of scalars: refused at its first scalar once visited... and at the cap when longer.
    fs.writeFileSync(file, encodeMsgpack({ map: [['step', 5]] }));
    assert.throws(() => openMsgpack(file), typed('NOT_AN_ARRAY', /"step": is a number, not an array/));
  }));

test('JSON output: tensors a and a.b are refused (exit 2), not merged into one leaf', () =>
  withDir(async (dir) => {
    const out = path.join(dir, 'o.json');
    const t = (name: string, dtype: 'F32' | 'BF16', shape: number[]) => copyOf(memoryRef(name, dtype, shape, new Uint8Array(shape.reduce((a, b) => a * b, 1) * (dtype === 'F32' ? 4 : 2))));
    for (const dtype of ['F32', 'BF16'] as const) {
      await assert.rejects(writeJson(out, [t('a', dtype, [2]), t('a.b', 'F32', [1])], {}, '.'), typed('KEY_CONFLICT', /"a\.b": is both a tensor and a subtree/));
      await assert.rejects(writeJson(out, [t('a.b', 'F32', [1]), t('a', dtype, [2])], {}, '.'), typed('KEY_CONFLICT', /"a": is both a tensor and a subtree/));
    }
    assert.deepEqual(listDir(dir), []);
    const src = path.join(dir, 'ab.safetensors');
    await writeSynthetic(src, { 'a': { dtype: 'BF16', shape: [2] }, 'a.b': { dtype: 'F32', shape: [1] } });
    const r = cli(['convert', src, '-o', out, '--layers', '^(zz)(\\d+)$']);
    assert.equal(r.status, 2, r.stderr);
    assert.deepEqual(listDir(dir), ['ab.safetensors']);
  }));

test('JSON output: more than MAX_JSON_OUTPUT bytes of tensors is refused before anything is read or written', () =>
  withDir(async (dir) => {
    const huge: OutputTensor = {
      name: 'w',
      dtype: 'F32',
      shape: [MAX_JSON_OUTPUT / 4 + 1],
      byteLength: MAX_JSON_OUTPUT + 4,
      pieces: () => {
        throw new Error('must not be read');
      },
    };
    await assert.rejects(writeJson(path.join(dir, 'big.json'), [huge], {}, '.'), typed('TOO_LARGE', /over the 50331648-byte limit for JSON output; write safetensors or msgpack/));
    assert.deepEqual(listDir(dir), []);
  }));

test('shards: a shard that is a FIFO is refused at once (not waited on), naming the file', { timeout: 20_000 }, () =>
  withDir((dir) => {
    const good = path.join(dir, 'good.safetensors');
    fs.copyFileSync(fixture('block_tiny', 'pyloop.safetensors'), good);
    const index = path.join(dir, 'model.safetensors.index.json');
    fs.writeFileSync(index, JSON.stringify({ weight_map: { w: 'fifo.safetensors' } }));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.safetensors')]).status, 0);
    assert.throws(() => openSharded(index), typed('NOT_A_FILE', /fifo\.safetensors: is a FIFO \(named pipe\), not a checkpoint file/));
    const r = cli(['check', index, good]);
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2, r.stdout);
    assert.match(lines[0], /FAIL .*fifo\.safetensors: is a FIFO/);
    assert.match(lines[1], /ok .*good\.safetensors/);
  }));

test('shards: a shard that is a directory is named, and check goes on with the other files', () =>
  withDir((dir) => {
    const good = path.join(dir, 'good.safetensors');
    fs.copyFileSync(fixture('block_tiny', 'pyloop.safetensors'), good);
    const index = path.join(dir, 'model.safetensors.index.json');
    fs.writeFileSync(index, JSON.stringify({ weight_map: { w: 'sub.safetensors' } }));
    fs.mkdirSync(path.join(dir, 'sub.safetensors'));
    assert.throws(() => openSharded(index), typed('NOT_A_FILE', /sub\.safetensors: is a directory, not a checkpoint file/));
    const r = cli(['check', index, good]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stdout, /sub\.safetensors: is a directory[^\n]*\n.*ok .*good\.safetensors/);
  }));

test('JSON output: -0.0 keeps its sign bit (JSON.stringify(-0) is "0")', () =>
  withDir(async (dir) => {
    const bytes = new Uint8Array(new Float32Array([1.5, -0, 0, -2]).buffer);
    const f64 = new Uint8Array(new Float64Array([-0]).buffer);
    const out = path.join(dir, 'z.json');
    await writeJson(out, [copyOf(memoryRef('a', 'F32', [2, 2], bytes)), copyOf(memoryRef('b', 'F64', [], f64))], {}, '.');
    const back = dump(out);
    assert.equal(back.get('a')!.hex, Buffer.from(bytes).toString('hex'));
    assert.equal(back.get('b')!.hex, Buffer.from(f64).toString('hex'));
  }));

test('msgpack and JSON output: a name nested deeper than their readers accept is refused (exit 2), not written unreadable', () =>
  withDir(async (dir) => {
    const deep = Array.from({ length: 63 }, (_, i) => `n${i}`).join('.');
    const t = [copyOf(memoryRef(deep, 'F32', [1], f32(1)))];
    await assert.rejects(writeMsgpack(path.join(dir, 'd.msgpack'), t, '.'), typed('NAME_NOT_REPRESENTABLE', /63 key segments nest deeper than the 62/));
    const deeper = [copyOf(memoryRef(Array.from({ length: 255 }, () => 'n').join('.'), 'BF16', [1], new Uint8Array(2)))];
    await assert.rejects(writeJson(path.join(dir, 'd.json'), deeper, {}, '.'), typed('NAME_NOT_REPRESENTABLE', /nest deeper than the 256 levels/));
    const ok = Array.from({ length: 62 }, (_, i) => `n${i}`).join('.');
    await writeMsgpack(path.join(dir, 'ok.msgpack'), [copyOf(memoryRef(ok, 'F32', [1], f32(1)))], '.');
    assert.deepEqual([...openMsgpack(path.join(dir, 'ok.msgpack')).tensors.keys()], [ok]);
    assert.deepEqual(listDir(dir), ['ok.msgpack']);
  }));
