/**
 * The Orbax/OCDBT/zarr/T5X reader: the three real checkpoints (written by orbax-checkpoint,
 * tensorstore and T5X) read with the values their README gives, through the library and the
 * CLI; MaxText-shaped checkpoints written by test/orbaxWriter.ts (zarr v2 and v3, inside and
 * outside OCDBT, several chunks per array, deep B+trees, out-of-line values, unmerged
 * per-process databases) read bit for bit and converted like the same tree in safetensors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { inspect } from '../src/inspect.js';
import { checkFile } from '../src/check.js';
import { cli, fixture, randomBytes, sortedDump, tmpDir, writeSynthetic } from './helpers.js';
import { metadataJson, writeFiles, writeOcdbt, zarrV2, zarrV3, type ArrayData } from './orbaxWriter.js';

const ORBAX = (name: string) => fixture('orbax', name);

function values(dir: string, optimizerState = false): Record<string, { dtype: string; shape: number[]; values: (number | bigint)[] }> {
  const index = openCheckpoint(dir, { optimizerState });
  try {
    const out: Record<string, { dtype: string; shape: number[]; values: (number | bigint)[] }> = {};
    for (const [name, ref] of index.tensors) {
      const b = readAll(ref);
      const buf = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
      const typed = ref.dtype === 'I64' ? new BigInt64Array(buf) : ref.dtype === 'I32' ? new Int32Array(buf) : ref.dtype === 'F32' ? new Float32Array(buf) : new Float64Array(buf);
      out[name] = { dtype: ref.dtype, shape: [...ref.shape], values: [...typed] };
    }
    return out;
  } finally {
    index.close();
  }
}

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

test('Orbax v1 composite checkpoint (OCDBT + zarr v3 sharded, zstd): its PyTree item "state" with a = [0..7], b.c = [1, 2, 3]', () => {
  const v = values(ORBAX('orbax_v1_composite_ocdbt_zarr3'));
  assert.deepEqual(v, { a: { dtype: 'I32', shape: [8], values: range(8, (i) => i) }, 'b.c': { dtype: 'I32', shape: [3], values: [1, 2, 3] } });
  const r = inspect(ORBAX('orbax_v1_composite_ocdbt_zarr3'));
  assert.equal(r.format, 'orbax');
  assert.deepEqual({ ...r.storage }, {
    item: path.join(ORBAX('orbax_v1_composite_ocdbt_zarr3'), 'state'), layout: 'Orbax PyTree in OCDBT', zarr: 'zarr v3', compression: 'sharded(zstd)',
    chunking: '2 chunks over 2 arrays', ocdbt: '1 database, zstd nodes, B+tree height 0, 1 nodes, 4 keys',
  });
  // The per-process database beside the merged root holds the same keys (its 4th version).
  const f = tmpDir();
  fs.cpSync(path.join(ORBAX('orbax_v1_composite_ocdbt_zarr3'), 'state'), path.join(f, 'state'), { recursive: true });
  fs.rmSync(path.join(f, 'state', 'manifest.ocdbt'));
  assert.deepEqual(values(path.join(f, 'state')), v);
  assert.match(inspect(path.join(f, 'state')).storage!.ocdbt, /^1 database, zstd nodes, B\+tree height 0, 1 nodes, 4 keys$/);
});

test('legacy Orbax (msgpack checkpoint with PLACEHOLDER:// beside zarr v2 dirs): a, b from zarr, c.a, c.e inline, int64', () => {
  const v = values(ORBAX('orbax_legacy_aggregate_some'));
  const big = (xs: number[]) => xs.map(BigInt);
  assert.deepEqual(v, {
    a: { dtype: 'I64', shape: [8], values: big(range(8, (i) => i)) },
    b: { dtype: 'I64', shape: [16], values: big(range(16, (i) => 2 * i)) },
    'c.a': { dtype: 'I64', shape: [2, 4], values: big(range(8, (i) => 3 * i)) },
    'c.e': { dtype: 'I64', shape: [4, 4], values: big(range(16, (i) => 4 * i)) },
  });
  assert.equal(inspect(ORBAX('orbax_legacy_aggregate_some')).storage!.layout, 'Orbax msgpack checkpoint');
});

test('T5X (msgpack of tensorstore specs, gzip chunks): optimizer state only, read with --optimizer-state', () => {
  assert.throws(() => openCheckpoint(ORBAX('t5x_tiny_t5_checkpoint_1')), { code: 'ONLY_OPTIMIZER_STATE', message: /holds only optimizer state \(4 arrays, e\.g\. state\.param_states\.bias\); pass --optimizer-state to read it$/ });
  const v = values(ORBAX('t5x_tiny_t5_checkpoint_1'), true);
  assert.deepEqual(Object.keys(v), ['state.param_states.bias', 'state.param_states.kernel', 'state.param_states.step', 'state.step']);
  assert.deepEqual(v['state.param_states.bias'], { dtype: 'F32', shape: [5], values: [1, 1, 1, 1, 1] });
  assert.deepEqual(v['state.param_states.step'], { dtype: 'I32', shape: [], values: [1] });
  assert.deepEqual(v['state.step'], { dtype: 'I32', shape: [], values: [1] });
  assert.equal(v['state.param_states.kernel'].dtype, 'F64');
  assert.deepEqual(v['state.param_states.kernel'].shape, [10, 5]);
  assert.equal(v['state.param_states.kernel'].values[0], 0.15038408334454245);
});

test('CLI: inspect and check on the real checkpoints (every chunk decoded, every CRC checked)', () => {
  const r = cli(['check', ORBAX('orbax_v1_composite_ocdbt_zarr3'), ORBAX('orbax_legacy_aggregate_some')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /orbax_v1_composite_ocdbt_zarr3: orbax, no layer groups, 2 chunks of 2 zarr arrays decoded \(every CRC-32C there is checked\), 2 tensors/);
  assert.match(r.stdout, /orbax_legacy_aggregate_some: orbax, no layer groups, 2 chunks of 2 zarr arrays decoded/);
  const t = cli(['check', '--optimizer-state', ORBAX('t5x_tiny_t5_checkpoint_1')]);
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /3 chunks of 3 zarr arrays decoded.*, 4 tensors/);
  const i = cli(['inspect', ORBAX('orbax_v1_composite_ocdbt_zarr3')]);
  assert.equal(i.status, 0, i.stderr);
  assert.match(i.stdout, /zarr:\s+zarr v3\ncompression: sharded\(zstd\)\nchunking:\s+2 chunks over 2 arrays\nocdbt:\s+1 database, zstd nodes/);
});

// A MaxText-shaped scanned tree: layers on axis 1, E=6, L=3, M=5, bf16, plus optimizer state.
const E = 6;
const L = 3;
const M = 5;
function maxTextArrays(): Map<string, ArrayData> {
  let seed = 7;
  const arr = (shape: number[], dtype: ArrayData['dtype'] = 'BF16'): ArrayData => ({ dtype, shape, bytes: randomBytes(shape.reduce((a, b) => a * b, 1) * (dtype === 'F32' ? 4 : 2), seed++) });
  return new Map([
    ['params.params.decoder.decoder_norm.scale', arr([E])],
    ['params.params.decoder.layers.mlp.wi_0.kernel', arr([E, L, M])],
    ['params.params.decoder.layers.mlp.wo.kernel', arr([M, L, E])],
    ['params.params.decoder.layers.pre_self_attention_layer_norm.scale', arr([E, L])],
    ['params.params.token_embedder.embedding', arr([11, E], 'F32')],
    ['opt_state.mu.params.decoder.decoder_norm.scale', arr([E], 'F32')],
  ]);
}

type Variant = { name: string; write: (dir: string, arrays: Map<string, ArrayData>) => void };
const chunksFor = (shape: number[]) => shape.map((d) => Math.max(1, Math.ceil(d / 2)));
const VARIANTS: Variant[] = [
  {
    name: 'OCDBT + zarr v3 sharded, deep B+tree (fan-out 2), out-of-line values',
    write: (dir, arrays) => {
      const kv = new Map<string, Uint8Array>();
      for (const [n, a] of arrays) for (const [k, v] of zarrV3(n, a, chunksFor(a.shape).map((c, i) => (i === 0 ? c : 2 * c)), chunksFor(a.shape))) kv.set(k, v);
      writeOcdbt(dir, kv, { fanout: 2, maxInline: 40 });
      fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson([...arrays.keys()]));
    },
  },
  {
    name: 'OCDBT + zarr v2 (zstd, several chunks), uncompressed nodes, unmerged per-process databases',
    write: (dir, arrays) => {
      const names = [...arrays.keys()];
      names.forEach((n, i) => writeOcdbt(path.join(dir, `ocdbt.process_${i % 2}`), zarrV2(n, arrays.get(n)!, chunksFor(arrays.get(n)!.shape)), { zstd: false, fanout: 3 }));
      // Each process database holds its own arrays: rewrite with every array of that process.
      for (const p of [0, 1]) {
        const kv = new Map<string, Uint8Array>();
        names.forEach((n, i) => { if (i % 2 === p) for (const [k, v] of zarrV2(n, arrays.get(n)!, chunksFor(arrays.get(n)!.shape))) kv.set(k, v); });
        fs.rmSync(path.join(dir, `ocdbt.process_${p}`), { recursive: true });
        writeOcdbt(path.join(dir, `ocdbt.process_${p}`), kv, { zstd: false, fanout: 3 });
      }
      fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson(names));
    },
  },
  {
    name: 'plain zarr v2 directories (use_ocdbt=False), gzip and "/" separators',
    write: (dir, arrays) => {
      for (const [n, a] of arrays) writeFiles(dir, zarrV2(n, a, chunksFor(a.shape), 'gzip', '/'));
      fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson([...arrays.keys()]));
    },
  },
];

for (const variant of VARIANTS) {
  test(`MaxText-shaped scanned checkpoint, ${variant.name}: read bit for bit, converted like the same tree in safetensors`, async () => {
    const dir = tmpDir();
    const arrays = maxTextArrays();
    const ckpt = path.join(dir, '0', 'items');
    fs.mkdirSync(ckpt, { recursive: true });
    fs.writeFileSync(path.join(dir, '0', '_CHECKPOINT_METADATA'), '{}');
    variant.write(ckpt, arrays);
    // The step directory opens its one PyTree item; optimizer state is left out unless asked.
    const index = openCheckpoint(path.join(dir, '0'));
    try {
      assert.deepEqual([...index.tensors.keys()].sort(), [...arrays.keys()].filter((n) => !n.startsWith('opt_state')).sort());
      for (const [n, ref] of index.tensors) {
        const want = arrays.get(n)!;
        assert.deepEqual([ref.dtype, [...ref.shape]], [want.dtype, want.shape], n);
        assert.ok(Buffer.from(readAll(ref)).equals(Buffer.from(want.bytes)), n);
        // Odd byte ranges read the same bytes as the whole.
        const piece = new Uint8Array(ref.byteLength);
        for (let off = 0; off < ref.byteLength; off += 7) ref.readInto(piece, off, off, Math.min(7, ref.byteLength - off));
        assert.ok(Buffer.from(piece).equals(Buffer.from(want.bytes)), `${n} by 7-byte ranges`);
      }
    } finally {
      index.close();
    }
    assert.equal(checkFile(path.join(dir, '0')).code, 0);
    if (variant.name.includes('deep')) assert.match(inspect(path.join(dir, '0')).storage!.ocdbt, /^1 database, zstd nodes, B\+tree height [2-9], \d+ nodes, \d+ keys$/);
    if (variant.name.includes('per-process')) assert.match(inspect(path.join(dir, '0')).storage!.ocdbt, /^2 unmerged per-process databases, none nodes/);
    const st = path.join(dir, 'same.safetensors');
    await writeSynthetic(st, Object.fromEntries([...arrays].filter(([n]) => !n.startsWith('opt_state')).map(([n, a]) => [n, { dtype: a.dtype, shape: a.shape, bytes: a.bytes }])));
    const flags = ['--layers', '^layers_(\\d+)$', '--stack', 'layers', '--axis', '1'];
    const fromOrbax = cli(['convert', path.join(dir, '0'), '-o', path.join(dir, 'a.safetensors'), ...flags]);
    assert.equal(fromOrbax.status, 0, fromOrbax.stderr);
    assert.equal(cli(['convert', st, '-o', path.join(dir, 'b.safetensors'), ...flags]).status, 0);
    const a = sortedDump(path.join(dir, 'a.safetensors'));
    assert.ok(Object.keys(a).includes('params.params.decoder.layers_2.mlp.wo.kernel'));
    assert.deepEqual(a, sortedDump(path.join(dir, 'b.safetensors')));
    const v = cli(['verify', '--params-only', path.join(dir, '0'), path.join(dir, 'a.safetensors'), ...flags]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /PASSED/);
  });
}
