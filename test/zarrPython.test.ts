/**
 * Zarr v2 arrays written by a real zarr writer independent of scanconv (Debian's python3-zarr
 * 2.13 with numcodecs 0.11: scripts/zarr_fixtures.py), laid out as Orbax's use_ocdbt=False lays
 * out a PyTree, without _METADATA: several chunks per array with partial edge chunks, a chunk
 * absent because it equals the fill value, zstd, gzip, zlib and no compressor, "/" as dimension
 * separator, float16 and big-endian float32, in MaxText's scanned tree (layers on axis 1). Each
 * value is a closed form of its index, recomputed here.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { dump, fixture, listDir, srcCli, tmpDir } from './helpers.js';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { copyOf } from '../src/format/stream.js';
import { writePlanned } from '../src/format/scatter.js';

const DIR = fixture('zarr_python', 'maxtext_scanned');
const E = 6;
const L = 4;
const M = 10;
const V = 8;
const P = 'params.params.';
const D = `${P}decoder.`;

const f32 = (values: number[]) => Buffer.from(new Float32Array(values).buffer).toString('hex');
/** float16 bits of a whole number below 2048 (exact), little-endian. */
const f16 = (values: number[]) => {
  const b = Buffer.alloc(values.length * 2);
  values.forEach((n, i) => {
    const e = n === 0 ? 0 : Math.floor(Math.log2(n));
    b.writeUInt16LE(n === 0 ? 0 : ((e + 15) << 10) | ((n / 2 ** e - 1) * 1024), i * 2);
  });
  return b.toString('hex');
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Layer l of each scanned array, as python3-zarr was given it (scripts/zarr_fixtures.py). */
function expectedLayer(l: number): Record<string, { dtype: string; shape: number[]; hex: string }> {
  return {
    [`${D}layers_${l}.mlp.wi_0.kernel`]: { dtype: 'F32', shape: [E, M], hex: f32(range(E * M).map((i) => (Math.floor(i / M) * L * M + l * M + (i % M)) / 8)) },
    [`${D}layers_${l}.mlp.wo.kernel`]: { dtype: 'F16', shape: [M, E], hex: f16(range(M * E).map((i) => Math.floor(i / E) * L * E + l * E + (i % E))) },
    // Rows 3..5 come from the absent chunk: the fill value, 0.
    [`${D}layers_${l}.pre_self_attention_layer_norm.scale`]: { dtype: 'F32', shape: [E], hex: f32(range(E).map((e) => (e < 3 ? e * L + l + 1 : 0))) },
  };
}

const SHARED = {
  // Stored big-endian ('>f4'), written little-endian.
  [`${D}decoder_norm.scale`]: { dtype: 'F32', shape: [E], hex: f32(range(E).map((i) => i + 1)) },
  [`${P}token_embedder.embedding`]: { dtype: 'F32', shape: [V, E], hex: f32(range(V * E).map((i) => i - 20)) },
};

test('python3-zarr arrays without _METADATA: inspect names them from the stored keys, check decodes every chunk and counts the absent one', () => {
  const i = srcCli(['inspect', DIR]);
  assert.equal(i.status, 0, i.stderr);
  assert.match(i.stdout, /^layout: {5}scan, 4 layers, layer axis 1$/m);
  assert.match(i.stdout, /^layout: {5}Orbax PyTree in zarr directories$/m);
  assert.match(i.stdout, /^zarr: {7}zarr v2$/m);
  assert.match(i.stdout, /^compression: zlib, zstd, gzip, none$/m);
  assert.match(i.stdout, /^chunking: {3}15 chunks over 5 arrays$/m);
  const c = srcCli(['check', DIR]);
  assert.equal(c.status, 0, c.stderr + c.stdout);
  assert.equal(c.stdout, `ok   ${DIR}: orbax, scan, 4 layers, 14 chunks of 5 zarr arrays decoded (1 absent: fill value) (every CRC-32C there is checked), 5 tensors\n`);
});

test('python3-zarr arrays unscan to safetensors and msgpack with exactly the values written, and verify --params-only proves both', () => {
  const dir = tmpDir();
  const un = path.join(dir, 'un.safetensors');
  const r = srcCli(['convert', DIR, '-o', un]);
  assert.equal(r.status, 0, r.stderr);
  const expected = { ...SHARED, ...Object.assign({}, ...range(L).map(expectedLayer)) } as Record<string, unknown>;
  assert.deepEqual(Object.fromEntries(dump(un)), expected);
  // The msgpack writer reads the chunks through the reader's cache, not the scatter path: the same bytes.
  const msgpack = path.join(dir, 'un.msgpack');
  assert.equal(srcCli(['convert', DIR, '-o', msgpack]).status, 0);
  assert.deepEqual(Object.fromEntries(dump(msgpack)), expected);
  for (const other of [un, msgpack]) {
    const v = srcCli(['verify', '--params-only', DIR, other]);
    assert.equal(v.status, 0, v.stderr + v.stdout);
    assert.match(v.stdout, /PASSED/);
  }
  // Scanned back: the arrays as written, layer axis 1, little-endian.
  const back = path.join(dir, 'back.safetensors');
  assert.equal(srcCli(['convert', un, '-o', back]).status, 0);
  const scanned = dump(back);
  assert.equal(scanned.get(`${D}layers.mlp.wi_0.kernel`)?.hex, f32(range(E * L * M).map((i) => i / 8)));
  assert.equal(scanned.get(`${D}layers.mlp.wo.kernel`)?.hex, f16(range(M * L * E)));
  assert.deepEqual(scanned.get(`${D}decoder_norm.scale`), SHARED[`${D}decoder_norm.scale`]);
  assert.deepEqual(listDir(dir), ['back.safetensors', 'un.msgpack', 'un.safetensors']);
});

test("python3-zarr's default compressor (blosc) and F order: exit 2 naming the array's metadata and what is read", () => {
  const blosc = srcCli(['inspect', fixture('zarr_python', 'refused', 'blosc')]);
  assert.equal(blosc.status, 2);
  assert.equal(blosc.stderr, `scanconv: error: ${fixture('zarr_python', 'refused', 'blosc', 'w', '.zarray')}: compressor "blosc" (zstd, gzip, zlib or none are read)\n`);
  const order = srcCli(['check', fixture('zarr_python', 'refused', 'f_order')]);
  assert.equal(order.status, 2);
  assert.match(order.stdout + order.stderr, /f_order\/w\/\.zarray: order "F" \(only C order is read\)/);
});

test('absent chunks read as the fill value zarr-python stored: a big-endian float, a big-endian negative integer, complex64 [real, imaginary]', () => {
  const index = openCheckpoint(fixture('zarr_python', 'fill_values'));
  try {
    const hex = (name: string) => Buffer.from(readAll(index.tensors.get(name)!)).toString('hex');
    assert.equal(hex('f4_big_endian'), f32([7, 8, 9, 1.5, 1.5, 1.5]));
    const i16 = Buffer.alloc(12);
    [7, 8, 9, -3, -3, -3].forEach((v, i) => i16.writeInt16LE(v, 2 * i));
    assert.equal(hex('i2_big_endian'), i16.toString('hex'));
    assert.equal(hex('c8'), f32([7, 0, 8, 0, 9, 0, 2.5, -1, 2.5, -1, 2.5, -1]));
  } finally {
    index.close();
  }
});

test('every byte order python3-zarr writes reads as little-endian values, in this thread and in decode threads (complex64: each part swapped)', async () => {
  const k = range(7);
  const le = (size: number, put: (b: Buffer, v: number, at: number) => void, values: number[]) => {
    const b = Buffer.alloc(values.length * size);
    values.forEach((v, i) => put(b, v, i * size));
    return b.toString('hex');
  };
  const expected: Record<string, string> = {
    b1: Buffer.from(k.map((i) => (i % 3 === 0 ? 1 : 0))).toString('hex'),
    u4_big_endian: le(4, (b, v, at) => b.writeUInt32LE(v, at), k.map((i) => 200 + 37 * i)),
    i8_big_endian: le(8, (b, v, at) => b.writeBigInt64LE(BigInt(v), at), k.map((i) => 50 - 37 * i)),
    u8: le(8, (b, v, at) => b.writeBigUInt64LE(BigInt(v), at), k.map((i) => 200 + 37 * i)),
    f8_big_endian: le(8, (b, v, at) => b.writeDoubleLE(v, at), k.map((i) => i / 3 - 1)),
    c8_big_endian: f32(k.flatMap((i) => [i, 6 - i])),
  };
  const index = openCheckpoint(fixture('zarr_python', 'dtypes'));
  try {
    assert.deepEqual(Object.fromEntries([...index.tensors].map(([n, r]) => [n, Buffer.from(readAll(r)).toString('hex')])), expected);
    // The decode threads swap the chunks they decode themselves.
    const dir = tmpDir();
    const names = [...index.tensors.keys()];
    await writePlanned([{ path: path.join(dir, 'all.bin'), segments: names.map((n) => copyOf(index.tensors.get(n)!)) }], { decodeThreads: 2 });
    assert.equal(fs.readFileSync(path.join(dir, 'all.bin')).toString('hex'), names.map((n) => expected[n]).join(''));
  } finally {
    index.close();
  }
});
