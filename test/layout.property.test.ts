import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dtypeSize, numel, type DType } from '../src/format/dtype.js';
import { memoryRef, readAll, type TensorIndex, type TensorRef } from '../src/format/types.js';
import { materialize, type OutputTensor } from '../src/format/stream.js';
import { planConversion } from '../src/layout/plan.js';
import { analyzeLayout } from '../src/layout/analyze.js';
import { layerNamer } from '../src/layout/naming.js';
import { randomBytes } from './helpers.js';

function memoryIndex(refs: TensorRef[], metadata: Record<string, string> = {}, sep = '.'): TensorIndex {
  return { path: 'mem', format: 'safetensors', tensors: new Map(refs.map((r) => [r.name, r])), metadata, sep, close: () => undefined };
}

/** Run a plan's outputs through memory, as a writer + reader would. */
function realize(outputs: readonly OutputTensor[], metadata: Record<string, string>, sep: string): TensorIndex {
  return memoryIndex(outputs.map((o) => memoryRef(o.name, o.dtype, o.shape, materialize(o))), metadata, sep);
}

function snapshot(index: TensorIndex): Record<string, string> {
  return Object.fromEntries([...index.tensors].map(([k, r]) => [k, `${r.dtype}${JSON.stringify(r.shape)}${Buffer.from(readAll(r)).toString('hex')}`]).sort());
}

const DTYPES: DType[] = ['F32', 'BF16', 'F16', 'I32', 'U8', 'F64'];

const treeArb = fc.record({
  layers: fc.integer({ min: 1, max: 13 }),
  leaves: fc.array(fc.record({ shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }), dtype: fc.constantFrom(...DTYPES) }), { minLength: 1, maxLength: 4 }),
  carried: fc.integer({ min: 0, max: 2 }),
  prefix: fc.constantFrom([] as string[], ['params'], ['params', 'decoder']),
  pattern: fc.constantFrom('^layer_(\\d+)$', '^layers_(\\d+)$', '^x_layers_(\\d+)$', '^(\\d+)$'),
  sep: fc.constantFrom('.', '/'),
  axisPick: fc.nat(),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

test('property: pyloop -> scan -> pyloop is the identity for random trees, dtypes, axes and patterns', () => {
  fc.assert(
    fc.property(treeArb, (t) => {
      const name = layerNamer(t.pattern);
      const minRank = Math.min(...t.leaves.map((l) => l.shape.length));
      const axis = t.axisPick % (minRank + 1);
      let seed = t.seed;
      const refs: TensorRef[] = [];
      for (let c = 0; c < t.carried; c++) {
        const key = [...t.prefix, `carried_${c}`].join(t.sep);
        refs.push(memoryRef(key, 'F32', [3], randomBytes(12, seed++)));
      }
      for (let i = 0; i < t.layers; i++) {
        t.leaves.forEach((leaf, j) => {
          const key = [...t.prefix, name(i), `mod_${j}`, 'w'].join(t.sep);
          refs.push(memoryRef(key, leaf.dtype, leaf.shape, randomBytes(numel(leaf.shape) * dtypeSize(leaf.dtype), seed++)));
        });
      }
      const original = memoryIndex(refs, {}, t.sep);
      const toScan = planConversion(analyzeLayout(original, { layerPattern: t.pattern, axis }), 'scan');
      assert.equal(toScan.layers, t.layers);
      const scan = realize(toScan.outputs, toScan.metadata, t.sep);
      for (const [j, leaf] of t.leaves.entries()) {
        const stacked = scan.tensors.get([...t.prefix, 'blocks', `mod_${j}`, 'w'].join(t.sep))!;
        assert.deepEqual(stacked.shape, [...leaf.shape.slice(0, axis), t.layers, ...leaf.shape.slice(axis)]);
      }
      // The reverse needs no flags: the plan's provenance carries pattern and axis.
      const back = planConversion(analyzeLayout(scan), 'pyloop');
      assert.deepEqual(snapshot(realize(back.outputs, {}, t.sep)), snapshot(original));
    }),
    { numRuns: 300 },
  );
});

test('property: scan -> pyloop -> scan is the identity', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
      fc.nat(),
      fc.integer({ min: 1, max: 10_000 }),
      (L, shape, axisPick, seed) => {
        const axis = axisPick % (shape.length + 1);
        const stackedShape = [...shape.slice(0, axis), L, ...shape.slice(axis)];
        const ref = memoryRef('params.blocks.w', 'BF16', stackedShape, randomBytes(numel(stackedShape) * 2, seed));
        const scan = memoryIndex([ref, memoryRef('params.head', 'F32', [2], randomBytes(8, seed + 1))]);
        const py = planConversion(analyzeLayout(scan, { axis }), 'pyloop');
        assert.equal(py.outputs.length, L + 1);
        const again = planConversion(analyzeLayout(realize(py.outputs, {}, '.'), { axis }), 'scan');
        assert.deepEqual(snapshot(realize(again.outputs, {}, '.')), snapshot(scan));
      },
    ),
    { numRuns: 200 },
  );
});

test('layers are ordered by integer index, not by name: layer_10 stacks after layer_9', () => {
  const refs: TensorRef[] = [];
  for (const i of [10, 2, 0, 1, 9, 3, 4, 5, 6, 7, 8]) refs.push(memoryRef(`layer_${i}.w`, 'U8', [1], new Uint8Array([i])));
  const plan = planConversion(analyzeLayout(memoryIndex(refs)), 'scan');
  assert.deepEqual([...materialize(plan.outputs[0])], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

test('layer names are derived from the pattern, and unusable patterns are refused', () => {
  assert.equal(layerNamer('^layer_(\\d+)$')(7), 'layer_7');
  assert.equal(layerNamer('^x\\.layers_(\\d+)_end$')(3), 'x.layers_3_end');
  assert.throws(() => layerNamer('^layer_\\d+$'), { message: 'cannot derive layer names from --layers "^layer_\\\\d+$": it needs one capture group for the index' });
  assert.throws(() => layerNamer('^lay.r_(\\d+)$'), /"\." outside the index group is not a literal/);
});

test('property: several groups of random depths (encoder/decoder-like) round trip through scan and shared, each at its own depth', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('^layer_(\\d+)$', '^blk(\\d+)$', undefined),
      fc.constantFrom(0, 1),
      fc.integer({ min: 1, max: 1_000_000 }),
      (depths, pattern, axis, seed) => {
        // Without a pattern the default rules apply: HF-style numeric children of a `layers` node.
        const name = pattern ? layerNamer(pattern) : String;
        const groupPath = (g: number) => (pattern ? ['m', `g${g}`] : ['m', `g${g}`, 'layers']);
        const refs: TensorRef[] = [memoryRef('m.head', 'F32', [2], randomBytes(8, seed))];
        depths.forEach((L, g) => {
          for (let i = 0; i < L; i++) {
            refs.push(memoryRef([...groupPath(g), name(i), 'w'].join('.'), 'BF16', [2, g + 1], randomBytes(4 * (g + 1), seed + 10 * g + i)));
          }
        });
        const original = memoryIndex(refs);
        const given = { layerPattern: pattern, axis };
        const a = analyzeLayout(original, given);
        assert.deepEqual([...a.depths.values()], depths);
        const toScan = planConversion(a, 'scan');
        const scan = realize(toScan.outputs, toScan.metadata, '.');
        depths.forEach((L, g) => assert.equal(scan.tensors.get([...groupPath(g), 'blocks', 'w'].join('.'))!.shape[axis], L));
        const back = planConversion(analyzeLayout(scan), 'pyloop');
        assert.deepEqual(snapshot(realize(back.outputs, back.metadata, '.')), snapshot(original));
        // The same through the shared layout, from layers made identical.
        const same = memoryIndex(refs.map((r) => memoryRef(r.name, r.dtype, r.shape, new Uint8Array(r.byteLength).fill(7))));
        const toShared = planConversion(analyzeLayout(same, given), 'shared');
        const shared = realize(toShared.outputs, toShared.metadata, '.');
        const again = planConversion(analyzeLayout(shared), 'pyloop');
        assert.deepEqual(snapshot(realize(again.outputs, {}, '.')), snapshot(same));
      },
    ),
    { numRuns: 150 },
  );
});
