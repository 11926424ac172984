/**
 * Structure-aware fuzzing of the layout engine: valid trees (several groups of random depths,
 * notebook and Hugging Face naming, object-key names), in each layout, then mutated where the
 * layout engine looks (scanconv.* metadata, a dropped tensor, a renamed segment, a changed shape).
 * Every case ends in a typed ScanconvError, or in conversions that come back to the input's
 * tensors exactly; never another exception, and Object.prototype is never touched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScanconvError } from '../src/errors.js';
import { memoryRef, readAll, type TensorIndex, type TensorRef } from '../src/format/types.js';
import { materialize } from '../src/format/stream.js';
import { planConversion, type LayoutPlan } from '../src/layout/plan.js';
import { analyzeLayout, LAYOUTS } from '../src/layout/analyze.js';
import { seededRandom } from '../src/verify/inputs.js';
import { randomBytes } from './helpers.js';

const CASES = 4000;
const SEGMENTS = ['model', 'encoder', 'decoder', 'x', '__proto__', 'constructor', 'prototype'];
const META_VALUES: Record<string, string[]> = {
  'scanconv.layers': ['0', '-5', '1e11', '3', '2', '{"model":2}', '{"__proto__":2}', '{"a":', '65537'],
  'scanconv.axis': ['-1', '0', '1', '7', 'x', '1e3'],
  'scanconv.layer_pattern': ['^layer_(\\d+)$', '^(\\d+)$', '^(?:(?:a|a)*)*(\\d+)$', '(', '^x(\\d+)$', '^layer_(\\d+)'],
  'scanconv.layout': ['scan', 'shared', 'pyloop', 'bogus'],
  'scanconv.stack': ['blocks', '', 'a.b', '__proto__', 'h'],
};

function memoryIndex(refs: readonly TensorRef[], metadata: Record<string, string>): TensorIndex {
  return { path: 'mem', format: 'safetensors', tensors: new Map(refs.map((r) => [r.name, r])), metadata, sep: '.', close: () => undefined };
}
const realize = (p: LayoutPlan) => memoryIndex(p.outputs.map((o) => memoryRef(o.name, o.dtype, o.shape, materialize(o))), p.metadata);
const snapshot = (ix: TensorIndex) =>
  [...ix.tensors].map(([k, r]) => `${k}:${r.dtype}${JSON.stringify(r.shape)}${Buffer.from(readAll(r)).toString('hex')}`).sort().join('\n');

/** A valid pyloop tree: 1-3 groups of depth 1-5 under random parents, identical layers when `same`. */
function pyloopTree(rand: () => number, same: boolean): TensorRef[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const refs: TensorRef[] = [memoryRef('head', 'F32', [2], randomBytes(8, Math.floor(rand() * 1e6)))];
  const groups = 1 + Math.floor(rand() * 3);
  for (let g = 0; g < groups; g++) {
    const hf = rand() < 0.5;
    const parent = [pick(SEGMENTS), `g${g}`, ...(hf ? [pick(['layers', 'h', 'layer'])] : [])];
    const depth = 1 + Math.floor(rand() * 5);
    const leaves = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, j) => ({ name: j === 0 ? pick(SEGMENTS) : `w${j}`, shape: [1 + Math.floor(rand() * 3), 2] }));
    const seed = Math.floor(rand() * 1e6);
    for (let i = 0; i < depth; i++) {
      for (const [j, leaf] of leaves.entries()) {
        const name = [...parent, hf ? String(i) : `layer_${i}`, leaf.name].join('.');
        refs.push(memoryRef(name, 'BF16', leaf.shape, randomBytes(leaf.shape[0] * 4, same ? seed + j : seed + 7 * i + j)));
      }
    }
  }
  return refs;
}

/** One structural mutation where the layout engine looks. */
function mutate(rand: () => number, refs: TensorRef[], metadata: Record<string, string>): TensorRef[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const kind = Math.floor(rand() * 5);
  if (kind <= 1) {
    const key = pick(Object.keys(META_VALUES));
    metadata[key] = pick(META_VALUES[key]);
    return refs;
  }
  const victim = Math.floor(rand() * refs.length);
  if (kind === 2) return refs.filter((_, i) => i !== victim);
  const r = refs[victim];
  if (kind === 3) {
    const path = r.name.split('.');
    path[Math.floor(rand() * path.length)] = pick(['__proto__', '0', 'layer_9', 'layers', 'blocks', 'layer_01']);
    const name = path.join('.');
    if (refs.some((x) => x.name === name)) return refs;
    return refs.map((x, i) => (i === victim ? memoryRef(name, x.dtype, x.shape, readAll(x)) : x));
  }
  const shape = [r.shape[0] + 1, ...r.shape.slice(1)];
  return refs.map((x, i) => (i === victim ? memoryRef(x.name, x.dtype, shape, randomBytes((x.byteLength / r.shape[0]) * shape[0], 5)) : x));
}

test(`fuzz: ${CASES} mutated layer trees end in a typed error or exact round trips, and pollute nothing`, () => {
  const rand = seededRandom(20261127);
  const before = Object.getOwnPropertyNames(Object.prototype).sort().join();
  const outcomes = new Map<string, number>();
  for (let c = 0; c < CASES; c++) {
    const same = rand() < 0.3;
    let refs = pyloopTree(rand, same);
    let metadata: Record<string, string> = {};
    const start = LAYOUTS[Math.floor(rand() * LAYOUTS.length)];
    try {
      if (start !== 'pyloop') {
        const plan = planConversion(analyzeLayout(memoryIndex(refs, {}), { axis: Math.floor(rand() * 2) }), start);
        const ix = realize(plan);
        refs = [...ix.tensors.values()];
        metadata = { ...ix.metadata };
      }
    } catch (e) {
      if (!(e instanceof ScanconvError)) throw e; // a tree made identical on purpose may still be refused for shared
      continue;
    }
    for (let m = 1 + Math.floor(rand() * 2); m > 0; m--) refs = mutate(rand, refs, metadata);
    const input = memoryIndex(refs, metadata);
    try {
      const a = analyzeLayout(input);
      for (const to of LAYOUTS.filter((l) => l !== a.layout)) {
        let there: TensorIndex;
        try {
          there = realize(planConversion(a, to));
        } catch (e) {
          if (e instanceof ScanconvError) continue; // e.g. layers that differ, for --to shared
          throw e;
        }
        // The way back needs no flags, except the axis a pyloop form cannot record.
        const back = planConversion(analyzeLayout(there, a.layout === 'scan' ? { axis: a.options.axis } : {}), a.layout);
        assert.equal(snapshot(realize(back)), snapshot(input), `case ${c}: ${a.layout} -> ${to} -> ${a.layout}`);
      }
      outcomes.set('converted', (outcomes.get('converted') ?? 0) + 1);
    } catch (e) {
      if (!(e instanceof ScanconvError)) {
        throw new Error(`case ${c} (${start}, metadata ${JSON.stringify(metadata)}, names ${refs.map((r) => r.name).join(' ')}): ${(e as Error).stack}`);
      }
      outcomes.set(e.code, (outcomes.get(e.code) ?? 0) + 1);
    }
  }
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort().join(), before);
  // The campaign reaches both ends: real conversions and the typed refusals of hostile input.
  for (const code of ['converted', 'BAD_META_LAYERS', 'BAD_META_AXIS', 'BAD_META_PATTERN', 'LAYERS_DISAGREE', 'LAYER_MISMATCH']) {
    assert.ok((outcomes.get(code) ?? 0) > 0, `${code}: ${JSON.stringify([...outcomes])}`);
  }
});
