/**
 * A test-only writer of Orbax-shaped checkpoints, written from tensorstore's OCDBT and zarr
 * format documentation: OCDBT databases (B+trees of any height, inline and out-of-line values,
 * zstd or uncompressed nodes) and zarr v2/v3 arrays (several chunks, sharding_indexed with a
 * CRC-32C'd index). Its zstd frames use raw blocks (valid zstd any decoder reads; no encoder
 * needed). Only for tests: it builds everything in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { crc32c } from '../src/format/orbax/bytes.js';
import { dtypeSize, numel, type DType } from '../src/format/dtype.js';

export function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

const u64le = (n: number) => [...Buffer.from(new BigUint64Array([BigInt(n)]).buffer)];
const concat = (parts: (Uint8Array | number[])[]) => Buffer.concat(parts.map((p) => Buffer.from(p instanceof Uint8Array ? p : Uint8Array.from(p))));

/** A zstd frame of raw blocks, declaring its content size. */
export function zstdRaw(data: Uint8Array): Uint8Array {
  const parts: (Uint8Array | number[])[] = [[0x28, 0xb5, 0x2f, 0xfd, 0xe0], u64le(data.length)];
  const BLOCK = 1 << 17;
  let off = 0;
  do {
    const n = Math.min(BLOCK, data.length - off);
    const last = off + n >= data.length ? 1 : 0;
    const h = last | (n << 3);
    parts.push([h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], data.subarray(off, off + n));
    off += n;
  } while (off < data.length);
  return concat(parts);
}

/** magic, length, version 0, compression, body, CRC-32C: how OCDBT frames manifests and nodes. */
export function frame(magic: number, body: Uint8Array, zstd: boolean): Uint8Array {
  const payload = concat([varint(0), varint(zstd ? 1 : 0), zstd ? zstdRaw(body) : body]);
  const length = 12 + payload.length + 4;
  const head = concat([[(magic >>> 24) & 0xff, (magic >>> 16) & 0xff, (magic >>> 8) & 0xff, magic & 0xff], u64le(length), payload]);
  const crc = crc32c(head);
  return concat([head, [crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, (crc >>> 24) & 0xff]]);
}

function fileTable(paths: string[]): number[] {
  const out = varint(paths.length);
  for (let i = 1; i < paths.length; i++) out.push(...varint(0));
  for (const p of paths) out.push(...varint(Buffer.byteLength(p)));
  for (let i = 0; i < paths.length; i++) out.push(...varint(0));
  for (const p of paths) out.push(...Buffer.from(p));
  return out;
}

const shared = (a: Buffer, b: Buffer) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

export interface OcdbtOptions {
  /** Values longer than this go out of line into `d/values`. */
  maxInline?: number;
  /** Entries per node (a small fan-out makes a deep tree). */
  fanout?: number;
  zstd?: boolean;
}

/** Write an OCDBT database holding `entries` into `dir` (manifest.ocdbt, d/nodes, d/values). */
export function writeOcdbt(dir: string, entries: Map<string, Uint8Array>, options: OcdbtOptions = {}): void {
  const { maxInline = 64, fanout = 1000, zstd = true } = options;
  const items = [...entries].map(([k, v]) => ({ key: Buffer.from(k), value: v })).sort((a, b) => Buffer.compare(a.key, b.key));
  const nodes: Uint8Array[] = [];
  let nodesLen = 0;
  const values: Uint8Array[] = [];
  let valuesLen = 0;
  const putNode = (body: Uint8Array) => {
    const f = frame(0x0cdb20de, body, zstd);
    nodes.push(f);
    nodesLen += f.length;
    return { offset: nodesLen - f.length, length: f.length };
  };
  let height = 0;
  while (fanout ** (height + 1) < items.length) height++;
  const keyColumns = (keys: Buffer[]) => {
    const out: number[] = varint(keys.length);
    for (let i = 1; i < keys.length; i++) out.push(...varint(shared(keys[i - 1], keys[i])));
    const pre = keys.map((k, i) => (i === 0 ? 0 : shared(keys[i - 1], k)));
    for (let i = 0; i < keys.length; i++) out.push(...varint(keys[i].length - pre[i]));
    return { head: out, suffixes: keys.map((k, i) => k.subarray(pre[i])) };
  };
  const subtree = (group: typeof items, prefixLen: number, h: number): { offset: number; length: number } => {
    const keys = group.map((it) => it.key.subarray(prefixLen));
    const { head, suffixes } = keyColumns(keys);
    if (h === 0) {
      const lens = group.map((it) => varint(it.value.length)).flat();
      const kinds = group.map((it) => (it.value.length > maxInline ? 1 : 0));
      const ids: number[] = [];
      const offs: number[] = [];
      const inline: Uint8Array[] = [];
      for (const it of group) {
        if (it.value.length > maxInline) {
          ids.push(...varint(0));
          offs.push(...varint(valuesLen));
          values.push(it.value);
          valuesLen += it.value.length;
        } else inline.push(it.value);
      }
      return putNode(concat([[0], fileTable(['d/values']), head, ...suffixes, lens, kinds, ids, offs, ...inline]));
    }
    const span = fanout ** h;
    const children: { key: Buffer; common: number; ref: { offset: number; length: number }; n: number }[] = [];
    for (let i = 0; i < group.length; i += span) {
      const part = group.slice(i, i + span);
      let cp = part[0].key.length;
      for (const it of part) cp = Math.min(cp, shared(part[0].key, it.key));
      cp = Math.max(cp, prefixLen);
      children.push({ key: part[0].key.subarray(prefixLen), common: cp - prefixLen, ref: subtree(part, cp, h - 1), n: part.length });
    }
    const cols = keyColumns(children.map((c) => c.key));
    const body = concat([
      [h], fileTable(['d/nodes']), cols.head, children.flatMap((c) => varint(c.common)), ...cols.suffixes,
      children.flatMap(() => varint(0)), children.flatMap((c) => varint(c.ref.offset)), children.flatMap((c) => varint(c.ref.length)),
      children.flatMap((c) => varint(c.n)), children.flatMap((c) => varint(c.ref.length)), children.flatMap(() => varint(0)),
    ]);
    return putNode(body);
  };
  const root = items.length ? subtree(items, 0, height) : { offset: 0, length: 0 };
  fs.mkdirSync(path.join(dir, 'd'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'd', 'nodes'), concat(nodes));
  fs.writeFileSync(path.join(dir, 'd', 'values'), concat(values));
  writeManifest(dir, { ...root, height, keys: items.length }, { zstd, maxInline });
}

/** A manifest whose one version's root is the node at `root` of `d/nodes`. */
export function writeManifest(dir: string, root: { offset: number; length: number; height: number; keys: number }, options: { zstd?: boolean; maxInline?: number } = {}): void {
  const { zstd = false, maxInline = 64 } = options;
  const config = [...new Uint8Array(16), 0, ...varint(maxInline), ...varint(100_000_000), 4, ...varint(zstd ? 1 : 0), ...(zstd ? [0, 0, 0, 0] : [])];
  const version = [1, ...varint(1), root.height, ...varint(0), ...varint(root.offset), ...varint(root.length), ...varint(root.keys), ...varint(0), ...varint(0), ...u64le(0), ...varint(0)];
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.ocdbt'), frame(0x0cdb3a2a, concat([config, fileTable(['d/nodes']), version]), zstd));
}

/** A database of hand-made node bodies (framed, CRC'd) in `d/nodes`, the first one the root. */
export function writeRawTree(dir: string, bodies: Uint8Array[], height: number, values?: Uint8Array): { offsets: number[] } {
  const frames = bodies.map((b) => frame(0x0cdb20de, b, false));
  const offsets: number[] = [];
  let off = 0;
  for (const f of frames) {
    offsets.push(off);
    off += f.length;
  }
  fs.mkdirSync(path.join(dir, 'd'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'd', 'nodes'), concat(frames));
  fs.writeFileSync(path.join(dir, 'd', 'values'), values ?? new Uint8Array(0));
  writeManifest(dir, { offset: 0, length: frames[0].length, height, keys: 1 });
  return { offsets };
}

/** A leaf node body: `entries` inline values, with `files` as its data-file table. */
export function leafBody(entries: [string, Uint8Array][], files: string[] = ['d/values'], indirect?: { offset: number; length: number }): Uint8Array {
  const keys = entries.map(([k]) => Buffer.from(k));
  const head = [...varint(keys.length), ...keys.slice(1).map(() => 0), ...keys.flatMap((k) => varint(k.length))];
  if (indirect) return concat([[0], fileTable(files), head, ...keys, varint(indirect.length), [1], varint(0), varint(indirect.offset)]);
  return concat([[0], fileTable(files), head, ...keys, entries.flatMap(([, v]) => varint(v.length)), entries.map(() => 0), ...entries.map(([, v]) => v)]);
}

/** An interior node body of height `h` with one child at `child` of `d/nodes`. */
export function interiorBody(h: number, key: string, child: { offset: number; length: number }): Uint8Array {
  const k = Buffer.from(key);
  return concat([[h], fileTable(['d/nodes']), varint(1), varint(k.length), [0], k, [0], varint(child.offset), varint(child.length), [1], varint(child.length), [0]]);
}

export interface ArrayData {
  dtype: DType;
  shape: number[];
  bytes: Uint8Array;
}

/** The chunk at grid position `g` (full chunk shape, zero past the array's edge), C order. */
function chunkBytes(a: ArrayData, chunks: number[], g: number[]): Uint8Array {
  const item = dtypeSize(a.dtype);
  const out = new Uint8Array(numel(chunks) * item);
  const n = numel(chunks);
  for (let e = 0; e < n; e++) {
    let rest = e;
    let src = 0;
    let inside = true;
    const idx = chunks.map(() => 0);
    for (let d = chunks.length - 1; d >= 0; d--) {
      idx[d] = (rest % chunks[d]) + g[d] * chunks[d];
      rest = Math.floor(rest / chunks[d]);
    }
    for (let d = 0; d < chunks.length; d++) {
      if (idx[d] >= a.shape[d]) inside = false;
      src = src * a.shape[d] + idx[d];
    }
    if (inside) out.set(a.bytes.subarray(src * item, src * item + item), e * item);
  }
  return out;
}

function* gridOf(shape: number[], chunks: number[]): Generator<number[]> {
  const counts = shape.map((d, i) => Math.ceil(d / chunks[i]));
  if (counts.some((c) => c === 0)) return;
  const idx = counts.map(() => 0);
  for (;;) {
    yield idx.slice();
    let d = idx.length - 1;
    while (d >= 0 && ++idx[d] === counts[d]) idx[d--] = 0;
    if (d < 0) return;
  }
}

const ZARR_V2_DTYPE: Partial<Record<DType, string>> = { F32: '<f4', F64: '<f8', F16: '<f2', BF16: 'bfloat16', I32: '<i4', I64: '<i8', U8: '|u1', BOOL: '|b1' };
const ZARR_V3_DTYPE: Partial<Record<DType, string>> = { F32: 'float32', F64: 'float64', F16: 'float16', BF16: 'bfloat16', I32: 'int32', I64: 'int64', U8: 'uint8', BOOL: 'bool' };

export type Compressor = 'zstd' | 'gzip' | null;

function compress(data: Uint8Array, c: Compressor): Uint8Array {
  return c === 'zstd' ? zstdRaw(data) : c === 'gzip' ? zlib.gzipSync(data) : data;
}

/** zarr v2 keys of one array (`name/.zarray`, `name/0.1`...). */
export function zarrV2(name: string, a: ArrayData, chunks: number[], compressor: Compressor = 'zstd', sep = '.'): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const meta = { chunks, compressor: compressor && { id: compressor, level: 1 }, dimension_separator: sep, dtype: ZARR_V2_DTYPE[a.dtype], fill_value: null, filters: null, order: 'C', shape: a.shape, zarr_format: 2 };
  out.set(`${name}/.zarray`, Buffer.from(JSON.stringify(meta)));
  for (const g of gridOf(a.shape, chunks)) out.set(`${name}/${g.length ? g.join(sep) : '0'}`, compress(chunkBytes(a, chunks, g), compressor));
  return out;
}

/** zarr v3 keys of one array, sharded (`inner` chunks in `shards`) the way Orbax writes it. */
export function zarrV3(name: string, a: ArrayData, shards: number[], inner: number[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const meta = {
    chunk_grid: { configuration: { chunk_shape: shards }, name: 'regular' }, chunk_key_encoding: { name: 'default' },
    codecs: [{ configuration: { chunk_shape: inner, codecs: [{ configuration: { endian: 'little' }, name: 'bytes' }, { configuration: { checksum: false, level: 1 }, name: 'zstd' }], index_codecs: [{ configuration: { endian: 'little' }, name: 'bytes' }, { name: 'crc32c' }] }, name: 'sharding_indexed' }],
    data_type: ZARR_V3_DTYPE[a.dtype], fill_value: 0, node_type: 'array', shape: a.shape, zarr_format: 3,
  };
  out.set(`${name}/zarr.json`, Buffer.from(JSON.stringify(meta)));
  const per = shards.map((s, i) => s / inner[i]);
  for (const g of gridOf(a.shape, shards)) {
    const parts: Uint8Array[] = [];
    const index: number[] = [];
    let off = 0;
    for (const k of gridOf(per, per.map(() => 1))) {
      const innerPos = k.map((v, i) => g[i] * per[i] + v);
      if (innerPos.some((v, i) => v * inner[i] >= a.shape[i])) {
        index.push(...new Array<number>(16).fill(0xff));
        continue;
      }
      const data = zstdRaw(chunkBytes(a, inner, innerPos));
      parts.push(data);
      index.push(...u64le(off), ...u64le(data.length));
      off += data.length;
    }
    const idx = Uint8Array.from(index);
    const crc = crc32c(idx);
    out.set(`${name}/${['c', ...g].join('/')}`, concat([...parts, idx, [crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, (crc >>> 24) & 0xff]]));
  }
  return out;
}

/** Write `entries` as plain files under `dir` (Orbax with use_ocdbt=False). */
export function writeFiles(dir: string, entries: Map<string, Uint8Array>): void {
  for (const [k, v] of entries) {
    fs.mkdirSync(path.dirname(path.join(dir, k)), { recursive: true });
    fs.writeFileSync(path.join(dir, k), v);
  }
}

/** Orbax's `_METADATA` for a tree of arrays named by dotted paths. */
export function metadataJson(names: string[]): string {
  const tree = Object.fromEntries(names.map((n) => [`(${n.split('.').map((k) => `'${k}'`).join(', ')},)`, { key_metadata: n.split('.').map((key) => ({ key, key_type: 2 })), value_metadata: { value_type: 'jax.Array', skip_deserialize: false } }]));
  return JSON.stringify({ tree_metadata: tree, use_ocdbt: true, use_zarr3: true });
}
