/**
 * Orbax's codecs: nothing is instantiated by importing scanconv (a process that never opens an
 * Orbax checkpoint pays nothing for them), CRC-32C against the reference table, and which zstd
 * decodes (Node's own when it has one, WebAssembly otherwise), with every fault named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { crc32c } from '../src/format/orbax/crc32c.js';
import { pickZstd, stagingBuffer, useZstd, zstdDecode, zstdDecodeView, zstdName } from '../src/format/orbax/bytes.js';
import { OrbaxError } from '../src/format/orbax/errors.js';
import { crc32cRef } from './orbaxTestReader.js';
import { randomBytes, ROOT } from './helpers.js';
import { zstdRaw } from './orbaxWriter.js';

test('importing the library instantiates no Orbax codec; the first frame does', () => {
  const script = `
    const { wasmZstdLoaded } = await import('./src/format/orbax/wasmZstd.ts');
    await import('./src/index.ts');
    const before = wasmZstdLoaded();
    const { zstdDecode } = await import('./src/format/orbax/bytes.ts');
    const out = zstdDecode(Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, 0x03, 0x19, 0x00, 0x00, 0x61, 0x62, 0x63]), 3, true, 'x');
    process.stdout.write(JSON.stringify({ before, after: wasmZstdLoaded(), text: Buffer.from(out).toString() }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const seen = JSON.parse(r.stdout) as { before: boolean; after: boolean; text: string };
  assert.equal(seen.text, 'abc');
  assert.equal(seen.before, false, 'importing src/index.ts instantiated the zstd module');
  // On a Node with its own zstd the module is never needed.
  assert.equal(seen.after, zstdName() === 'wasm');
});

test('CRC-32C: the check value and the reference table over every length around the 8-byte stride', () => {
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
  for (const n of [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 4099]) {
    const b = randomBytes(n, n + 1);
    assert.equal(crc32c(b), crc32cRef(b), `length ${n}`);
    assert.equal(crc32c(b.subarray(0, n >> 1), b.subarray(n >> 1)), crc32cRef(b), `length ${n} in two parts`);
  }
});

test("zstd: Node's own when the running Node has it, WebAssembly otherwise", () => {
  assert.equal(pickZstd({}).name, 'wasm');
  assert.equal(zstdName(), typeof (zlib as { zstdDecompressSync?: unknown }).zstdDecompressSync === 'function' ? 'node' : 'wasm');
  const data = randomBytes(300_000, 7);
  const src = zstdRaw(data);
  // A stand-in for Node's zstd: it is called with the chunk's bound and its output is used.
  const calls: number[] = [];
  const fake = {
    zstdDecompressSync: (buf: Uint8Array, o: { maxOutputLength: number }) => {
      calls.push(o.maxOutputLength);
      return Buffer.from(pickZstd({}).decode(buf, o.maxOutputLength));
    },
  };
  assert.equal(pickZstd(fake).name, 'node');
  const restore = useZstd(fake);
  try {
    assert.ok(Buffer.from(zstdDecode(src, data.length, true, 'x')).equals(data));
    assert.deepEqual(calls, [data.length]);
  } finally {
    restore();
  }
  const restoreWasm = useZstd({});
  try {
    assert.equal(zstdName(), 'wasm');
    assert.ok(Buffer.from(zstdDecode(src, data.length, true, 'x')).equals(data));
  } finally {
    restoreWasm();
  }
});

test('WebAssembly zstd: faults named, output bounded, buffers reused', () => {
  const restore = useZstd({});
  const refused = (f: () => unknown, code: string, message: RegExp) =>
    assert.throws(f, (e: unknown) => e instanceof OrbaxError && e.code === code && message.test(e.message));
  try {
    const data = randomBytes(50_000, 3);
    const src = zstdRaw(data);
    refused(() => zstdDecode(src, data.length - 1, true, 'c/0'), 'DECODES_PAST_CHUNK', /^c\/0: zstd frame declares 50000 bytes, more than the 49999/);
    refused(() => zstdDecode(src, data.length + 8, true, 'c/0'), 'CHUNK_SIZE', /decodes to 50000 bytes, the chunk holds 50008$/);
    // A frame that does not declare its size (the header's single-segment flag off, no size field).
    const undeclared = Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x58, ...src.subarray(13)]);
    assert.ok(Buffer.from(zstdDecode(undeclared, data.length, true, 'c/0')).equals(data));
    refused(() => zstdDecode(undeclared, 1000, false, 'c/0'), 'DECODES_PAST_CHUNK', /decodes to more than the 1000 bytes/);
    // A copy (zstdRaw gives a Buffer, whose slice() would share its bytes).
    const corrupt = Uint8Array.from(src);
    corrupt[14] = 0xff;
    corrupt[15] = 0xff;
    // The fast build says only that a frame failed; the build that names zstd's errors says why,
    // also for a frame decoded in place whose view the output's growth detached.
    refused(() => zstdDecode(corrupt, data.length, true, 'c/1'), 'BAD_ZSTD', /^c\/1: zstd frame is corrupt \(wrong source size\)$/);
    const reserved = Uint8Array.from(src);
    reserved[13] |= 0x06; // the block's type: 3, reserved
    const stagedCorrupt = stagingBuffer(reserved.length, true);
    stagedCorrupt.set(reserved);
    refused(() => zstdDecodeView(stagedCorrupt, 96 << 20, false, 'c/1'), 'BAD_ZSTD', /^c\/1: zstd frame is corrupt \(corrupted data\)$/);
    refused(() => zstdDecode(Uint8Array.from([1, 2, 3, 4, 5, 6]), 10, false, 'c/2'), 'BAD_ZSTD', /is not a zstd frame$/);
    // A legal chunk (zarrMeta allows up to 2^31 - 1 bytes) too large for the decoder's memory is
    // refused as such, not as corrupt, and the decoder still works afterwards.
    refused(() => zstdDecode(undeclared, 2 ** 31 - 1, false, 'c/3'), 'UNSUPPORTED', /^c\/3: a chunk of 2147483647 bytes does not fit the WebAssembly zstd decoder's memory \(zstd: cannot allocate 2147483647 bytes of WebAssembly memory\); a Node with its own zstd \(22.15 or later\) decodes it$/);
    assert.ok(Buffer.from(zstdDecode(src, data.length, true, 'c/0')).equals(data));
    // The view is the decoder's own buffer: the same memory for the next chunk, the copy is not.
    const a = zstdDecodeView(src, data.length, true, 'x');
    const kept = zstdDecode(src, data.length, true, 'x');
    const b = zstdDecodeView(zstdRaw(randomBytes(50_000, 4)), data.length, true, 'x');
    assert.equal(a.buffer, b.buffer);
    assert.equal(a.byteOffset, b.byteOffset);
    assert.notEqual(kept.buffer, b.buffer);
    assert.ok(Buffer.from(kept).equals(data));
    // A chunk read into the decoder's own input buffer (stagingBuffer) decodes where it lies,
    // also when the output buffer must grow first (which detaches views of the memory).
    for (const capacity of [data.length, 96 << 20]) {
      const staged = stagingBuffer(src.length, true);
      staged.set(src);
      assert.ok(Buffer.from(zstdDecodeView(staged, capacity, false, 'x')).equals(data), `capacity ${capacity}`);
    }
    // Without zstd, or with Node's own zstd, it is a plain buffer outside the module's memory.
    assert.notEqual(stagingBuffer(src.length, false).buffer, stagingBuffer(src.length, true).buffer);
    assert.ok(Buffer.from(zstdDecode(src, data.length, true, 'x')).equals(data));
  } finally {
    restore();
  }
});
