/**
 * Hostile Orbax/OCDBT/zarr input: each shape exits 2 with one line naming the rule broken, in
 * bounded memory and time, and convert writes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { checkFile } from '../src/check.js';
import { cli, listDir, srcCli, tmpDir } from './helpers.js';
import { frame, interiorBody, leafBody, metadataJson, writeFiles, writeOcdbt, writeRawTree, zarrV2, zarrV3, zstdRaw, type ArrayData } from './orbaxWriter.js';
import { crc32c } from '../src/format/orbax/bytes.js';
import { listDir as listEntriesCapped } from '../src/format/orbax/tree.js';
import { OrbaxError } from '../src/format/orbax/errors.js';

const ARRAY: ArrayData = { dtype: 'F32', shape: [4, 3], bytes: new Uint8Array(48).map((_, i) => i) };
const zarray = (over: Record<string, unknown> = {}) => Buffer.from(JSON.stringify({ chunks: [4, 3], compressor: null, dtype: '<f4', fill_value: null, filters: null, order: 'C', shape: [4, 3], zarr_format: 2, ...over }));

/** checkFile's verdict on a checkpoint directory made by `make`: code 2, its error code, one line. */
function verdict(make: (dir: string) => void): { code: number; error?: string; message: string } {
  const dir = tmpDir();
  make(dir);
  const r = checkFile(dir);
  assert.ok(!r.message.includes('\n'), r.message);
  return { code: r.code, error: r.error, message: r.message };
}

function expectRefused(make: (dir: string) => void, error: string, message: RegExp): void {
  const started = performance.now();
  const r = verdict(make);
  assert.equal(r.code, 2, r.message);
  assert.equal(r.error, error, r.message);
  assert.match(r.message, message);
  assert.ok(performance.now() - started < 10_000, 'bounded time');
}

const ocdbt = (dir: string, kv: Map<string, Uint8Array>, zstd = false) => writeOcdbt(dir, kv, { zstd, maxInline: 16, fanout: 2 });

test('a wrong CRC-32C in a B+tree node', () => {
  expectRefused((dir) => {
    ocdbt(dir, zarrV2('x', ARRAY, [2, 3], null));
    const nodes = path.join(dir, 'd', 'nodes');
    const b = fs.readFileSync(nodes);
    b[20] ^= 0x01;
    fs.writeFileSync(nodes, b);
  }, 'BAD_CRC', /d\/nodes@\d+\+\d+: CRC-32C is 0x[0-9a-f]{8}, the file says 0x[0-9a-f]{8}$/);
});

test('a truncated node (the data file ends inside it) and a node body cut short', () => {
  expectRefused((dir) => {
    ocdbt(dir, zarrV2('x', ARRAY, [2, 3], null));
    const nodes = path.join(dir, 'd', 'nodes');
    fs.truncateSync(nodes, fs.statSync(nodes).size - 10);
  }, 'OUT_OF_FILE', /are outside d\/nodes/);
  expectRefused((dir) => writeRawTree(dir, [leafBody([['a/.zarray', zarray()]]).subarray(0, 20)], 0), 'TRUNCATED', /ends at byte \d+ while reading/);
});

test('an over-long varint', () => {
  expectRefused((dir) => writeRawTree(dir, [Uint8Array.from([0, 1, ...new Array<number>(12).fill(0x80), 1])], 0), 'BAD_VARINT', /is longer than 10 bytes$/);
});

test('a B+tree that loops (a node its own child) or nests without end', () => {
  expectRefused((dir) => {
    // The root (height 1) names itself as its child: the child's height is 1, not 0.
    const probe = interiorBody(1, 'a', { offset: 0, length: 0 });
    const len = frame(0x0cdb20de, probe, false).length;
    writeRawTree(dir, [interiorBody(1, 'a', { offset: 0, length: len })], 1);
  }, 'BAD_TREE', /node has height 1 where its parent says 0$/);
  expectRefused((dir) => writeRawTree(dir, [interiorBody(200, 'a', { offset: 0, length: 10 })], 200), 'TOO_DEEP', /B\+tree height 200 is over the limit of 32$/);
});

test('a value outside its data file, and ".." in a data file name', () => {
  expectRefused((dir) => writeRawTree(dir, [leafBody([['a/.zarray', new Uint8Array(0)]], ['d/values'], { offset: 100, length: 50 })], 0, new Uint8Array(10)), 'OUT_OF_FILE', /bytes 100\.\.150 are outside d\/values \(10 bytes\)$/);
  expectRefused((dir) => writeRawTree(dir, [leafBody([['a/.zarray', new Uint8Array(0)]], ['../../etc/passwd'], { offset: 0, length: 4 })], 0), 'BAD_PATH', /file name "\.\.\/\.\.\/etc\/passwd" is not a plain relative path inside the checkpoint$/);
});

test('a zstd frame that decodes past its chunk, declared or not', () => {
  expectRefused((dir) => {
    const kv = zarrV2('x', ARRAY, [4, 3], 'zstd');
    // 1000 bytes: a stored chunk within the length any encoding of 48 bytes may have (1072), so the decoder is what stops it.
    kv.set('x/0.0', zstdRaw(new Uint8Array(1000)));
    ocdbt(dir, kv);
  }, 'DECODES_PAST_CHUNK', /zstd frame declares 1000 bytes, more than the 48 it may hold$/);
  expectRefused((dir) => {
    const kv = zarrV2('x', ARRAY, [4, 3], 'zstd');
    const lying = Buffer.from(zstdRaw(new Uint8Array(1000)));
    lying[5] = 48; // declares 48 bytes, holds a 1000-byte raw block
    lying.fill(0, 6, 13);
    kv.set('x/0.0', lying);
    ocdbt(dir, kv);
  }, 'DECODES_PAST_CHUNK', /zstd frame decodes to more than the 48 bytes it may hold$/);
});

test('a chunk of the wrong size, and a shape whose product overflows', () => {
  expectRefused((dir) => {
    const kv = zarrV2('x', ARRAY, [4, 3], null);
    kv.set('x/0.0', new Uint8Array(47));
    writeFiles(dir, kv);
    fs.writeFileSync(path.join(dir, '_METADATA'), JSON.stringify({ tree_metadata: { "('x',)": { key_metadata: [{ key: 'x', key_type: 2 }], value_metadata: { value_type: 'jax.Array' } } } }));
  }, 'CHUNK_SIZE', /chunk holds 47 bytes, its shape needs 48$/);
  expectRefused((dir) => ocdbt(dir, new Map([['x/.zarray', zarray({ shape: [2 ** 40, 2 ** 40], chunks: [1, 1] })]])), 'BAD_SHAPE', /shape \[1099511627776, 1099511627776\] holds more bytes than 2\^53$/);
});

test('a fill value that is no number: one short line, however long the list (complex64 takes [real, imaginary] only)', () => {
  const long = Array.from({ length: 100_000 }, () => 1);
  expectRefused((dir) => ocdbt(dir, new Map([['x/.zarray', zarray({ dtype: '<c8', fill_value: long })]])), 'BAD_METADATA', /fill_value \[(1,){29}1 is not \[real, imaginary\]$/);
  expectRefused((dir) => ocdbt(dir, new Map([['x/.zarray', zarray({ dtype: '<c8', fill_value: [1, 'x'] })]])), 'BAD_METADATA', /fill_value \[1,"x"\] is not a number$/);
  expectRefused((dir) => ocdbt(dir, new Map([['x/.zarray', zarray({ fill_value: [0, 0] })]])), 'BAD_METADATA', /fill_value \[0,0\] is not a number$/);
});

test('a million keys in one node: refused before any is built', () => {
  expectRefused((dir) => {
    const body = Buffer.alloc(3_200_000);
    body[0] = 0; // height 0
    body[1] = 0; // no data files
    body.set([0xc0, 0x84, 0x3d], 2); // 1,000,000 entries
    writeRawTree(dir, [body], 0);
  }, 'TOO_MANY_KEYS', /the database holds more than 500000 keys, more than any real checkpoint$/);
});

test('a directory of more entries than the limit (500,000 in use; 100 here, as 500,000 files take a minute to make) and a _METADATA of over 500,000 leaves: refused after one bounded listing', () => {
  const dir = tmpDir();
  for (let i = 0; i < 100; i++) fs.writeFileSync(path.join(dir, `e${String(i).padStart(3, '0')}`), '');
  assert.deepEqual(listEntriesCapped(dir, 100), Array.from({ length: 100 }, (_, i) => `e${String(i).padStart(3, '0')}`));
  fs.writeFileSync(path.join(dir, 'e100'), '');
  assert.throws(() => listEntriesCapped(dir, 100), (e: unknown) => e instanceof OrbaxError && e.code === 'TOO_MANY_KEYS' && e.message === `${dir}: holds more than 100 entries, more than any real checkpoint`);
  assert.deepEqual(listEntriesCapped(path.join(dir, 'absent')), []);

  const names = Array.from({ length: 500_001 }, (_, i) => `layers_${i}.w`);
  expectRefused((d) => {
    writeFiles(d, zarrV2('layers_0.w', ARRAY, [2, 3], null));
    fs.writeFileSync(path.join(d, '_METADATA'), metadataJson(names));
  }, 'TOO_MANY_KEYS', /_METADATA: lists 500001 leaves, more than the 500000 of any real checkpoint$/);
});

test('CLI: a damaged checkpoint exits 2 with one line and convert writes nothing', () => {
  const dir = tmpDir();
  const ckpt = path.join(dir, 'ckpt');
  ocdbt(ckpt, zarrV2('layers_0.w', ARRAY, [2, 3], null));
  const nodes = path.join(ckpt, 'd', 'nodes');
  const b = fs.readFileSync(nodes);
  b[b.length - 1] ^= 0xff;
  fs.writeFileSync(nodes, b);
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  const r = cli(['convert', ckpt, '-o', path.join(out, 'x.safetensors')]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^scanconv: error: \/\S+\/ckpt\/d\/nodes@\d+\+\d+: CRC-32C is 0x[0-9a-f]{8}, the file says 0x[0-9a-f]{8}$/m);
  assert.deepEqual(listDir(out), []);
});

/** A sparse file of `size` bytes ending in `tail`: a stored chunk that claims gigabytes and costs no disk. */
function sparseWithTail(file: string, size: number, tail: Uint8Array = new Uint8Array(0)): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  fs.truncateSync(file, size);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, tail, 0, tail.length, size - tail.length);
  } finally {
    fs.closeSync(fd);
  }
}

const HUGE = 1.5 * 2 ** 30;

test('a stored chunk longer than any encoding of its chunk (a 1.5 GiB chunk file, a shard index claiming 1.5 GiB), and zarr metadata of 1.5 GiB, are refused before a buffer of that length is allocated', () => {
  const before = process.resourceUsage().maxRSS;
  // zarr v2, no OCDBT: the chunk file's own length.
  expectRefused((dir) => {
    writeFiles(dir, zarrV2('x', ARRAY, [4, 3], 'zstd'));
    fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson(['x']));
    sparseWithTail(path.join(dir, 'x', '0.0'), HUGE);
  }, 'CHUNK_SIZE', /x\/0\.0: stored chunk of 1610612736 bytes is longer than any encoding of its 48 bytes \(at most 1072\)$/);
  // zarr v3 sharded: the length the (CRC-correct) shard index claims for inner chunk 0.
  expectRefused((dir) => {
    writeFiles(dir, zarrV3('x', ARRAY, [4, 3], [4, 3]));
    fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson(['x']));
    const index = Buffer.alloc(16);
    index.writeBigUInt64LE(0n, 0);
    index.writeBigUInt64LE(BigInt(HUGE), 8);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32c(index));
    sparseWithTail(path.join(dir, 'x', 'c', '0', '0'), HUGE + 20, Buffer.concat([index, crc]));
  }, 'CHUNK_SIZE', /x\/c\/0\/0, inner chunk 0: stored chunk of 1610612736 bytes is longer than any encoding of its 48 bytes \(at most 1072\)$/);
  // zarr metadata of 1.5 GiB (its value's length).
  expectRefused((dir) => {
    writeFiles(dir, zarrV2('x', ARRAY, [4, 3], 'zstd'));
    fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson(['x']));
    sparseWithTail(path.join(dir, 'x', '.zarray'), HUGE);
  }, 'BAD_METADATA', /x\/\.zarray: zarr metadata of 1610612736 bytes is over the limit of 16777216 \(16 MiB\)$/);
  // maxRSS is in KiB: no buffer near the claimed length was allocated and filled.
  assert.ok(process.resourceUsage().maxRSS - before < 256 * 1024, `peak RSS grew by ${process.resourceUsage().maxRSS - before} KiB`);
});

test('CLI: a chunk file of 1.5 GiB exits 2 with one line naming it, and convert writes nothing', () => {
  const dir = tmpDir();
  const ckpt = path.join(dir, 'ckpt');
  const names = ['params.layer_0.w', 'params.layer_1.w'];
  for (const name of names) writeFiles(ckpt, zarrV2(name, ARRAY, [4, 3], 'zstd'));
  fs.writeFileSync(path.join(ckpt, '_METADATA'), metadataJson(names));
  sparseWithTail(path.join(ckpt, names[1], '0.0'), HUGE);
  const out = path.join(dir, 'out');
  fs.mkdirSync(out);
  const r = srcCli(['convert', ckpt, '-o', path.join(out, 'x.safetensors')]);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr, `scanconv: error: ${path.join(ckpt, names[1], '0.0')}: stored chunk of 1610612736 bytes is longer than any encoding of its 48 bytes (at most 1072)\n`);
  assert.deepEqual(listDir(out), []);
});
