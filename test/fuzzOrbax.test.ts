/**
 * Structure-aware fuzzing of the Orbax reader (issue 20's hostile shapes): valid checkpoints
 * generated from a seed (random arrays, dtypes and chunkings; zarr v2 or sharded v3; OCDBT with
 * random fan-out, inline limit and node compression, or plain directories; with `_METADATA` or
 * not), then mutated in their structure: a zstd frame that decodes past its chunk, a chunk of the
 * wrong size or cut short, a shape whose product overflows, a fill value that is no number, a
 * chunk or an array gone, a flipped byte in a B+tree node, the node file cut short, or the whole
 * database replaced by a hostile one (too deep, looping, a value outside its data file, `..` in a
 * data file name, an over-long varint, a million keys). For every case, either:
 *  - no mutation that must fail: reading, `check` and convert succeed with exactly the values
 *    generated (an absent chunk as its fill value); or
 *  - a typed ScanconvError (exit 2, one line) whose code is one the applied mutations can cause,
 *    with nothing written by convert;
 * never another exception, and each case in bounded time.
 *
 * SCANCONV_FUZZ_CASES (default 2000) and SCANCONV_FUZZ_SEED (default 7) run more or other cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { exitCodeOf } from '../src/cli/exitCodes.js';
import { convert } from '../src/convert.js';
import { LayoutError, ScanconvError } from '../src/errors.js';
import { dtypeSize, type DType } from '../src/format/dtype.js';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { seededRandom } from '../src/verify/inputs.js';
import { tmpDir } from './helpers.js';
import { frame, interiorBody, leafBody, metadataJson, writeFiles, writeOcdbt, writeRawTree, zarrV2, zarrV3, zstdRaw, type ArrayData } from './orbaxWriter.js';

const CASES = Number(process.env.SCANCONV_FUZZ_CASES ?? 2000);
const SEED = Number(process.env.SCANCONV_FUZZ_SEED ?? 7);
const CASE_LIMIT_MS = 5_000;

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const numel = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

interface Generated {
  arrays: Map<string, ArrayData>;
  /** Chunking of each array's stored keys (v2 chunks, v3 shards). */
  keyChunks: Map<string, number[]>;
  v3: boolean;
  compressor: 'zstd' | 'gzip' | null;
  kv: Map<string, Uint8Array>;
}

function generated(r: Rand): Generated {
  const v3 = r() < 0.5;
  const compressor = v3 ? 'zstd' : pick(r, ['zstd', 'gzip', null] as const);
  const arrays = new Map<string, ArrayData>();
  const keyChunks = new Map<string, number[]>();
  const kv = new Map<string, Uint8Array>();
  for (let i = 0, n = int(r, 1, 3); i < n; i++) {
    const name = `params.layers_${i}.${pick(r, ['w', 'kernel', 'scale'])}`;
    const dtype = pick(r, ['F32', 'BF16', 'I32', 'U8'] as const satisfies readonly DType[]);
    const shape = Array.from({ length: int(r, 1, 3) }, () => int(r, 1, 5));
    const bytes = Uint8Array.from({ length: numel(shape) * dtypeSize(dtype) }, () => int(r, 0, 255));
    const a: ArrayData = { dtype, shape, bytes };
    arrays.set(name, a);
    if (v3) {
      const inner = shape.map((d) => int(r, 1, d));
      const shards = inner.map((c) => c * int(r, 1, 2));
      keyChunks.set(name, shards);
      for (const [k, v] of zarrV3(name, a, shards, inner)) kv.set(k, v);
    } else {
      const chunks = shape.map((d) => int(r, 1, d + 1));
      keyChunks.set(name, chunks);
      for (const [k, v] of zarrV2(name, a, chunks, compressor)) kv.set(k, v);
    }
  }
  return { arrays, keyChunks, v3, compressor, kv };
}

/** The stored chunk keys of `name` (not its metadata). */
const chunkKeys = (g: Generated, name: string) => [...g.kv.keys()].filter((k) => k.startsWith(`${name}/`) && !/\/(\.zarray|zarr\.json)$/.test(k));

/** The grid position a chunk key names (`name/0.1`, `name/c/0/1`). */
function positionOf(g: Generated, name: string, key: string): number[] {
  const rest = key.slice(name.length + 1);
  return (g.v3 ? rest.slice(2).split('/') : rest.split('.')).map(Number);
}

/** `a` with the elements inside chunk `pos` (of `chunks`) set to zero, the fill value of generated arrays. */
function zeroed(a: ArrayData, chunks: number[], pos: number[]): Uint8Array {
  const out = Uint8Array.from(a.bytes);
  const item = dtypeSize(a.dtype);
  for (let e = 0; e < numel(a.shape); e++) {
    let rest = e;
    let inside = true;
    for (let d = a.shape.length - 1; d >= 0; d--) {
      const idx = rest % a.shape[d];
      rest = Math.floor(rest / a.shape[d]);
      if (Math.floor(idx / chunks[d]) !== pos[d]) inside = false;
    }
    if (inside) out.fill(0, e * item, e * item + item);
  }
  return out;
}

interface Mutation {
  name: string;
  /** Codes it may cause; `mustFail`: a reader that accepts it is wrong. */
  codes: readonly string[];
  mustFail: boolean;
}

const OCDBT_CODES = ['BAD_VALUE', 'TOO_MANY_KEYS', 'BAD_CRC', 'BAD_MAGIC', 'BAD_LENGTH', 'TRUNCATED', 'OUT_OF_FILE', 'BAD_VARINT', 'TRAILING_BYTES', 'UNSUPPORTED', 'BAD_TREE', 'TOO_DEEP', 'BAD_ZSTD', 'NODE_TOO_LARGE', 'BAD_PATH', 'DUPLICATE_KEY'];
const CHUNK_CODES = ['CHUNK_SIZE', 'DECODES_PAST_CHUNK', 'BAD_ZSTD', 'BAD_GZIP', 'BAD_SHARD_INDEX', 'BAD_CRC', 'TRUNCATED'];

/** Mutations of the stored keys and values, before they are written (either store). */
function mutateValues(r: Rand, g: Generated, expected: Map<string, Uint8Array>, everyStored: boolean, withMetadata: boolean): Mutation[] {
  const applied: Mutation[] = [];
  // One mutation per array: a later one (a dropped chunk, a dropped array) could undo an earlier.
  const touched = new Set<string>();
  for (let i = 0, n = int(r, 0, 2); i < n; i++) {
    const name = pick(r, [...g.arrays.keys()]);
    if (touched.has(name)) continue;
    touched.add(name);
    const a = g.arrays.get(name)!;
    const keys = chunkKeys(g, name);
    const metaKey = `${name}/${g.v3 ? 'zarr.json' : '.zarray'}`;
    if (!g.kv.has(metaKey)) continue;
    const meta = JSON.parse(Buffer.from(g.kv.get(metaKey)!).toString('utf8')) as Record<string, unknown>;
    const kind = pick(r, ['zstdPast', 'wrongSize', 'cut', 'overflow', 'fill', 'drop', 'noArray']);
    const key = keys.length ? pick(r, keys) : undefined;
    if (kind === 'zstdPast' && key && !g.v3 && g.compressor === 'zstd') {
      const chunkSize = numel(g.keyChunks.get(name)!) * dtypeSize(a.dtype);
      g.kv.set(key, zstdRaw(new Uint8Array(chunkSize + int(r, 1, 200))));
      applied.push({ name: kind, codes: ['DECODES_PAST_CHUNK', 'CHUNK_SIZE'], mustFail: true });
    } else if (kind === 'wrongSize' && key && !g.v3) {
      const chunkSize = numel(g.keyChunks.get(name)!) * dtypeSize(a.dtype);
      const raw = new Uint8Array(Math.max(0, chunkSize - int(r, 1, chunkSize)));
      g.kv.set(key, g.compressor === 'zstd' ? zstdRaw(raw) : g.compressor === 'gzip' ? zlib.gzipSync(raw) : raw);
      applied.push({ name: kind, codes: CHUNK_CODES, mustFail: true });
    } else if (kind === 'cut' && key && g.kv.get(key)!.length >= 2) {
      const v = g.kv.get(key)!;
      g.kv.set(key, v.subarray(0, int(r, 0, v.length - 1)));
      applied.push({ name: kind, codes: CHUNK_CODES, mustFail: true });
    } else if (kind === 'overflow') {
      const big = [2 ** 40, 2 ** 40];
      g.kv.set(metaKey, Buffer.from(JSON.stringify(g.v3 ? { ...meta, shape: big } : { ...meta, shape: big, chunks: [1, 1] })));
      applied.push({ name: kind, codes: ['BAD_SHAPE', 'BAD_METADATA'], mustFail: true });
    } else if (kind === 'fill') {
      g.kv.set(metaKey, Buffer.from(JSON.stringify({ ...meta, fill_value: pick(r, ['x', [1, 2], { a: 1 }]) })));
      applied.push({ name: kind, codes: ['BAD_METADATA'], mustFail: true });
    } else if (kind === 'drop' && key) {
      g.kv.delete(key);
      expected.set(name, zeroed({ ...a, bytes: expected.get(name)! }, g.keyChunks.get(name)!, positionOf(g, name, key)));
      applied.push({ name: kind, codes: ['MISSING_CHUNK'], mustFail: everyStored });
    } else if (kind === 'noArray' && withMetadata) {
      g.kv.delete(metaKey);
      applied.push({ name: kind, codes: ['MISSING_ARRAY'], mustFail: true });
    }
  }
  return applied;
}

/** A hostile database in place of the generated one (OCDBT only), with the one code it must give. */
function hostileDatabase(r: Rand, dir: string): Mutation {
  const kind = pick(r, ['deep', 'loop', 'outside', 'dotdot', 'varint', 'keys']);
  fs.rmSync(dir, { recursive: true, force: true });
  if (kind === 'deep') writeRawTree(dir, [interiorBody(int(r, 33, 250), 'a', { offset: 0, length: 10 })], int(r, 33, 250));
  else if (kind === 'loop') {
    const len = frame(0x0cdb20de, interiorBody(1, 'a', { offset: 0, length: 0 }), false).length;
    writeRawTree(dir, [interiorBody(1, 'a', { offset: 0, length: len })], 1);
  } else if (kind === 'outside') writeRawTree(dir, [leafBody([['a/.zarray', new Uint8Array(0)]], ['d/values'], { offset: int(r, 11, 1000), length: int(r, 1, 50) })], 0, new Uint8Array(10));
  else if (kind === 'dotdot') writeRawTree(dir, [leafBody([['a/.zarray', new Uint8Array(0)]], [pick(r, ['../x', 'd/../../x', '/etc/passwd', 'd/./v'])], { offset: 0, length: 4 })], 0);
  else if (kind === 'varint') writeRawTree(dir, [Uint8Array.from([0, 1, ...new Array<number>(int(r, 10, 20)).fill(0x80), 1])], 0);
  else {
    const body = Buffer.alloc(int(r, 8, 64));
    body.set([0xc0, 0x84, 0x3d], 2); // 1,000,000 entries
    writeRawTree(dir, [body], 0);
  }
  const codes: Record<string, string[]> = { deep: ['TOO_DEEP'], loop: ['BAD_TREE'], outside: ['OUT_OF_FILE'], dotdot: ['BAD_PATH'], varint: ['BAD_VARINT'], keys: ['TOO_MANY_KEYS', 'TRUNCATED'] };
  return { name: kind, codes: codes[kind], mustFail: true };
}

/** Mutations of the written database's node file (OCDBT only). */
function mutateNodes(r: Rand, dir: string): Mutation[] {
  const nodes = path.join(dir, 'd', 'nodes');
  const b = fs.readFileSync(nodes);
  if (!b.length || r() < 0.7) return [];
  if (r() < 0.5) {
    b[int(r, 0, b.length - 1)] ^= 1 << int(r, 0, 7);
    fs.writeFileSync(nodes, b);
    return [{ name: 'flipNode', codes: OCDBT_CODES, mustFail: true }];
  }
  fs.writeFileSync(nodes, b.subarray(0, int(r, 0, b.length - 1)));
  return [{ name: 'cutNodes', codes: OCDBT_CODES, mustFail: true }];
}

/** Open, read every tensor and check: the tensors by name, or the error. */
function readEverything(dir: string): Map<string, Buffer> {
  const index = openCheckpoint(dir);
  try {
    const out = new Map([...index.tensors].map(([n, ref]) => [n, Buffer.from(readAll(ref))]));
    index.integrity?.();
    return out;
  } finally {
    index.close();
  }
}

test('structure-aware fuzz of Orbax checkpoints: exactly the values generated, or a typed error the mutations can cause; never a crash, a hang or a file written', async (t) => {
  const root = tmpDir();
  const rand = seededRandom(SEED);
  const codes = new Map<string, number>();
  let succeeded = 0;
  for (let n = 0; n < CASES; n++) {
    const r: Rand = rand;
    const g = generated(r);
    const ocdbt = r() < 0.7;
    const withMetadata = !ocdbt || r() < 0.7 ? r() < 0.8 : false;
    const everyStored = withMetadata && r() < 0.5;
    const expected = new Map([...g.arrays].map(([k, a]) => [k, a.bytes]));
    const applied = mutateValues(r, g, expected, everyStored, withMetadata);
    const dir = path.join(root, String(n), 'ckpt');
    fs.mkdirSync(dir, { recursive: true });
    if (ocdbt) writeOcdbt(dir, g.kv, { zstd: r() < 0.5, fanout: int(r, 2, 8), maxInline: pick(r, [0, 16, 1000]) });
    else writeFiles(dir, g.kv);
    if (withMetadata || !ocdbt) {
      const meta = JSON.parse(metadataJson([...g.arrays.keys()])) as Record<string, unknown>;
      fs.writeFileSync(path.join(dir, '_METADATA'), JSON.stringify({ ...meta, ...(everyStored ? { store_array_data_equal_to_fill_value: true } : {}) }));
    }
    if (ocdbt) applied.push(...(r() < 0.1 ? [hostileDatabase(r, dir)] : mutateNodes(r, dir)));
    const describe = `case ${n} (seed ${SEED}): ${g.v3 ? 'v3' : `v2 ${g.compressor}`}, ${ocdbt ? 'OCDBT' : 'directories'}, mutations [${applied.map((m) => m.name).join(', ')}]`;

    const out = path.join(root, String(n), 'out');
    fs.mkdirSync(out);
    const started = performance.now();
    let got: Map<string, Buffer> | undefined;
    let error: unknown;
    try {
      got = readEverything(dir);
      await convert(dir, path.join(out, 'model.safetensors')).catch((e: unknown) => {
        // Generated layers need not form groups: the layout's refusal, not the reader's.
        if (!(e instanceof LayoutError)) throw e;
      });
    } catch (e) {
      error = e;
    }
    if (error === undefined) {
      assert.ok(!applied.some((m) => m.mustFail), `${describe}: accepted`);
      assert.deepEqual([...got!.keys()].sort(), [...expected.keys()].sort(), describe);
      for (const [k, bytes] of expected) assert.ok(got!.get(k)!.equals(Buffer.from(bytes)), `${describe}: ${k} differs`);
      succeeded++;
    } else {
      if (!(error instanceof ScanconvError)) throw new Error(`${describe}: ${(error as Error).stack}`);
      assert.equal(exitCodeOf(error), 2, `${describe}: ${error.message}`);
      assert.ok(!error.message.includes('\n'), `${describe}: ${error.message}`);
      assert.ok(applied.some((m) => m.codes.includes(error.code)), `${describe}: ${error.code}: ${error.message}`);
      assert.deepEqual(fs.readdirSync(out), [], `${describe}: convert left files`);
      codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
    }
    assert.ok(performance.now() - started < CASE_LIMIT_MS, `${describe}: over ${CASE_LIMIT_MS} ms`);
    fs.rmSync(path.join(root, String(n)), { recursive: true, force: true });
  }
  t.diagnostic(`${CASES} cases (seed ${SEED}): ${succeeded} read back exactly; refused: ${[...codes].sort((a, b) => b[1] - a[1]).map(([c, k]) => `${c} ${k}`).join(', ')}`);
  // The run reaches both outcomes and a spread of refusals.
  assert.ok(succeeded > CASES / 10, `${succeeded} of ${CASES} succeeded`);
  assert.ok(codes.size >= Math.min(8, CASES / 30), `codes: ${[...codes].join(' ')}`);
});
