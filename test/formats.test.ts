import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { openMsgpack } from '../src/format/msgpack.js';
import { MsgpackError } from '../src/format/msgpackParser.js';
import { writeMsgpack } from '../src/format/msgpackWriter.js';
import { openSharded, ShardedError } from '../src/format/sharded.js';
import { copyOf } from '../src/format/stream.js';
import { verify } from '../src/verify/verify.js';
import { cli, dump, fixture, listDir, sortedDump, tmpDir, writeSynthetic } from './helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);

test('Flax msgpack: reads the fixture to the same tensors as its safetensors twin', () => {
  const m = openMsgpack(BLOCK('pyloop.msgpack'));
  assert.equal(m.format, 'msgpack');
  m.close();
  assert.deepEqual(sortedDump(BLOCK('pyloop.msgpack')), sortedDump(BLOCK('pyloop.safetensors')));
});

test('msgpack in, any format out (and back), bit for bit', async () => {
  const dir = tmpDir();
  const scanSt = path.join(dir, 'scan.safetensors');
  await convert(BLOCK('pyloop.msgpack'), scanSt);
  assert.deepEqual(sortedDump(scanSt), sortedDump(BLOCK('scan_expected.safetensors')));
  const scanMp = path.join(dir, 'scan.msgpack');
  await convert(BLOCK('pyloop.json'), scanMp);
  assert.deepEqual(sortedDump(scanMp), sortedDump(BLOCK('scan_expected.safetensors')));
  const backMp = path.join(dir, 'back.msgpack');
  await convert(scanMp, backMp);
  assert.deepEqual(sortedDump(backMp), sortedDump(BLOCK('pyloop.safetensors')));
  // Same layout, other format: a plain format change.
  const asSt = path.join(dir, 'pyloop.safetensors');
  const r = await convert(BLOCK('pyloop.msgpack'), asSt, { to: 'pyloop' });
  assert.equal(r.tensors, 144);
  assert.deepEqual(sortedDump(asSt), sortedDump(BLOCK('pyloop.safetensors')));
});

test('msgpack chunked arrays (__msgpack_chunked_array__) are written and read back exactly', async () => {
  const dir = tmpDir();
  const src = openCheckpoint(BLOCK('pyloop.safetensors'));
  const file = path.join(dir, 'chunked.msgpack');
  // A 100-byte chunk limit forces Flax's chunked form on every kernel (the real limit is 2^30).
  await writeMsgpack(file, [...src.tensors.values()].map((r) => copyOf(r)), '.', undefined, 100);
  src.close();
  const raw = fs.readFileSync(file);
  assert.ok(raw.includes(Buffer.from('__msgpack_chunked_array__')));
  assert.deepEqual(sortedDump(file), sortedDump(BLOCK('pyloop.safetensors')));
});

test('malformed msgpack files fail with typed errors', () => {
  const dir = tmpDir();
  const bytes = fs.readFileSync(BLOCK('pyloop.msgpack'));
  const cut = path.join(dir, 'cut.msgpack');
  fs.writeFileSync(cut, bytes.subarray(0, 5000));
  assert.throws(() => openMsgpack(cut), (e: unknown) => e instanceof MsgpackError && e.code === 'TRUNCATED' && /file ends at 5000 bytes but the data needs \d+/.test(e.message));
  const trailing = path.join(dir, 'trailing.msgpack');
  fs.writeFileSync(trailing, Buffer.concat([bytes, Buffer.from([0])]));
  assert.throws(() => openMsgpack(trailing), { code: 'TRAILING_BYTES', message: `${trailing}: 1 bytes after the end of the state dict` });
  const notMap = path.join(dir, 'list.msgpack');
  fs.writeFileSync(notMap, Buffer.from([0x92, 1, 2]));
  assert.throws(() => openMsgpack(notMap), { code: 'NOT_A_MAP' });
  const badByte = path.join(dir, 'bad.msgpack');
  fs.writeFileSync(badByte, Buffer.from([0x81, 0xa1, 0x61, 0xc1]));
  assert.throws(() => openMsgpack(badByte), { code: 'BAD_BYTE', message: `${badByte}: "a": byte 0xc1 at offset 3 is not a msgpack type` });
  const scalar = path.join(dir, 'scalar.msgpack');
  fs.writeFileSync(scalar, Buffer.from([0x81, 0xa4, 0x73, 0x74, 0x65, 0x70, 0x05])); // {"step": 5}
  assert.throws(() => openMsgpack(scalar), { code: 'NOT_AN_ARRAY', message: `${scalar}: "step": is a number, not an array; scanconv converts trees of arrays` });
});

test('sharded safetensors: written one shard at a time with an index, read back as one checkpoint', async () => {
  const dir = tmpDir();
  const out = path.join(dir, 'model.safetensors');
  const r = cli(['convert', BLOCK('pyloop.safetensors'), '-o', out, '--shard-size', '60KB']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(listDir(dir), [
    'model-00001-of-00005.safetensors', 'model-00002-of-00005.safetensors', 'model-00003-of-00005.safetensors',
    'model-00004-of-00005.safetensors', 'model-00005-of-00005.safetensors', 'model.safetensors.index.json',
  ]);
  const index = JSON.parse(fs.readFileSync(`${out}.index.json`, 'utf8')) as { metadata: Record<string, unknown>; weight_map: Record<string, string> };
  assert.equal(index.metadata.total_size, 256_512);
  assert.equal(index.weight_map['params.blocks.Dense_0.bias'], 'model-00001-of-00005.safetensors');
  for (let i = 1; i <= 5; i++) assert.ok(fs.statSync(path.join(dir, `model-0000${i}-of-00005.safetensors`)).size <= 60_000 + 2000);
  assert.deepEqual(sortedDump(`${out}.index.json`), sortedDump(BLOCK('scan_expected.safetensors')));
  // Sharded in -> single out, back to pyloop; and verify reads the sharded checkpoint directly.
  const single = path.join(tmpDir(), 'single.safetensors');
  await convert(`${out}.index.json`, single);
  assert.deepEqual(sortedDump(single), sortedDump(BLOCK('pyloop.safetensors')));
  const v = await verify(BLOCK('pyloop.safetensors'), { other: `${out}.index.json`, input: BLOCK('pyloop_io.safetensors') });
  assert.equal(v.report.passed, true);
  assert.equal(cli(['inspect', `${out}.index.json`]).stdout.split('\n')[0].includes('(sharded,'), true);
});

test('a tensor larger than the shard size gets a shard of its own; one shard is a plain file', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'src.safetensors');
  await writeSynthetic(src, { 'params.layer_0.big': { dtype: 'F32', shape: [1000] }, 'params.layer_0.small': { dtype: 'F32', shape: [10] }, 'params.layer_1.big': { dtype: 'F32', shape: [1000] }, 'params.layer_1.small': { dtype: 'F32', shape: [10] } });
  const out = path.join(dir, 'out', 'model.safetensors');
  fs.mkdirSync(path.dirname(out));
  await convert(src, out, { shardSize: 1000 });
  const index = JSON.parse(fs.readFileSync(`${out}.index.json`, 'utf8')) as { weight_map: Record<string, string> };
  assert.deepEqual(index.weight_map, { 'params.blocks.big': 'model-00001-of-00002.safetensors', 'params.blocks.small': 'model-00002-of-00002.safetensors' });
  const plain = path.join(dir, 'plain.safetensors');
  await convert(src, plain, { shardSize: 1e9 });
  assert.equal(fs.existsSync(`${plain}.index.json`), false);
  assert.equal(dump(plain).size, 2);
});

test('broken shard indexes fail with typed errors', async () => {
  const dir = tmpDir();
  await writeSynthetic(path.join(dir, 'a.safetensors'), { x: { dtype: 'F32', shape: [2] }, y: { dtype: 'F32', shape: [2] } });
  const write = (o: unknown) => {
    const f = path.join(dir, 'model.safetensors.index.json');
    fs.writeFileSync(f, JSON.stringify(o));
    return f;
  };
  const expectCode = (f: string, code: string, message: string) => assert.throws(() => openSharded(f), (e: unknown) => e instanceof ShardedError && e.code === code && e.message === `${f}: ${message}`);
  expectCode(write({}), 'BAD_INDEX', 'has no "weight_map" object');
  expectCode(write({ weight_map: { x: 'missing.safetensors' } }), 'MISSING_SHARD', 'shard missing.safetensors does not exist');
  expectCode(write({ weight_map: { x: '../a.safetensors' } }), 'BAD_SHARD_NAME', 'weight_map entry "x" names shard "../a.safetensors"; shards must be file names beside the index');
  expectCode(write({ weight_map: { x: 'a.safetensors', z: 'a.safetensors' } }), 'MISSING_TENSOR', 'weight_map puts "z" in a.safetensors, which does not hold it');
  expectCode(write({ weight_map: { x: 'a.safetensors' } }), 'UNLISTED_TENSOR', 'shard a.safetensors holds "y", which weight_map does not list there');
});

test('offsets past 2 GiB: a sparse 3 GB safetensors file reads its last bytes correctly', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'huge.safetensors');
  const n = 750_000_000; // F32 elements: 3.0e9 bytes
  const header = Buffer.from(JSON.stringify({ big: { dtype: 'F32', shape: [n], data_offsets: [0, n * 4] } }).padEnd(64, ' '));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, Buffer.concat([len, header]));
  const tail = Buffer.from([1, 2, 3, 4]);
  fs.writeSync(fd, tail, 0, 4, 8 + header.length + n * 4 - 4); // the rest stays a hole
  fs.closeSync(fd);
  const idx = openCheckpoint(file);
  const ref = idx.tensors.get('big')!;
  assert.equal(ref.byteLength, 3_000_000_000);
  const out = new Uint8Array(4);
  ref.readInto(out, 0, ref.byteLength - 4, 4);
  assert.deepEqual([...out], [1, 2, 3, 4]);
  idx.close();
  fs.rmSync(dir, { recursive: true });
});
