import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openSafetensors, SafetensorsError, encodeHeader } from '../src/format/safetensors.js';
import { readAll } from '../src/format/types.js';
import { cli, fixture, tmpDir, writeSynthetic } from './helpers.js';

/** Build a raw safetensors file from a header object and a data section. */
function rawFile(dir: string, header: unknown, data: Uint8Array, headerLenOverride?: bigint): string {
  const text = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(headerLenOverride ?? BigInt(text.length));
  const file = path.join(dir, `f${Math.random().toString(36).slice(2)}.safetensors`);
  fs.writeFileSync(file, Buffer.concat([len, text, data]));
  return file;
}

function expectError(file: string, code: string, message: string): void {
  assert.throws(
    () => openSafetensors(file),
    (e: unknown) => {
      assert.ok(e instanceof SafetensorsError, `expected SafetensorsError, got ${String(e)}`);
      assert.equal(e.code, code);
      assert.equal(e.message, message.replace('FILE', file));
      return true;
    },
  );
}

test('reads the Flax fixture lazily with correct dtypes, shapes and values', () => {
  const idx = openSafetensors(fixture('block_tiny', 'pyloop.safetensors'));
  assert.equal(idx.tensors.size, 144);
  assert.deepEqual(idx.metadata, { format: 'flax' });
  const ref = idx.tensors.get('params.layer_0.self_attention.query.kernel')!;
  assert.equal(ref.dtype, 'F32');
  assert.deepEqual(ref.shape, [32, 4, 8]);
  // Header order is the file's lexicographic order: layer_10 before layer_2.
  const names = [...idx.tensors.keys()];
  assert.ok(names.indexOf('params.layer_10.Dense_0.bias') < names.indexOf('params.layer_2.Dense_0.bias'));
  // A sub-range read equals the same bytes of a whole read.
  const whole = readAll(ref);
  const part = new Uint8Array(16);
  ref.readInto(part, 0, 100, 16);
  assert.deepEqual(part, whole.subarray(100, 116));
  idx.close();
});

test('header is padded with spaces to a multiple of 8', () => {
  const h = encodeHeader([], { a: 'b' });
  assert.equal((h.byteLength - 8) % 8, 0);
  assert.match(Buffer.from(h.subarray(8)).toString(), /^\{"__metadata__":\{"a":"b"\}\} *$/);
});

const f32 = (n: number) => new Uint8Array(n * 4);
const ok = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };

test('rejects each malformed file with its own error naming file and tensor', () => {
  const dir = tmpDir();
  // Truncated: fewer than 8 bytes.
  const tiny = path.join(dir, 'tiny.safetensors');
  fs.writeFileSync(tiny, Buffer.from([1, 2, 3]));
  expectError(tiny, 'HEADER_TOO_SMALL', 'FILE: file is 3 bytes, too small for the 8-byte header length');
  expectError(rawFile(dir, { t: ok }, f32(2), 10_000n), 'HEADER_PAST_EOF', `FILE: header length 10000 runs past the end of the file (${8 + JSON.stringify({ t: ok }).length + 8} bytes)`);
  expectError(rawFile(dir, { t: ok }, f32(2), 200_000_000n), 'HEADER_TOO_LARGE', 'FILE: header length 200000000 exceeds the limit of 100000000 bytes');
  expectError(rawFile(dir, '{"t": nope}', f32(2)), 'HEADER_NOT_JSON', 'FILE: header is not valid JSON (expected a value, found "nope}" at position 6)');
  expectError(rawFile(dir, '[1,2]   ', f32(0)), 'HEADER_START', 'FILE: header does not start with \'{\' (got "[1,2]   ")');
  expectError(
    rawFile(dir, { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, f32(3)),
    'OFFSETS_OVERLAP',
    'FILE: tensor "b": data_offsets [4, 12] overlap the previous tensor, which ends at 8',
  );
  expectError(
    rawFile(dir, { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [12, 16] } }, f32(4)),
    'OFFSETS_HOLE',
    'FILE: tensor "b": data_offsets [12, 16] leave a hole: the previous tensor ends at 8',
  );
  expectError(rawFile(dir, { t: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, f32(2)), 'TENSOR_SIZE_MISMATCH', 'FILE: tensor "t": shape [3] of F32 needs 12 bytes but data_offsets span 8');
  expectError(rawFile(dir, { t: { dtype: 'F33', shape: [2], data_offsets: [0, 8] } }, f32(2)), 'UNKNOWN_DTYPE', 'FILE: tensor "t": unknown dtype "F33"');
  expectError(rawFile(dir, { t: ok }, f32(1)), 'FILE_LENGTH_MISMATCH', 'FILE: tensors end at byte 8 of the data section but it is 4 bytes (truncated or trailing bytes)');
  expectError(rawFile(dir, { t: ok }, f32(3)), 'FILE_LENGTH_MISMATCH', 'FILE: tensors end at byte 8 of the data section but it is 12 bytes (truncated or trailing bytes)');
  expectError(rawFile(dir, '{"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', f32(2)), 'DUPLICATE_TENSOR', 'FILE: tensor "t": appears more than once in the header');
  expectError(rawFile(dir, { __metadata__: { a: 1 }, t: ok }, f32(2)), 'METADATA_NOT_STRINGS', 'FILE: __metadata__ value for "a" is not a string: 1');
  expectError(rawFile(dir, { t: { dtype: 'F32', shape: [-2], data_offsets: [0, 8] } }, f32(2)), 'INVALID_SHAPE', 'FILE: tensor "t": shape [-2] is not a list of non-negative integers');
  const bad = rawFile(dir, { t: ok }, f32(2));
  const bytes = fs.readFileSync(bad);
  bytes[9] = 0xff; // inside the header text
  fs.writeFileSync(bad, bytes);
  expectError(bad, 'HEADER_NOT_UTF8', 'FILE: header is not valid UTF-8');
});

test('converting any of those malformed files fails with exit 2 and writes nothing', () => {
  const dir = tmpDir();
  const inputs = [
    rawFile(dir, { t: ok }, f32(2), 10_000n),
    rawFile(dir, '{"t": nope}', f32(2)),
    rawFile(dir, { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] } }, f32(3)),
    rawFile(dir, { t: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, f32(2)),
    rawFile(dir, { t: { dtype: 'F33', shape: [2], data_offsets: [0, 8] } }, f32(2)),
    rawFile(dir, { t: ok }, f32(1)),
  ];
  const before = fs.readdirSync(dir).sort();
  for (const input of inputs) {
    const r = cli(['convert', input, '-o', path.join(dir, 'out.safetensors')]);
    assert.equal(r.status, 2, input);
    assert.match(r.stderr, /^scanconv: error: .+\n$/);
    assert.equal(r.stderr.split('\n').length, 2, 'one line');
  }
  assert.deepEqual(fs.readdirSync(dir).sort(), before);
});

test('a truncated copy of a real checkpoint is rejected, not half read', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'cut.safetensors');
  const bytes = fs.readFileSync(fixture('block_tiny', 'pyloop.safetensors'));
  fs.writeFileSync(file, bytes.subarray(0, bytes.length - 100));
  assert.throws(() => openSafetensors(file), { code: 'FILE_LENGTH_MISMATCH' });
});

test('writer round trip keeps every dtype, shape, byte and the metadata', async () => {
  const dir = tmpDir();
  const file = path.join(dir, 'all.safetensors');
  const specs = {
    bf: { dtype: 'BF16' as const, shape: [3, 5] },
    h: { dtype: 'F16' as const, shape: [7] },
    d: { dtype: 'F64' as const, shape: [2, 2] },
    i: { dtype: 'I64' as const, shape: [] },
    e: { dtype: 'F32' as const, shape: [0, 4] },
    b: { dtype: 'BOOL' as const, shape: [9] },
    f8: { dtype: 'F8_E4M3' as const, shape: [3] },
  };
  await writeSynthetic(file, specs, { k: 'v' });
  const idx = openSafetensors(file);
  assert.deepEqual(idx.metadata, { k: 'v' });
  for (const [name, s] of Object.entries(specs)) {
    const ref = idx.tensors.get(name)!;
    assert.equal(ref.dtype, s.dtype);
    assert.deepEqual(ref.shape, s.shape);
  }
  idx.close();
  assert.deepEqual(fs.readdirSync(dir), ['all.safetensors']);
});
