import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { numel } from '../src/format/dtype.js';
import { sameSource, sourceRuns } from '../src/format/sources.js';
import { outputAsRef } from '../src/format/stream.js';
import { memoryRef, readAll, type TensorIndex, type TensorRef } from '../src/format/types.js';
import { stackTensors, unstackTensor } from '../src/layout/pieces.js';
import { carriedOptions, convertedIndex } from '../src/layout/plan.js';
import { analyzeLayout } from '../src/layout/analyze.js';
import { paramCheck } from '../src/verify/paramCheck.js';
import { randomBytes } from './helpers.js';

const layerRefs = (L: number, shape: number[], seed: number) => Array.from({ length: L }, (_, i) => memoryRef(`w${i}`, 'F32', shape, randomBytes(numel(shape) * 4, seed + i)));

test('property: a layer slice of a stacked view reads exactly that layer (sound: same source => same bytes)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }), fc.nat(), fc.integer({ min: 1, max: 1e6 }), (L, shape, axisPick, seed) => {
      const refs = layerRefs(L, shape, seed);
      const axis = axisPick % (shape.length + 1);
      const stacked = outputAsRef(stackTensors('s', refs, axis));
      for (let i = 0; i < L; i++) {
        const slice = outputAsRef(unstackTensor('s', stacked, axis, i));
        assert.equal(sameSource(slice, refs[i]), true, `slice ${i} on axis ${axis}`);
        assert.deepEqual(readAll(slice), readAll(refs[i]));
        for (let j = 0; j < L; j++) if (j !== i) assert.equal(sameSource(slice, refs[j]), false, `slice ${i} vs layer ${j}`);
      }
    }),
    { numRuns: 200 },
  );
});

test('sourceRuns merges contiguous runs and gives up (null) on a very fine interleave', () => {
  const refs = layerRefs(3, [4, 2], 7);
  const stacked = outputAsRef(stackTensors('s', refs, 1));
  // 4 outer rows x 3 layers of 8 bytes, but layer 1's slice is one run of its whole 32 bytes.
  assert.deepEqual(sourceRuns(outputAsRef(unstackTensor('s', stacked, 1, 1)))?.map((r) => [r.ref.name, r.offset, r.length]), [['w1', 0, 32]]);
  const fine = layerRefs(2, [70000, 1], 1);
  assert.equal(sourceRuns(outputAsRef(unstackTensor('s', outputAsRef(stackTensors('s', fine, 1)), 1, 0))), null);
});

/** A ref that fails the test if anything reads it. */
const unreadable = (ref: TensorRef): TensorRef => ({ ...ref, readInto: () => assert.fail(`${ref.name} was read`) });

function pyloopIndex(L: number, unreadableBytes: boolean): TensorIndex {
  const refs: TensorRef[] = [];
  for (let l = 0; l < L; l++) {
    for (const [leaf, shape] of [['Dense_0.kernel', [3, 4]], ['Dense_0.bias', [4]]] as const) {
      const ref = memoryRef(`params.layer_${l}.${leaf}`, 'F32', [...shape], randomBytes(numel([...shape]) * 4, 100 * l + shape.length));
      refs.push(unreadableBytes ? unreadable(ref) : ref);
    }
  }
  return { path: 'mem', format: 'safetensors', tensors: new Map(refs.map((r) => [r.name, r])), metadata: {}, sep: '.', close: () => undefined };
}

test('param check of a checkpoint against its own in-memory conversion proves every slice without reading a byte', () => {
  const index = pyloopIndex(12, true);
  const a = analyzeLayout(index);
  const b = analyzeLayout(convertedIndex(index, a, 'scan'), carriedOptions(a));
  assert.deepEqual(paramCheck(a, b), { checked: 24, equal: true, mismatches: [] });
});

test('param check still reads and compares bytes when a view maps a slice to the wrong layer', () => {
  const index = pyloopIndex(3, false);
  const a = analyzeLayout(index);
  const scan = convertedIndex(index, a, 'scan');
  // A plan bug: the stacked kernel built with layers 1 and 2 swapped.
  const refs = [0, 2, 1].map((l) => index.tensors.get(`params.layer_${l}.Dense_0.kernel`)!);
  const tensors = new Map(scan.tensors).set('params.blocks.Dense_0.kernel', outputAsRef(stackTensors('params.blocks.Dense_0.kernel', refs, 0)));
  const b = analyzeLayout({ ...scan, tensors }, carriedOptions(a));
  assert.deepEqual(paramCheck(a, b).mismatches.map(({ key, layer }) => ({ key, layer })), [
    { key: 'params.blocks.Dense_0.kernel', layer: 1 },
    { key: 'params.blocks.Dense_0.kernel', layer: 2 },
  ]);
});
