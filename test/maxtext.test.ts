/**
 * MaxText's and Levanter's layouts without flags and with --preset: unscanned decoder.layers_N
 * <-> scanned decoder.layers (layers on axis 1, after the expert axis in MoE blocks), and
 * Levanter's layers.stacked; both ways bit for bit, in safetensors and JSON.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { convert } from '../src/convert.js';
import { layoutOptionsFrom } from '../src/cli/options.js';
import { analyzeLayout } from '../src/layout/analyze.js';
import { openCheckpoint } from '../src/format/open.js';
import { memoryRef, type TensorIndex } from '../src/format/types.js';
import { writeJson } from '../src/format/json.js';
import { copyOf } from '../src/format/stream.js';
import { dump, tmpDir, writeSynthetic, type TensorSpec } from './helpers.js';
import { maxtextScanned, maxtextUnscanned, type MaxTextDims } from './maxtextTrees.js';

const DENSE: MaxTextDims = { E: 8, L: 3, H: 2, D: 4, KV: 1, M: 12, V: 10 };
const MOE: MaxTextDims = { ...DENSE, X: 4 };

const asDump = (specs: Record<string, TensorSpec>) =>
  new Map(Object.entries(specs).map(([name, s]) => [name, { dtype: s.dtype as string, shape: [...s.shape], hex: Buffer.from(s.bytes!).toString('hex') }]));

const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

for (const [label, dims] of [
  ['dense', DENSE],
  ['MoE', MOE],
] as const) {
  for (const preset of [undefined, 'maxtext'] as const) {
    for (const ext of ['safetensors', 'json'] as const) {
      test(`MaxText ${label} ${ext}: unscanned -> scanned on axis 1 -> unscanned, bit for bit, ${preset ? '--preset maxtext' : 'no flags'}`, async () => {
        const dir = tmpDir();
        const un = path.join(dir, `un.${ext}`);
        const scan = path.join(dir, `scan.${ext}`);
        const back = path.join(dir, `back.${ext}`);
        // As a training framework writes it: no scanconv provenance.
        const specs = maxtextUnscanned(dims);
        if (ext === 'json') await writeJson(un, Object.entries(specs).map(([n, s]) => copyOf(memoryRef(n, s.dtype, s.shape, s.bytes!))), {}, '.');
        else await writeSynthetic(un, specs);
        const flags = layoutOptionsFrom({ preset });
        const r1 = await convert(un, scan, flags);
        assert.equal(r1.from, 'pyloop');
        assert.equal(r1.layers, dims.L);
        const scanned = dump(scan);
        assert.deepEqual(sorted(new Map([...scanned].filter(([k]) => !k.startsWith('__')))), sorted(asDump(maxtextScanned(dims))));
        const r2 = await convert(scan, back, flags);
        assert.equal(r2.to, 'pyloop');
        assert.deepEqual(sorted(dump(back)), sorted(dump(un)));
      });
    }
  }
}

test('MaxText scanned checkpoint without provenance (as MaxText saves it) unscans without flags: layers_N from axis 1', async () => {
  const dir = tmpDir();
  const scan = path.join(dir, 'scan.safetensors');
  await writeSynthetic(scan, maxtextScanned(MOE));
  const index = openCheckpoint(scan);
  try {
    const a = analyzeLayout(index);
    assert.equal(a.layout, 'scan');
    assert.equal(a.options.stack, 'layers');
    assert.equal(a.options.axis, 1);
    assert.deepEqual([...a.depths], [['params.params.decoder', MOE.L]]);
  } finally {
    index.close();
  }
  const back = path.join(dir, 'un.safetensors');
  await convert(scan, back);
  assert.deepEqual(sorted(dump(back)), sorted(asDump(maxtextUnscanned(MOE))));
  // --preset maxtext gives the same.
  const back2 = path.join(dir, 'un2.safetensors');
  await convert(scan, back2, layoutOptionsFrom({ preset: 'maxtext' }));
  assert.deepEqual(sorted(dump(back2)), sorted(dump(back)));
  // Scanned back without flags: on axis 1 again, the original tensors byte for byte.
  const again = path.join(dir, 'again.safetensors');
  await convert(back, again);
  assert.deepEqual(sorted(dump(again)), sorted(asDump(maxtextScanned(MOE))));
});

/** A tree whose shapes agree on axis 0 and on axis 1: the layer axis cannot be read from them. */
function ambiguous(): TensorIndex {
  const ref = (name: string) => memoryRef(name, 'F32', [4, 4, 2], new Uint8Array(128));
  const tensors = new Map([ref('params.params.decoder.layers.mlp.wi_0.kernel'), ref('params.params.decoder.layers.mlp.wo.kernel')].map((r) => [r.name, r]));
  return { path: 'ambiguous.safetensors', format: 'safetensors', tensors, metadata: {}, sep: '.', close() {} };
}

test('MaxText scanned layers whose axis the shapes cannot tell: exit 2 asking for --axis; --axis or --preset decides', () => {
  assert.throws(() => analyzeLayout(ambiguous()), {
    code: 'AXIS_UNKNOWN',
    message:
      "ambiguous.safetensors: cannot tell the layer axis of MaxText's scanned layers (params.params.decoder.layers.mlp.wi_0…) from the shapes: every tensor has 4 on axis 0 and 4 on axis 1; pass --axis 1 (MaxText's param_scan_axis) or --axis 0",
  });
  assert.equal(analyzeLayout(ambiguous(), { axis: 0 }).options.axis, 0);
  assert.equal(analyzeLayout(ambiguous(), layoutOptionsFrom({ preset: 'maxtext' })).options.axis, 1);
});

test('Levanter: layers.stacked unstacks to layers.N without flags, and --preset levanter stacks back into layers.stacked', async () => {
  const dir = tmpDir();
  const L = 3;
  const specs: Record<string, TensorSpec> = {
    'model.layers.stacked.mlp.gate_proj.weight': { dtype: 'BF16', shape: [L, 6, 4] },
    'model.layers.stacked.input_layernorm.weight': { dtype: 'F32', shape: [L, 4] },
    'model.embed_tokens.weight': { dtype: 'BF16', shape: [10, 4] },
  };
  const stacked = path.join(dir, 'lev.safetensors');
  await writeSynthetic(stacked, specs);
  const hf = path.join(dir, 'hf.safetensors');
  const r = await convert(stacked, hf);
  assert.equal(r.layers, L);
  const names = [...dump(hf).keys()].sort();
  assert.deepEqual(names.filter((n) => n.includes('.layers.')).slice(0, 2), ['model.layers.0.input_layernorm.weight', 'model.layers.0.mlp.gate_proj.weight']);
  // Hugging Face names carry no provenance of Levanter: the preset says where they go.
  const plain = path.join(dir, 'plain.safetensors');
  await writeSynthetic(plain, Object.fromEntries([...dump(hf)].map(([n, t]) => [n, { dtype: t.dtype as 'BF16', shape: t.shape, bytes: Buffer.from(t.hex, 'hex') }])));
  const again = path.join(dir, 'again.safetensors');
  await convert(plain, again, layoutOptionsFrom({ preset: 'levanter' }));
  const want = dump(stacked);
  assert.deepEqual(sorted(new Map([...dump(again)].filter(([k]) => want.has(k)))), sorted(want));
  assert.equal(dump(again).size, want.size);
});

test('explicit flags win over a preset', () => {
  assert.deepEqual(layoutOptionsFrom({ preset: 'maxtext', axis: 0 }), { layerPattern: '^layers_(\\d+)$', stack: 'layers', axis: 0, numLayers: undefined, from: undefined, sep: undefined, optimizerState: undefined, blockSize: undefined });
});

test("Hugging Face's decoder.layers.N (BART, Whisper) is not taken for MaxText's scanned layers", () => {
  const ref = (name: string) => memoryRef(name, 'F32', [2, 3], new Uint8Array(24));
  const tensors = new Map(['model.decoder.layers.0.fc1.weight', 'model.decoder.layers.1.fc1.weight'].map((n) => [n, ref(n)]));
  const a = analyzeLayout({ path: 'hf.safetensors', format: 'safetensors', tensors, metadata: {}, sep: '.', close() {} });
  assert.equal(a.layout, 'pyloop');
  assert.equal(a.options.stack, 'blocks');
  assert.equal(a.options.axis, 0);
});
