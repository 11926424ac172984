/**
 * A small OCDBT + zarr v3 reader for the writer's tests, written from tensorstore's format
 * documentation and independent of src/'s encoders (its own CRC-32C table; zstd frames decoded
 * by the zstd library in WebAssembly). It checks every CRC and length it meets and fails loudly.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { loadZstd } from '../src/format/orbax/zstdCompress.js';

const zstd = createRequire(import.meta.url)('@bokuweb/zstd-wasm') as { decompress(b: Uint8Array): Uint8Array };
// The package's WebAssembly instance is shared with the writer and may be initialised once only
// (see zstdCompress.ts): its decoder is used here, through the writer's one initialisation.
export const loadTestReader = loadZstd;

const TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  return c >>> 0;
});

export function crc32cRef(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

class Cursor {
  at = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    assert.ok(this.at < this.b.byteLength, 'read past the end');
    return this.b[this.at++];
  }
  varint(): number {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const x = this.byte();
      v += (x & 0x7f) * scale;
      if (!(x & 0x80)) return v;
      scale *= 128;
    }
    throw new Error('varint too long');
  }
  raw(n: number): Uint8Array {
    assert.ok(this.at + n <= this.b.byteLength, 'read past the end');
    const out = this.b.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  u64(): bigint {
    const v = new DataView(this.b.buffer, this.b.byteOffset + this.at, 8).getBigUint64(0, true);
    this.at += 8;
    return v;
  }
}

export interface Envelope {
  compressed: boolean;
  body: Uint8Array;
}

export function unwrap(buf: Uint8Array, magic: number): Envelope {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  assert.equal(view.getUint32(0, false), magic, 'magic');
  assert.equal(Number(view.getBigUint64(4, true)), buf.byteLength, 'length field');
  assert.equal(view.getUint32(buf.byteLength - 4, true), crc32cRef(buf.subarray(0, buf.byteLength - 4)), 'CRC-32C');
  const c = new Cursor(buf.subarray(12, buf.byteLength - 4));
  assert.equal(c.varint(), 0, 'format version');
  const compression = c.varint();
  const rest = c.b.subarray(c.at);
  return { compressed: compression === 1, body: compression === 1 ? zstd.decompress(rest) : rest };
}

function fileTable(c: Cursor): string[] {
  const n = c.varint();
  const pre = [0, ...Array.from({ length: Math.max(0, n - 1) }, () => c.varint())];
  const suf = Array.from({ length: n }, () => c.varint());
  Array.from({ length: n }, () => c.varint());
  const out: string[] = [];
  let prev = '';
  for (let i = 0; i < n; i++) out.push((prev = prev.slice(0, pre[i]) + Buffer.from(c.raw(suf[i])).toString('utf8')));
  return out;
}

export interface Manifest {
  config: { uuid: string; maxInline: number; maxNode: number; arityLog2: number; compression: number; zstdLevel?: number };
  root: { generation: number; height: number; file: string; offset: number; length: number; numKeys: number; numTreeBytes: number; numIndirect: number; commitNs: bigint };
}

export function readManifest(dir: string): Manifest {
  const { body } = unwrap(fs.readFileSync(path.join(dir, 'manifest.ocdbt')), 0x0cdb3a2a);
  const c = new Cursor(body);
  const uuid = Buffer.from(c.raw(16)).toString('hex');
  assert.equal(c.byte(), 0, 'manifest_kind');
  const config: Manifest['config'] = { uuid, maxInline: c.varint(), maxNode: c.varint(), arityLog2: c.byte(), compression: c.varint() };
  if (config.compression === 1) config.zstdLevel = new DataView(c.raw(4).slice().buffer).getInt32(0, true);
  const files = fileTable(c);
  assert.equal(c.varint(), 1, 'one version');
  const root = { generation: c.varint(), height: c.byte(), file: files[c.varint()], offset: c.varint(), length: c.varint(), numKeys: c.varint(), numTreeBytes: c.varint(), numIndirect: c.varint(), commitNs: c.u64() };
  assert.equal(c.varint(), 0, 'no version tree nodes');
  assert.equal(c.at, body.byteLength, 'manifest fully read');
  return { config, root };
}

export type EntryRef = { inline: Uint8Array } | { file: string; offset: number; length: number };

/** Every key and value of the database, walking the B+tree from the root; nodes seen are counted by height. */
export function readDatabase(dir: string): { values: Map<string, Uint8Array>; nodesByHeight: Map<number, number> } {
  const { entries, nodesByHeight } = listEntries(dir);
  const values = new Map<string, Uint8Array>();
  for (const [key, e] of entries) values.set(key, 'inline' in e ? e.inline : readRange(dir, e.file, e.offset, e.length));
  return { values, nodesByHeight };
}

function readRange(dir: string, file: string, offset: number, length: number): Uint8Array {
  const fd = fs.openSync(path.join(dir, file), 'r');
  try {
    const b = Buffer.alloc(length);
    assert.equal(fs.readSync(fd, b, 0, length, offset), length, `${file} holds ${offset}+${length}`);
    return new Uint8Array(b);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every key with its inline value or its place in a data file (nothing out of line is read). */
export function listEntries(dir: string): { entries: Map<string, EntryRef>; nodesByHeight: Map<number, number> } {
  const { root } = readManifest(dir);
  const values = new Map<string, EntryRef>();
  const nodesByHeight = new Map<number, number>();
  const read = (file: string, offset: number, length: number) => readRange(dir, file, offset, length);
  const walk = (file: string, offset: number, length: number, height: number, prefix: string) => {
    const c = new Cursor(unwrap(read(file, offset, length), 0x0cdb20de).body);
    assert.equal(c.byte(), height, 'node height');
    nodesByHeight.set(height, (nodesByHeight.get(height) ?? 0) + 1);
    const files = fileTable(c);
    const n = c.varint();
    const pre = [0, ...Array.from({ length: n - 1 }, () => c.varint())];
    const suf = Array.from({ length: n }, () => c.varint());
    const scp = height > 0 ? Array.from({ length: n }, () => c.varint()) : [];
    const keys: string[] = [];
    let prev = '';
    for (let i = 0; i < n; i++) keys.push((prev = prev.slice(0, pre[i]) + Buffer.from(c.raw(suf[i])).toString('latin1')));
    if (height === 0) {
      const lens = keys.map(() => c.varint());
      const kinds = keys.map(() => c.byte());
      const ind = kinds.flatMap((k, i) => (k === 1 ? [i] : []));
      const fids = ind.map(() => c.varint());
      const offs = ind.map(() => c.varint());
      ind.forEach((i, j) => values.set(prefix + keys[i], { file: files[fids[j]], offset: offs[j], length: lens[i] }));
      kinds.forEach((k, i) => k === 0 && values.set(prefix + keys[i], { inline: c.raw(lens[i]).slice() }));
    } else {
      const fids = keys.map(() => c.varint());
      const offs = keys.map(() => c.varint());
      const lens = keys.map(() => c.varint());
      for (let s = 0; s < 3; s++) keys.forEach(() => c.varint());
      keys.forEach((k, i) => walk(files[fids[i]], offs[i], lens[i], height - 1, prefix + k.slice(0, scp[i])));
    }
    assert.equal(c.at, c.b.byteLength, 'node fully read');
  };
  walk(root.file, root.offset, root.length, root.height, '');
  return { entries: values, nodesByHeight };
}

export interface ZarrArray {
  json: { shape: number[]; data_type: string; fill_value?: unknown; codecs: unknown[] };
  dtype: string;
  shape: number[];
  bytes: Uint8Array;
}

/** A zarr v3 array written with one shard split along axis 0 (what the writer produces). */
export function readArray(values: ReadonlyMap<string, Uint8Array>, name: string): ZarrArray {
  type Sharding = { name: string; configuration: { chunk_shape: number[]; codecs: { name: string }[] } };
  const json = JSON.parse(Buffer.from(values.get(`${name}/zarr.json`)!).toString('utf8')) as { shape: number[]; data_type: string; codecs: Sharding[] };
  const shape = json.shape;
  const sharding = json.codecs[0];
  assert.equal(sharding.name, 'sharding_indexed');
  const inner = sharding.configuration.chunk_shape;
  const zstdCodec = sharding.configuration.codecs.some((c) => c.name === 'zstd');
  const shard = values.get(`${name}/c${'/0'.repeat(shape.length)}`);
  if (!shard) return { json, dtype: json.data_type, shape, bytes: new Uint8Array(0) };
  const count = shape.length ? shape[0] / inner[0] : 1;
  const index = shard.subarray(shard.byteLength - count * 16 - 4);
  const view = new DataView(index.buffer, index.byteOffset, index.byteLength);
  assert.equal(view.getUint32(count * 16, true), crc32cRef(index.subarray(0, count * 16)), 'shard index CRC-32C');
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const off = Number(view.getBigUint64(i * 16, true));
    const len = Number(view.getBigUint64(i * 16 + 8, true));
    const raw = shard.subarray(off, off + len);
    parts.push(zstdCodec ? zstd.decompress(raw) : raw);
  }
  return { json, dtype: json.data_type, shape, bytes: new Uint8Array(Buffer.concat(parts)) };
}
