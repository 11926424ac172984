/**
 * The Orbax writer: OCDBT encoding byte for byte against a real orbax-checkpoint checkpoint,
 * B+trees of several levels, zarr v3 shards with several chunks, a MaxText-shaped conversion
 * read back by an independent reader (test/orbaxTestReader.ts), and all-or-nothing output.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { spawn } from 'node:child_process';
import { convert } from '../src/convert.js';
import { dtypeSize, numel } from '../src/format/dtype.js';
import { crc32c } from '../src/format/orbax/crc32c.js';
import { BTREE_NODE_MAGIC, encodeEnvelope, leafNodeBody, MANIFEST_MAGIC, manifestBody } from '../src/format/orbax/ocdbtEncode.js';
import { OcdbtWriter } from '../src/format/orbax/ocdbtWriter.js';
import { writeOrbax } from '../src/format/orbax/orbaxWriter.js';
import { pyTupleRepr } from '../src/format/orbax/pyJson.js';
import { varint } from '../src/format/orbax/varint.js';
import { arrayLayout, chunkRows, ShardEncoder, zarrJson } from '../src/format/orbax/zarr3Writer.js';
import { loadZstd } from '../src/format/orbax/zstdCompress.js';
import { copyOf, type OutputTensor } from '../src/format/stream.js';
import { memoryRef, readAll, type TensorRef } from '../src/format/types.js';
import { openCheckpoint } from '../src/format/open.js';
import { cli, fixture, listDir, tmpDir, writeSynthetic } from './helpers.js';
import { maxtextScanned, maxtextUnscanned, type MaxTextDims } from './maxtextTrees.js';
import { crc32cRef, loadTestReader, readArray, readDatabase, readManifest, unwrap } from './orbaxTestReader.js';

const REAL = fixture('orbax', 'orbax_v1_composite_ocdbt_zarr3', 'state');
const REAL_NODE = 'd/6b3188c296298811d6ef3175926acfd5';

await loadZstd();
await loadTestReader();

const int32 = (values: number[]) => new Uint8Array(new Int32Array(values).buffer);

/** The shard value of a one-chunk array, as the writer encodes it. */
function shardOf(bytes: Uint8Array, dtype: 'I32', shape: number[], level: number): Uint8Array {
  const layout = arrayLayout(dtype, shape, 1 << 20, level);
  const parts: Uint8Array[] = [];
  const enc = new ShardEncoder(layout, (b) => parts.push(b.slice()));
  enc.add(bytes);
  enc.finish();
  return new Uint8Array(Buffer.concat(parts));
}

test('CRC-32C and varints: the standard check value, LEB128 edges', () => {
  const check = new TextEncoder().encode('123456789');
  assert.equal(crc32c(check), 0xe3069283);
  assert.equal(crc32cRef(check), 0xe3069283);
  assert.deepEqual([...varint(0)], [0]);
  assert.deepEqual([...varint(127)], [0x7f]);
  assert.deepEqual([...varint(128)], [0x80, 0x01]);
  assert.deepEqual([...varint(100_000_000)], [0x80, 0xc2, 0xd7, 0x2f]);
  assert.equal(varint(Number.MAX_SAFE_INTEGER).byteLength, 8);
  assert.throws(() => varint(-1), RangeError);
});

test("zarr.json and chunk values are byte for byte what orbax-checkpoint wrote (zstd level 3, the real checkpoint's)", () => {
  const { values } = readDatabase(REAL);
  for (const [name, data, shape] of [
    ['a', [0, 1, 2, 3, 4, 5, 6, 7], [8]],
    ['b.c', [1, 2, 3], [3]],
  ] as const) {
    assert.equal(zarrJson(arrayLayout('I32', [...shape], 1 << 20, 3)), Buffer.from(values.get(`${name}/zarr.json`)!).toString('utf8'));
    assert.deepEqual(shardOf(int32([...data]), 'I32', [...shape], 3), values.get(`${name}/c/0`));
  }
});

test('the B+tree leaf node and the manifest encode byte for byte as in the real checkpoint', () => {
  const { values } = readDatabase(REAL);
  const entries = [...values.keys()].sort().map((key) => ({ key: Buffer.from(key), value: { inline: values.get(key)! } }));
  const realNode = unwrap(fs.readFileSync(path.join(REAL, REAL_NODE)), BTREE_NODE_MAGIC);
  assert.ok(realNode.compressed);
  assert.deepEqual(leafNodeBody(entries), realNode.body);
  // An envelope of our own around the real body reads back (magic, length, CRC-32C, zstd).
  const ours = encodeEnvelope(BTREE_NODE_MAGIC, realNode.body, 0);
  assert.deepEqual(unwrap(ours, BTREE_NODE_MAGIC).body, realNode.body);
  const m = readManifest(REAL);
  assert.deepEqual(m.config, { uuid: '742afc1202bf44cfc9d8950f54c5b9e9', maxInline: 1024, maxNode: 100000000, arityLog2: 4, compression: 1, zstdLevel: 0 });
  const realManifest = unwrap(fs.readFileSync(path.join(REAL, 'manifest.ocdbt')), MANIFEST_MAGIC).body;
  const body = manifestBody(
    { uuid: Buffer.from(m.config.uuid, 'hex'), maxInlineValueBytes: 1024, maxDecodedNodeBytes: 100_000_000, versionTreeArityLog2: 4, zstdLevel: 0 },
    { generation: 1, rootHeight: 0, root: { file: REAL_NODE, offset: 0, length: 377 }, stats: { numKeys: 4, numTreeBytes: 377, numIndirectValueBytes: 0 }, commitTimeNs: m.root.commitNs },
  );
  assert.deepEqual(body, realManifest);
});

test('a corrupted node fails its CRC-32C', () => {
  const node = encodeEnvelope(BTREE_NODE_MAGIC, leafNodeBody([{ key: Buffer.from('k'), value: { inline: Buffer.from('v') } }]), undefined);
  node[14] ^= 1;
  assert.throws(() => unwrap(node, BTREE_NODE_MAGIC), /CRC-32C/);
});

test('many keys: leaves split by size under interior nodes (height 2), every value and statistic found again', () => {
  const dir = tmpDir();
  const db = new OcdbtWriter(dir, { targetNodeBytes: 300 });
  const want = new Map<string, Uint8Array>();
  for (let i = 0; i < 400; i++) {
    const key = `params.layer_${i}/c/0`;
    const value = new Uint8Array(i % 7 === 0 ? 2000 : 20).fill(i & 0xff);
    want.set(key, value);
    if (i % 5 === 0) {
      const sink = db.begin(key);
      sink.write(value.subarray(0, 7));
      sink.write(value.subarray(7));
      sink.end();
    } else db.put(key, value);
  }
  db.finish();
  const { values, nodesByHeight } = readDatabase(dir);
  assert.deepEqual([...values].sort(), [...want].sort());
  const m = readManifest(dir);
  assert.ok(m.root.height >= 2, `height ${m.root.height}`);
  // One root, and more nodes at each level below it.
  assert.equal(nodesByHeight.get(m.root.height), 1);
  for (let h = 0; h < m.root.height; h++) assert.ok(nodesByHeight.get(h)! > nodesByHeight.get(h + 1)!, JSON.stringify([...nodesByHeight]));
  assert.equal(m.root.numKeys, 400);
  // Out of line: values over max_inline_value_bytes (1024), and every streamed one.
  assert.equal(m.root.numIndirect, [...want].filter(([, v], i) => v.byteLength > 1024 || i % 5 === 0).reduce((s, [, v]) => s + v.byteLength, 0));
});

test('chunk rows: the largest divisor of axis 0 within the target, at least one row', () => {
  assert.equal(chunkRows([4096, 32, 128], 2, 64 << 20), 4096);
  assert.equal(chunkRows([4096, 32, 128], 2, 1 << 20), 128);
  assert.equal(chunkRows([1000, 3], 4, 100), 8);
  assert.equal(chunkRows([7, 1 << 20], 4, 1), 1);
  assert.equal(chunkRows([], 4, 1), 1);
});

test("Python's tuple repr for _METADATA keys", () => {
  assert.equal(pyTupleRepr(['a']), "('a',)");
  assert.equal(pyTupleRepr(['b', 'c']), "('b', 'c')");
  assert.equal(pyTupleRepr(["it's"]), `("it's",)`);
  assert.equal(pyTupleRepr(['a\\b\n']), "('a\\\\b\\n',)");
});

const DIMS: MaxTextDims = { E: 16, L: 4, H: 2, D: 8, KV: 1, M: 24, V: 32 };

test('unscanned MaxText -> --format orbax: the layers on axis 1 in several chunks, every array bit for bit, the tree in _METADATA', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'un.safetensors');
  await writeSynthetic(src, maxtextUnscanned(DIMS));
  const out = path.join(dir, 'ckpt');
  const r = await convert(src, out, { format: 'orbax', chunkBytes: 1024 });
  assert.equal(r.to, 'scan');
  assert.deepEqual(listDir(out), ['_CHECKPOINT_METADATA', 'items']);
  const items = path.join(out, 'items');
  assert.deepEqual(listDir(items).filter((f) => f !== 'd'), ['_METADATA', '_sharding', 'array_metadatas', 'manifest.ocdbt']);
  const { values } = readDatabase(items);
  const expected = maxtextScanned(DIMS);
  for (const [name, spec] of Object.entries(expected)) {
    const a = readArray(values, name);
    assert.equal(a.dtype, 'bfloat16');
    assert.deepEqual(a.shape, spec.shape, name);
    assert.deepEqual(Buffer.from(a.bytes), Buffer.from(spec.bytes!), name);
  }
  const q = JSON.parse(Buffer.from(values.get('params.params.decoder.layers.self_attention.query.kernel/zarr.json')!).toString());
  assert.deepEqual(q.shape, [16, 4, 2, 8]);
  // 1024-byte chunks: 8 rows of 4 layers x 2 heads x 8 (bf16) each, 2 chunks, each spanning every layer.
  assert.deepEqual(q.codecs[0].configuration.chunk_shape, [8, 4, 2, 8]);
  const meta = JSON.parse(fs.readFileSync(path.join(items, '_METADATA'), 'utf8'));
  assert.equal(Object.keys(meta.tree_metadata).length, Object.keys(expected).length);
  assert.deepEqual(meta.tree_metadata["('params', 'params', 'decoder', 'layers', 'mlp', 'wo', 'kernel')"].value_metadata.write_shape, [24, 4, 16]);
  assert.equal(meta.use_ocdbt, true);
  assert.equal(meta.custom_metadata['scanconv.axis'], '1');
  assert.equal(meta.custom_metadata['scanconv.stack'], 'layers');
  const ckpt = JSON.parse(fs.readFileSync(path.join(out, '_CHECKPOINT_METADATA'), 'utf8'));
  assert.deepEqual(Object.keys(ckpt.item_handlers), ['items']);
});

test('Orbax output is all or nothing: an existing output is refused without --force, a failure part way leaves nothing, --force replaces only a checkpoint', async () => {
  const dir = tmpDir();
  const ok = (n: string) => copyOf(memoryRef(n, 'F32', [256], new Uint8Array(1024)));
  const out = path.join(dir, 'ckpt');
  await writeOrbax(out, [ok('a')], {}, '.');
  await assert.rejects(writeOrbax(out, [ok('a')], {}, '.'), { code: 'OUTPUT_EXISTS' });
  const failing: TensorRef = {
    ...memoryRef('b', 'F32', [1 << 16], new Uint8Array(1 << 18)),
    readInto() {
      throw new Error('disk gone');
    },
  };
  await assert.rejects(writeOrbax(path.join(dir, 'other'), [ok('a'), copyOf(failing)], {}, '.'), /disk gone/);
  assert.deepEqual(listDir(dir), ['ckpt']);
  await writeOrbax(out, [ok('z')], {}, '.', { force: true });
  assert.ok(readDatabase(path.join(out, 'items')).values.has('z/zarr.json'));
  assert.deepEqual(listDir(dir), ['ckpt']);
  fs.mkdirSync(path.join(dir, 'home'));
  await assert.rejects(writeOrbax(path.join(dir, 'home'), [ok('a')], {}, '.', { force: true }), { code: 'NOT_REGULAR_OUTPUT' });
  await assert.rejects(writeOrbax(path.join(dir, 'x'), [ok('a/b')], {}, '.'), { code: 'BAD_ORBAX_NAME' });
  assert.deepEqual(listDir(dir), ['ckpt', 'home']);
});

test('dtypes, scalars and empty arrays: zarr data types and absent chunks', async () => {
  const dir = tmpDir();
  const out = path.join(dir, 'ckpt');
  const t = (n: string, dtype: 'F16' | 'I64' | 'U8' | 'BOOL' | 'F64' | 'C64', shape: number[]) => copyOf(memoryRef(n, dtype, shape, new Uint8Array(numel(shape) * dtypeSize(dtype)).fill(1)));
  await writeOrbax(out, [t('h', 'F16', [3, 5]), t('step', 'I64', []), t('u', 'U8', [0, 4]), t('m', 'BOOL', [2]), t('d', 'F64', [2]), t('z', 'C64', [2])], {}, '.', { zstdLevel: null });
  const { values } = readDatabase(path.join(out, 'items'));
  assert.deepEqual([...values.keys()].sort(), ['d/c/0', 'd/zarr.json', 'h/c/0/0', 'h/zarr.json', 'm/c/0', 'm/zarr.json', 'step/c', 'step/zarr.json', 'u/zarr.json', 'z/c/0', 'z/zarr.json']);
  // scanconv's own reader reads every array back (complex64's fill value is [0.0,0.0]).
  assert.deepEqual(readArray(values, 'z').json.fill_value, [0, 0]);
  const index = openCheckpoint(out);
  try {
    for (const [name, ref] of index.tensors) assert.deepEqual(readAll(ref), new Uint8Array(ref.byteLength).fill(1), name);
    assert.equal(index.tensors.size, 6);
  } finally {
    index.close();
  }
  assert.equal(readArray(values, 'step').dtype, 'int64');
  assert.deepEqual(readArray(values, 'step').bytes, new Uint8Array(8).fill(1));
  assert.equal(readArray(values, 'm').json.fill_value, false);
  assert.equal(readArray(values, 'h').json.fill_value, 0);
  assert.equal(readArray(values, 'u').bytes.byteLength, 0);
});

test('an input inside the output directory is refused before any work, --force or not', async () => {
  const dir = tmpDir();
  const out = path.join(dir, 'ckpt');
  await writeOrbax(out, [copyOf(memoryRef('a', 'F32', [4], new Uint8Array(16)))], {}, '.');
  const src = path.join(out, 'un.safetensors');
  await writeSynthetic(src, maxtextUnscanned(DIMS));
  await assert.rejects(convert(src, out, { format: 'orbax', force: true }), { code: 'OUTPUT_IS_INPUT', message: `cannot write ${out}: it holds ${src}, an input of this command` });
  assert.ok(fs.existsSync(src));
});

test('SIGINT while writing: the host\'s handler removes the temporary directory (removeUnfinishedFiles) and exits 130', async () => {
  const dir = tmpDir();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'orbaxInterruptChild.ts'), path.join(dir, 'ckpt')], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  // Wait until the temporary directory exists, then interrupt.
  for (let i = 0; i < 200 && !listDir(dir).length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(listDir(dir)[0], /^\.ckpt\.scanconv-tmp-/);
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  assert.equal(code, 130);
  assert.deepEqual(listDir(dir), []);
});

test('Orbax options: only with --format orbax, zstd levels 1..22, chunks up to 512 MiB; refused before anything is written', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'un.safetensors');
  await writeSynthetic(src, maxtextUnscanned(DIMS));
  await assert.rejects(convert(src, path.join(dir, 'o.safetensors'), { zstdLevel: 3 }), { code: 'ORBAX_OPTION', message: '--zstd-level, --chunk-size and --compress-threads apply to --format orbax output only' });
  await assert.rejects(convert(src, path.join(dir, 'o'), { format: 'orbax', zstdLevel: 23 }), { code: 'BAD_ZSTD_LEVEL', message: '--zstd-level 23 is not a zstd level from 1 to 22 (0: no compression)' });
  await assert.rejects(convert(src, path.join(dir, 'o'), { format: 'orbax', chunkBytes: 2 ** 30 }), { code: 'BAD_CHUNK_SIZE' });
  await assert.rejects(writeOrbax(path.join(dir, 'o'), [], {}, '.'), { code: 'BAD_ORBAX_NAME' });
  assert.deepEqual(listDir(dir), ['un.safetensors']);
});

test('CLI: convert --format orbax --preset maxtext writes the directory; an Orbax option on another format exits 2 with one line', async () => {
  const dir = tmpDir();
  const src = path.join(dir, 'un.safetensors');
  await writeSynthetic(src, maxtextUnscanned(DIMS));
  const out = path.join(dir, 'ckpt');
  const r = cli(['convert', src, '-o', out, '--format', 'orbax', '--preset', 'maxtext', '--zstd-level', '3', '--chunk-size', '4KiB']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^pyloop -> scan: 4 layers, 12 tensors, .* -> ${out}\\n$`));
  const q = JSON.parse(Buffer.from(readDatabase(path.join(out, 'items')).values.get('params.params.decoder.layers.mlp.wi_0.kernel/zarr.json')!).toString());
  assert.deepEqual(q.codecs[0].configuration.codecs[1], { configuration: { checksum: false, level: 3 }, name: 'zstd' });
  const bad = cli(['convert', src, '-o', path.join(dir, 'x.safetensors'), '--zstd-level', '3']);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, 'scanconv: error: --zstd-level, --chunk-size and --compress-threads apply to --format orbax output only\n');
  assert.deepEqual(listDir(dir), ['ckpt', 'un.safetensors']);
});

test('the Orbax writer refuses a fractional, negative, NaN, infinite or unsafe shape entry, and a shape unlike the bytes (BAD_ORBAX_SHAPE), writing nothing', async () => {
  const dir = tmpDir();
  const shaped = (shape: number[], byteLength: number): OutputTensor => ({ name: 'params.w', dtype: 'F32', shape, byteLength, pieces: () => [] });
  const cases: [number[], number, string][] = [
    [[2.5, 2], 20, 'params.w: shape [2.5, 2] has 2.5, not a non-negative integer up to 2^53'],
    [[-1, 4], 16, 'params.w: shape [-1, 4] has -1, not a non-negative integer up to 2^53'],
    [[2 ** 60, 0], 0, 'params.w: shape [1152921504606847000, 0] has 1152921504606847000, not a non-negative integer up to 2^53'],
    [[NaN], 4, 'params.w: shape [NaN] has NaN, not a non-negative integer up to 2^53'],
    [[Infinity, 0], 0, 'params.w: shape [Infinity, 0] has Infinity, not a non-negative integer up to 2^53'],
    [[3, 2], 20, 'params.w: shape [3, 2] of F32 holds 24 bytes, the tensor 20'],
  ];
  for (const [shape, byteLength, message] of cases) {
    await assert.rejects(writeOrbax(path.join(dir, 'o'), [shaped(shape, byteLength)], {}, '.'), { code: 'BAD_ORBAX_SHAPE', message });
  }
  assert.deepEqual(listDir(dir), []);
});
