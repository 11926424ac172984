/**
 * The structure-aware fuzzer's cases: a valid checkpoint described abstractly (leaves with paths,
 * dtypes, shapes, bytes; metadata; layout options), structural mutations of that description,
 * and encoders into every input format that write exactly what the description says, duplicate
 * keys, negative shapes and all. See fuzzStructure.test.ts for the oracle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DTYPE_SIZES, type DType } from '../src/format/dtype.js';
import { DTYPE_TO_NUMPY } from '../src/format/msgpackParser.js';
import { tensorToJson } from '../src/format/jsonValues.js';
import type { Layout } from '../src/layout/analyze.js';
import { spawnSync } from 'node:child_process';
import { MAX_HEADER_SIZE } from '../src/format/safetensors.js';
import { deepList, encodeMsgpack, rawSafetensors, type Mp } from './encode.js';

/** Whitespace a `padHeader` case adds: megabytes, parsed in well under the case's time limit. */
const PAD_BYTES = 4 << 20;

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number) => r() < p;

/** A shape entry: a number, or raw text written as is (`4.0`, `1e1`). */
export type Dim = number | { raw: string; value: number };

export interface Leaf {
  path: string[];
  dtype: string;
  shape: Dim[];
  bytes: Uint8Array;
  /** msgpack only: write as Flax's chunked array (with this many chunks). */
  chunks?: number;
}

export type InputFormat = 'safetensors' | 'sharded' | 'msgpack' | 'json';
export type RawMutation = 'bom' | 'floatOffset' | 'deepShape' | 'deepJson' | 'leafAsList' | 'leafAsScalar' | 'badI64' | 'chunkNegative' | 'padHeader' | 'claimCap' | SpecialFile;
/** What replaces an input file (the checkpoint, or one shard of an index): never waited on, never read without end. */
export type SpecialFile = 'fifo' | 'devZero' | 'directory' | 'lfsPointer';

export interface FuzzCase {
  format: InputFormat;
  sep: '.' | '/';
  leaves: Leaf[];
  /** null or another non-object: written as such (a wrong-typed __metadata__). */
  metadata: [string, unknown][] | null | number;
  layout: Layout;
  options: { layerPattern?: string; stack?: string; axis?: number; to?: Layout; numLayers?: number; from?: Layout };
  raw: RawMutation[];
  output: { ext: '.safetensors' | '.msgpack' | '.json'; shardSize?: number };
  /** Names of the mutations applied, for the failure message and the statistics. */
  mutations: string[];
  /** sharded: one shard per tensor (manyShards). */
  shardPerLeaf?: boolean;
}

const DTYPES: DType[] = ['F32', 'F32', 'F32', 'BF16', 'F16', 'F64', 'I32', 'I64', 'U8', 'I8', 'BOOL', 'F8_E4M3', 'F8_E5M2'];
// Names of the stack and of layers inside a block too: such a tree must be refused (exit 2), never
// written as a tree that reads back otherwise (layout/readBack.ts).
export const HOSTILE = ['__proto__', 'constructor', 'prototype', '__metadata__', '', 'toString', 'hasOwnProperty', 'valueOf', 'blocks', 'layer_9', '0'];
const LEAF_PATHS = [['Dense_0', 'kernel'], ['Dense_0', 'bias'], ['attn', 'query', 'kernel'], ['norm', 'scale'], ['__proto__', 'w'], ['constructor'], ['prototype', 'x'], ['mlp', '__proto__']];

const numelOf = (shape: readonly Dim[]) => shape.reduce<number>((a, d) => a * (typeof d === 'number' ? d : d.value), 1);

function randomBytes(r: Rand, dtype: DType, n: number): Uint8Array {
  const out = new Uint8Array(n * DTYPE_SIZES[dtype]);
  if (dtype === 'F32' && chance(r, 0.5)) {
    // Plain finite floats, so JSON inputs get Flax-style nested arrays too.
    const dv = new DataView(out.buffer);
    for (let i = 0; i < n; i++) dv.setFloat32(i * 4, Math.round((r() - 0.5) * 1000) / 64, true);
    return out;
  }
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(r() * 256);
  if (dtype === 'BOOL') out.forEach((_, i) => (out[i] &= 1));
  return out;
}

/** A valid checkpoint of a random layout, format, separator, layer pattern and stacking axis. */
export function generate(r: Rand): FuzzCase {
  const layout = pick(r, ['pyloop', 'scan', 'shared'] as const);
  const format = pick(r, ['safetensors', 'safetensors', 'sharded', 'msgpack', 'json'] as const);
  const sep = chance(r, 0.15) ? '/' : '.';
  const pattern = pick(r, [
    { source: undefined, name: (i: number) => `layer_${i}` },
    { source: '^layers_(\\d+)$', name: (i: number) => `layers_${i}` },
    { source: '^(\\d+)$', name: (i: number) => String(i) },
  ]);
  const stack = chance(r, 0.8) ? 'blocks' : 'scanned';
  const twoGroups = chance(r, 0.2);
  const parents = twoGroups ? [['encoder'], ['decoder']] : [pick(r, [[], ['params'], ['model', 'params']])];
  const depth = 1 + Math.floor(r() * 4);
  // Different depths per group (encoder-decoder models) come from the 'groupDepths' mutation.
  const rels = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, LEAF_PATHS)).filter((p, i, all) => all.findIndex((q) => q.join() === p.join()) === i);
  const perLeaf = rels.map(() => {
    const dtype = pick(r, DTYPES);
    const rank = Math.floor(r() * 4);
    return { dtype, shape: Array.from({ length: rank }, () => (chance(r, 0.05) ? 0 : 1 + Math.floor(r() * 3))) };
  });
  const axis = layout === 'scan' && chance(r, 0.3) ? Math.floor(r() * (Math.min(...perLeaf.map((p) => p.shape.length)) + 1)) : 0;
  const identical = chance(r, 0.3);
  const leaves: Leaf[] = [];
  for (const parent of parents) {
    rels.forEach((rel, j) => {
      const { dtype, shape } = perLeaf[j];
      if (layout === 'pyloop') {
        const shared = randomBytes(r, dtype, numelOf(shape));
        for (let i = 0; i < depth; i++) leaves.push({ path: [...parent, pattern.name(i), ...rel], dtype, shape, bytes: identical ? shared : randomBytes(r, dtype, numelOf(shape)) });
      } else {
        const stacked = layout === 'scan' ? [...shape.slice(0, axis), depth, ...shape.slice(axis)] : shape;
        leaves.push({ path: [...parent, stack, ...rel], dtype, shape: stacked, bytes: randomBytes(r, dtype, numelOf(stacked)), chunks: chance(r, 0.1) ? 2 : undefined });
      }
    });
  }
  for (const carried of [['Embed_0', 'embedding'], ['final_norm', 'scale']]) {
    if (chance(r, 0.5)) {
      const dtype = pick(r, DTYPES);
      const shape = [2, 3];
      leaves.push({ path: [...parents[0], ...carried], dtype, shape, bytes: randomBytes(r, dtype, 6) });
    }
  }
  const metadata: [string, unknown][] = [];
  if (chance(r, 0.3)) metadata.push(['format', 'flax']);
  if (chance(r, 0.2)) metadata.push(['__proto__', 'polluted?'], ['constructor', 'x']);
  const options: FuzzCase['options'] = {};
  const provenance = format !== 'msgpack' && chance(r, 0.7);
  if (layout !== 'pyloop' && provenance) {
    metadata.push(['scanconv.layout', layout], ['scanconv.layers', String(depth)], ['scanconv.stack', stack]);
    if (pattern.source) metadata.push(['scanconv.layer_pattern', pattern.source]);
    if (layout === 'scan') metadata.push(['scanconv.axis', String(axis)]);
  } else {
    if (pattern.source) options.layerPattern = pattern.source;
    if (stack !== 'blocks') options.stack = stack;
    if (axis) options.axis = axis;
    if (layout === 'shared') Object.assign(options, { from: 'shared', numLayers: depth });
  }
  if (chance(r, 0.5)) options.to = pick(r, ['pyloop', 'scan', 'shared'] as const);
  else if (layout === 'shared') options.to = pick(r, ['pyloop', 'scan'] as const);
  // The stacking axis of a scan output, when converting into scan.
  if (options.to === 'scan' && layout !== 'scan' && chance(r, 0.3)) options.axis = Math.floor(r() * (Math.min(...perLeaf.map((p) => p.shape.length)) + 1));
  const ext = pick(r, ['.safetensors', '.safetensors', '.msgpack', '.json'] as const);
  return { format, sep, leaves, metadata, layout, options, raw: [], output: { ext, shardSize: ext === '.safetensors' && chance(r, 0.2) ? 64 : undefined }, mutations: [] };
}

type Mutation = (c: FuzzCase, r: Rand) => void;

const someLeaf = (c: FuzzCase, r: Rand) => (c.leaves.length ? pick(r, c.leaves) : undefined);

/** Structural mutations, by name. Each keeps the case encodable; most make it invalid. */
export const MUTATIONS: Record<string, Mutation> = {
  hostileSegment(c, r) {
    const leaf = someLeaf(c, r);
    if (leaf) leaf.path[Math.floor(r() * leaf.path.length)] = pick(r, [...HOSTILE, `x${c.sep}y`]);
  },
  hostileLeafName(c, r) {
    const leaf = someLeaf(c, r);
    if (leaf) leaf.path[leaf.path.length - 1] = pick(r, HOSTILE);
  },
  duplicateLeaf(c, r) {
    const leaf = someLeaf(c, r);
    if (leaf) c.leaves.push({ ...leaf, path: [...leaf.path], bytes: leaf.bytes.slice() });
  },
  separatorCollision(c, r) {
    // ["a", "b"] and ["a.b"]: one name, two structures.
    const leaf = c.leaves.find((l) => l.path.length >= 2 && chance(r, 0.5)) ?? c.leaves.find((l) => l.path.length >= 2);
    if (!leaf) return;
    const i = Math.floor(r() * (leaf.path.length - 1));
    const merged = [...leaf.path.slice(0, i), `${leaf.path[i]}${c.sep}${leaf.path[i + 1]}`, ...leaf.path.slice(i + 2)];
    c.leaves.push({ ...leaf, path: merged, bytes: leaf.bytes.slice() });
  },
  tensorAndSubtree(c, r) {
    const leaf = someLeaf(c, r);
    if (leaf) c.leaves.push({ ...leaf, path: [...leaf.path, pick(r, ['x', '__proto__', 'kernel'])] });
  },
  deepPath(c, r) {
    const leaf = someLeaf(c, r);
    if (leaf) leaf.path.push(...Array.from({ length: pick(r, [70, 300, 3000]) }, (_, i) => `n${i % 3}`));
  },
  dropLayer(c, r) {
    const layerSeg = /^(layer_|layers_)?\d+$/;
    const names = [...new Set(c.leaves.flatMap((l) => l.path.filter((s) => layerSeg.test(s))))];
    if (!names.length) return;
    const victim = pick(r, names);
    c.leaves = c.leaves.filter((l) => !l.path.includes(victim) || chance(r, 0.3));
  },
  groupDepths(c, r) {
    // A second group with another depth: encoder-decoder models (issue 11's per-group depths).
    const parentLen = c.leaves[0]?.path.findIndex((s) => /^(layer_|layers_)?\d+$/.test(s) || s === 'blocks' || s === 'scanned') ?? -1;
    if (parentLen < 0) return;
    const extra = 1 + Math.floor(r() * 3);
    const copies: Leaf[] = [];
    for (const l of c.leaves) {
      const seg = l.path[parentLen];
      const m = /^(layer_|layers_)?(\d+)$/.exec(seg ?? '');
      const renamed = [...l.path.slice(0, parentLen - 1), 'other_group', ...l.path.slice(parentLen)];
      if (m) {
        // pyloop: the other group gets `extra` more layers.
        copies.push({ ...l, path: renamed });
        if (Number(m[2]) === 0) for (let k = 0; k < extra; k++) copies.push({ ...l, path: [...renamed.slice(0, parentLen), `${m[1] ?? ''}${c.leaves.filter((x) => x.path[parentLen - 1] === l.path[parentLen - 1] && x.path.slice(parentLen + 1).join() === l.path.slice(parentLen + 1).join()).length + k}`, ...renamed.slice(parentLen + 1)] });
      } else if (seg === 'blocks' || seg === 'scanned') {
        const axis = c.options.axis ?? Number(c.metadata && Array.isArray(c.metadata) ? c.metadata.find(([k]) => k === 'scanconv.axis')?.[1] ?? 0 : 0);
        if (c.layout !== 'scan' || typeof l.shape[axis] !== 'number') continue;
        const shape = [...l.shape];
        shape[axis] = (shape[axis] as number) + extra;
        const dtype = (l.dtype in DTYPE_SIZES ? l.dtype : 'U8') as DType;
        const n = numelOf(shape);
        // After a shape mutation (negative, 2^40) there are no bytes to make: keep the leaf's own.
        copies.push({ ...l, path: renamed, shape, bytes: Number.isSafeInteger(n) && n >= 0 && n < 1e6 ? randomBytes(r, dtype, n) : l.bytes });
      }
    }
    c.leaves.push(...copies);
  },
  badShape(c, r) {
    const leaf = someLeaf(c, r);
    if (!leaf) return;
    const bad: Dim = pick(r, [-1, -3, 2 ** 40, 2 ** 53, { raw: '1.0', value: 1 }, { raw: '2.5', value: 2.5 }, { raw: '4e0', value: 4 }]);
    if (leaf.shape.length) leaf.shape[Math.floor(r() * leaf.shape.length)] = bad;
    else leaf.shape.push(bad);
  },
  negativePair(c, r) {
    // [-2, -3] has the numel of [2, 3]: only a sign check can tell.
    const leaf = c.leaves.find((l) => l.shape.length >= 2 && chance(r, 0.5));
    if (leaf) leaf.shape = leaf.shape.map((d, i) => (i < 2 && typeof d === 'number' ? -d : d));
  },
  rankChange(c, r) {
    const leaf = someLeaf(c, r);
    if (leaf) leaf.shape = chance(r, 0.5) ? [...leaf.shape, 1] : leaf.shape.filter((d) => d !== 1);
  },
  dtypeChange(c, r) {
    const leaf = someLeaf(c, r);
    if (leaf) leaf.dtype = pick(r, ['F99', 'float32', 'F4', ...DTYPES]);
  },
  bytesLength(c, r) {
    const leaf = someLeaf(c, r);
    if (leaf) leaf.bytes = chance(r, 0.5) ? leaf.bytes.subarray(0, Math.max(0, leaf.bytes.length - 1 - Math.floor(r() * 3))) : Uint8Array.from([...leaf.bytes, 1, 2]);
  },
  hostileProvenance(c, r) {
    if (!Array.isArray(c.metadata)) c.metadata = [];
    const [key, values] = pick(r, [
      ['scanconv.layers', ['0', '-5', '1e11', '1099511627776', 'abc', '2.5', '', '3']],
      ['scanconv.axis', ['-1', '99', 'x', '1', '0.5']],
      ['scanconv.layer_pattern', ['^(a+)+$', '(', '^layer_\\d+$', '^(x)$', '^layer_(\\d+)$', '(a|a)*b', '^(\\d+)$']],
      ['scanconv.stack', ['', 'layer_0', 'constructor', '__proto__', 'blocks']],
      ['scanconv.layout', ['shared', 'bogus', 'pyloop', 'scan', '__proto__']],
    ] as const);
    c.metadata = c.metadata.filter(([k]) => k !== key);
    c.metadata.push([key, pick(r, values)]);
  },
  metadataType(c, r) {
    const v = pick<FuzzCase['metadata'] | 'nested'>(r, [null, 5, 'nested', [['k', 1]], [['k', null]], [['k', ['a']]]]);
    c.metadata = v === 'nested' ? [['__proto__', { nested: 'x' }]] : v;
  },
  hugeStack(c) {
    // A zero-size stacked tensor claiming 2^40 layers: no bytes, an absurd layer count.
    const leaf = c.leaves.find((l) => l.path.includes('blocks') || l.path.includes('scanned'));
    if (leaf && c.layout === 'scan') {
      for (const l of c.leaves) if (l.path.includes(leaf.path.find((s) => s === 'blocks' || s === 'scanned')!)) {
        const axis = c.options.axis ?? 0;
        l.shape = l.shape.map((_, i) => (i === axis ? 2 ** 40 : 0));
        l.bytes = new Uint8Array(0);
      }
    }
  },
  raw(c, r) {
    const byFormat: Record<InputFormat, RawMutation[]> = {
      safetensors: ['bom', 'floatOffset', 'deepShape'],
      sharded: ['floatOffset', 'deepShape', 'deepJson'],
      msgpack: ['leafAsList', 'leafAsScalar', 'chunkNegative'],
      json: ['deepJson', 'badI64', 'bom'],
    };
    c.raw.push(pick(r, byFormat[c.format]));
  },
  otherFormat(c, r) {
    c.format = pick(r, ['safetensors', 'sharded', 'msgpack', 'json'] as const);
  },
  regexNames(c, r) {
    // Layer names made of characters that mean something in a regex or a key path, and a
    // --layers pattern that spells them literally, as a class, or as a wildcard (issue 19:
    // `^\w_(\d+)$` renamed every layer on the way back).
    const word = () => Array.from({ length: Math.floor(r() * 3) }, () => pick(r, REGEX_CHARS)).join('');
    const prefix = word();
    const suffix = word();
    const spell = (text: string) =>
      [...text].map((ch) => pick(r, [REGEX_META.includes(ch) ? `\\${ch}` : ch, /\w/.test(ch) ? '\\w' : '\\S', '.', '[^x]', `\\${ch}`])).join('');
    c.options.layerPattern = `${chance(r, 0.8) ? '^' : ''}${spell(prefix)}(\\d+)${spell(suffix)}${chance(r, 0.8) ? '$' : ''}`;
    for (const l of c.leaves) {
      l.path = l.path.map((seg) => {
        const m = /^(layer_|layers_)?(\d+)$/.exec(seg);
        return m ? `${prefix}${m[2]}${suffix}` : seg;
      });
    }
  },
  manyShards(c, r) {
    // More shards than files open at once (format/sharded.ts MAX_OPEN_SHARDS): one per tensor.
    c.format = 'sharded';
    c.shardPerLeaf = true;
    const parent = c.leaves[0]?.path.slice(0, 1) ?? [];
    for (let k = 0; k < 40; k++) c.leaves.push({ path: [...parent, `pad_${k}`, 'w'], dtype: 'F32', shape: [1], bytes: randomBytes(r, 'F32', 1) });
    if (chance(r, 0.5)) c.output = { ext: '.safetensors', shardSize: 1 };
  },
  specialFile(c, r) {
    c.raw.push(pick(r, ['fifo', 'devZero', 'directory', 'lfsPointer'] as const));
  },
  nonfinite(c, r) {
    // NaN (quiet and signaling) and infinities planted in a float tensor: they must survive every
    // conversion bit for bit and be found by check (issue 19: NaN never passes).
    const floats = c.leaves.filter((l) => l.dtype in NONFINITE_PATTERNS && l.bytes.length);
    const leaf = floats.length ? pick(r, floats) : undefined;
    if (!leaf) return;
    const size = DTYPE_SIZES[leaf.dtype as DType];
    const at = Math.floor(r() * (leaf.bytes.length / size)) * size;
    const pattern = pick(r, NONFINITE_PATTERNS[leaf.dtype]);
    for (let k = 0; k < size; k++) leaf.bytes[at + k] = Number((pattern >> BigInt(8 * k)) & 0xffn);
  },
  nearCap(c, r) {
    // A header padded to megabytes (valid JSON whitespace), or one claiming more than the cap.
    if (c.format !== 'safetensors' && c.format !== 'sharded') c.format = 'safetensors';
    c.raw.push(pick(r, ['padHeader', 'claimCap'] as const));
  },
};

/** Non-finite bit patterns of each float dtype, little-endian integers: qNaN, sNaN, +Inf, -Inf. */
const NONFINITE_PATTERNS: Record<string, readonly bigint[]> = {
  F32: [0x7fc00000n, 0x7f800001n, 0x7f800000n, 0xff800000n],
  F64: [0x7ff8000000000000n, 0x7ff0000000000001n, 0x7ff0000000000000n, 0xfff0000000000000n],
  F16: [0x7e00n, 0x7c01n, 0x7c00n, 0xfc00n],
  BF16: [0x7fc0n, 0x7f81n, 0x7f80n, 0xff80n],
  // E4M3 (fn) has no infinity: S.1111.111 is NaN. E5M2 is IEEE-like: exponent 11111.
  F8_E4M3: [0x7fn, 0xffn],
  F8_E5M2: [0x7en, 0x7dn, 0x7cn, 0xfcn],
};

/**
 * Whether a leaf holds NaN or an infinity, decided from each format's definition (all-ones
 * exponent; E4M3's one NaN), independently of src/format/floats.ts.
 */
export function leafHasNonfinite(l: Leaf): boolean {
  const dv = new DataView(l.bytes.buffer, l.bytes.byteOffset, l.bytes.byteLength);
  const each = (size: number, bad: (i: number) => boolean) => {
    for (let i = 0; i + size <= l.bytes.length; i += size) if (bad(i)) return true;
    return false;
  };
  switch (l.dtype) {
    case 'F32': return each(4, (i) => (dv.getUint32(i, true) & 0x7f800000) === 0x7f800000);
    case 'F64': return each(8, (i) => (dv.getUint32(i + 4, true) & 0x7ff00000) === 0x7ff00000);
    case 'F16': return each(2, (i) => (dv.getUint16(i, true) & 0x7c00) === 0x7c00);
    case 'BF16': return each(2, (i) => (dv.getUint16(i, true) & 0x7f80) === 0x7f80);
    case 'F8_E4M3': return each(1, (i) => (l.bytes[i] & 0x7f) === 0x7f);
    case 'F8_E5M2': return each(1, (i) => (l.bytes[i] & 0x7c) === 0x7c);
    default: return false;
  }
}

const REGEX_CHARS = ['a', 'w', 'd', '_', '-', '.', '/', ':', '$', '(', ')', '[', '\\', ' ', 'é', '+', '|', '^', '*', '?', '{'];
const REGEX_META = '\\^$.*+?()[]{}|/-';

/**
 * Mutation names a run uses. A fault still open in another part of the code removes its mutation
 * here, with a comment naming the fault, so that the suite stays green and the gap stays visible.
 */
const OPEN_FAULTS: Record<string, string> = {
  // None now; e.g. hugeStack: 'issue 11, layout: a zero-size stack claiming 2^40 layers exhausts memory'.
};
export const MUTATION_NAMES = Object.keys(MUTATIONS).filter((m) => !(m in OPEN_FAULTS));

const dimText = (d: Dim) => (typeof d === 'number' ? String(d) : d.raw);
const dimValue = (d: Dim) => (typeof d === 'number' ? d : d.value);

function metadataText(c: FuzzCase): string | undefined {
  if (c.metadata === null || typeof c.metadata === 'number') return String(c.metadata);
  if (!c.metadata.length) return undefined;
  return `{${c.metadata.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}

function safetensorsBytes(c: FuzzCase, leaves: Leaf[], withMeta: boolean): Buffer {
  const parts: string[] = [];
  const meta = withMeta ? metadataText(c) : undefined;
  if (meta !== undefined) parts.push(`"__metadata__":${meta}`);
  let offset = 0;
  for (const [i, l] of leaves.entries()) {
    const end = offset + l.bytes.length;
    const shape = c.raw.includes('deepShape') && i === 0 ? deepList(3000) : `[${l.shape.map(dimText).join(',')}]`;
    const endText = c.raw.includes('floatOffset') && i === leaves.length - 1 ? `${end}.0` : String(end);
    parts.push(`${JSON.stringify(l.path.join(c.sep))}:{"dtype":${JSON.stringify(l.dtype)},"shape":${shape},"data_offsets":[${offset},${endText}]}`);
    offset = end;
  }
  let text = `{${parts.join(',')}}`;
  if (c.raw.includes('padHeader') && withMeta) text = `{${' '.repeat(PAD_BYTES)}${text.slice(1)}`;
  text += ' '.repeat((8 - (Buffer.byteLength(text) % 8)) % 8);
  if (c.raw.includes('bom')) text = `\ufeff${text}`;
  const bytes = rawSafetensors(text, Buffer.concat(leaves.map((l) => l.bytes)));
  // The length field just past the cap (refused before anything is allocated), or at it (past the end).
  if (c.raw.includes('claimCap')) bytes.writeBigUInt64LE(BigInt(MAX_HEADER_SIZE + (leaves.length % 2)), 0);
  return bytes;
}

/** Insert into an ordered list of entries, reusing a subtree entry of the same key when there is one. */
type Trie<T> = [string, T | Trie<T>][];
function insert<T>(root: Trie<T>, p: string[], value: T): void {
  let node = root;
  for (const seg of p.slice(0, -1)) {
    const found = node.find(([k, v]) => k === seg && Array.isArray(v));
    if (found) node = found[1] as Trie<T>;
    else {
      const next: Trie<T> = [];
      node.push([seg, next]);
      node = next;
    }
  }
  node.push([p[p.length - 1], value]);
}

function msgpackLeaf(c: FuzzCase, l: Leaf, r: Rand): Mp {
  const dtype = DTYPE_TO_NUMPY[l.dtype as DType] ?? l.dtype.toLowerCase();
  const shape: Mp[] = l.shape.map(dimValue);
  if (c.raw.includes('leafAsList') && chance(r, 0.3)) return { list: [1, 2, 3] };
  if (c.raw.includes('leafAsScalar') && chance(r, 0.3)) return 7;
  if (!l.chunks && !(c.raw.includes('chunkNegative') && chance(r, 0.5))) return { ext: { shape, dtype, data: l.bytes } };
  const size = DTYPE_SIZES[l.dtype as DType] ?? 1;
  const n = Math.floor(l.bytes.length / size);
  const half = Math.ceil(n / 2);
  const chunk = (from: number, to: number): Mp => ({ ext: { shape: [to - from], dtype, data: l.bytes.subarray(from * size, to * size) } });
  const dims = c.raw.includes('chunkNegative') ? shape.map((d) => (typeof d === 'number' ? -d : d)) : shape;
  return {
    map: [
      ['__msgpack_chunked_array__', true],
      ['shape', { map: dims.map((d, i) => [String(i), d] as [Mp, Mp]) }],
      ['chunks', { map: [['0', chunk(0, half)], ['1', chunk(half, n)]] }],
    ],
  };
}

function toMp<T>(trie: Trie<T>, leaf: (v: T) => Mp): Mp {
  return { map: trie.map(([k, v]) => [k, Array.isArray(v) ? toMp(v as Trie<T>, leaf) : leaf(v as T)] as [Mp, Mp]) };
}

function jsonLeaf(c: FuzzCase, l: Leaf): string {
  const valid = l.dtype in DTYPE_SIZES && l.shape.every((d) => typeof d === 'number' && d >= 0) && numelOf(l.shape) * DTYPE_SIZES[l.dtype as DType] === l.bytes.length;
  if (c.raw.includes('badI64') && l.dtype === 'I64') return `{"dtype":"I64","shape":[${l.shape.map(dimText).join(',')}],"data":[1.5,"abc"]}`;
  if (!valid) return `{"dtype":${JSON.stringify(l.dtype)},"shape":[${l.shape.map(dimText).join(',')}],"bytes":${JSON.stringify(Buffer.from(l.bytes).toString('base64'))}}`;
  return JSON.stringify(tensorToJson(l.dtype as DType, l.shape as number[], l.bytes));
}

function jsonText<T>(trie: Trie<T>, leaf: (v: T) => string): string {
  return `{${trie.map(([k, v]) => `${JSON.stringify(k)}:${Array.isArray(v) ? jsonText(v as Trie<T>, leaf) : leaf(v as T)}`).join(',')}}`;
}

/** Write the case's input into `dir`; returns the path to convert. */
export function writeInput(c: FuzzCase, dir: string, r: Rand): string {
  if (c.format === 'safetensors') {
    const file = path.join(dir, 'in.safetensors');
    fs.writeFileSync(file, safetensorsBytes(c, c.leaves, true));
    return special(c, file);
  }
  if (c.format === 'sharded') {
    const cut = Math.ceil(c.leaves.length / 2);
    const shards = c.shardPerLeaf ? c.leaves.map((l) => [l]) : [c.leaves.slice(0, cut), c.leaves.slice(cut)].filter((s) => s.length);
    const names = shards.map((_, i) => `in-${String(i + 1).padStart(5, '0')}-of-${String(shards.length).padStart(5, '0')}.safetensors`);
    shards.forEach((s, i) => fs.writeFileSync(path.join(dir, names[i]), safetensorsBytes(c, s, i === 0)));
    const map = shards.flatMap((s, i) => s.map((l) => `${JSON.stringify(l.path.join(c.sep))}:${JSON.stringify(names[i])}`));
    const inner = c.raw.includes('deepJson') ? deepList(5000, '"x"') : '"in"';
    const file = path.join(dir, 'in.safetensors.index.json');
    fs.writeFileSync(file, `{"metadata":{"total_size":1,"note":${inner}},"weight_map":{${map.join(',')}}}`);
    if (names.length) special(c, path.join(dir, names[names.length - 1]));
    return special(c, file, true);
  }
  const trie: Trie<Leaf> = [];
  // The test's tree encoders recurse: 300 levels of a tree are as hostile as 3000 here.
  for (const l of c.leaves) insert(trie, l.path.length ? l.path.slice(0, 300) : [''], l);
  if (c.format === 'msgpack') {
    const file = path.join(dir, 'in.msgpack');
    fs.writeFileSync(file, encodeMsgpack(toMp(trie, (l) => msgpackLeaf(c, l, r))));
    return special(c, file);
  }
  const file = path.join(dir, 'in.json');
  let text = jsonText(trie, (l) => jsonLeaf(c, l));
  const meta = metadataText(c);
  if (meta !== undefined) text = `{"__metadata__":${meta}${text.length > 2 ? ',' : ''}${text.slice(1)}`;
  if (c.raw.includes('deepJson')) text = `{"deep":${deepList(100_000)},${text.slice(1)}`;
  if (c.raw.includes('bom')) text = `\ufeff${text}`;
  fs.writeFileSync(file, text);
  return special(c, file);
}

/**
 * Put the case's special file where `file` is (for a sharded input: its last shard, and not the
 * index, which must stay readable to name the shard). Returns `file`.
 */
function special(c: FuzzCase, file: string, isIndex = false): string {
  const kind = c.raw.find((m): m is SpecialFile => m === 'fifo' || m === 'devZero' || m === 'directory' || m === 'lfsPointer');
  if (!kind || (isIndex && c.format === 'sharded')) return file;
  fs.rmSync(file, { force: true });
  if (kind === 'fifo') {
    if (spawnSync('mkfifo', [file]).status !== 0) throw new Error(`mkfifo ${file} failed`);
  } else if (kind === 'devZero') fs.symlinkSync('/dev/zero', file);
  else if (kind === 'directory') fs.mkdirSync(file);
  else fs.writeFileSync(file, 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n');
  return file;
}
