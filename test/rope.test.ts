/**
 * RoPE frequencies (src/model/rope.ts) against scripts/rope_reference.py's numpy float32
 * computation of transformers v4.45.2's formulas (fixtures/rope/cases.json), and against the
 * frequencies transformers itself used for the arch2 llama3 case (fixtures/arch2/MANIFEST.json).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ropeFrequencies, ropeSpec, type RopeSpec, type RopeSupport } from '../src/model/rope.js';
import { fixture } from './helpers.js';

interface Case { name: string; spec: RopeSpec; seqLen: number; invFreq: number[]; attentionScaling: number }
const { cases } = JSON.parse(fs.readFileSync(fixture('rope', 'cases.json'), 'utf8')) as { cases: Case[] };

/** Within 2 f32 ulps: numpy's and V8's pow may round the last bit apart. */
function closeF32(a: number, b: number): boolean {
  return Math.abs(a - b) <= 2 * 2 ** (Math.floor(Math.log2(Math.abs(b))) - 23);
}

test('every rope type, every sequence length: inverse frequencies and attention factor as numpy computes transformers\' formulas', () => {
  assert.ok(cases.length >= 15);
  const types = new Set<string>();
  for (const c of cases) {
    types.add(c.spec.type);
    const r = ropeFrequencies(c.spec, c.seqLen);
    assert.equal(r.invFreq.length, c.invFreq.length, c.name);
    c.invFreq.forEach((x, j) => assert.ok(closeF32(r.invFreq[j], x), `${c.name} seq ${c.seqLen} [${j}]: ${r.invFreq[j]} vs ${x}`));
    assert.ok(Math.abs(r.attentionScaling - c.attentionScaling) <= 1e-12, `${c.name}: ${r.attentionScaling} vs ${c.attentionScaling}`);
  }
  assert.deepEqual([...types].sort(), ['default', 'dynamic', 'linear', 'llama3', 'longrope', 'yarn']);
});

test('dynamic grows past max_position_embeddings and longrope switches to its long factors past the original length', () => {
  const dyn = cases.filter((c) => c.name === 'dynamic x2');
  assert.deepEqual(dyn[0].invFreq, dyn[1].invFreq); // 9 and 16: below the limit, unchanged
  assert.notDeepEqual(dyn[1].invFreq, dyn[2].invFreq);
  const lr = cases.filter((c) => c.name === 'longrope phi3 by length');
  assert.deepEqual(lr[0].invFreq, lr[1].invFreq);
  assert.notDeepEqual(lr[1].invFreq, lr[2].invFreq);
});

test('llama3: the frequencies transformers v4.45.2 itself used for the arch2 llama3 case, bit for bit', () => {
  const manifest = JSON.parse(fs.readFileSync(fixture('arch2', 'MANIFEST.json'), 'utf8')) as { cases: { llama3: { checks: { llama3_rope_regimes: { inv_freq_used: number[] } } } } };
  const used = manifest.cases.llama3.checks.llama3_rope_regimes.inv_freq_used;
  const spec: RopeSpec = { type: 'llama3', theta: 500000, dim: 16, maxPositions: 1024, factor: 8, lowFreqFactor: 1, highFreqFactor: 4, originalMaxPositions: 64 };
  assert.deepEqual([...ropeFrequencies(spec, 9).invFreq], used);
});

/** A config as ropeSpec reads it. */
function source(fields: Record<string, unknown>) {
  const has = (k: string) => fields[k] !== undefined && fields[k] !== null;
  return {
    file: 'config.json',
    has,
    positive: (k: string, fb: number) => (has(k) ? (fields[k] as number) : fb),
    size: (k: string | readonly string[], fb?: number) => (has(k as string) ? (fields[k as string] as number) : fb!),
    record: (k: string) => (has(k) ? new Map(Object.entries(fields[k] as object)) : undefined),
  };
}
const LLAMA: RopeSupport = { types: ['default', 'linear', 'dynamic', 'yarn', 'longrope', 'llama3'] };

test('rope_scaling is read by rope_type or the legacy type key; unknown or unapplied types exit 2 naming the key', () => {
  const legacy = ropeSpec(source({ rope_theta: 1e4, rope_scaling: { type: 'linear', factor: 2 } }), 8, LLAMA, 'llama');
  assert.deepEqual([legacy.type, legacy.factor], ['linear', 2]);
  const modern = ropeSpec(source({ rope_scaling: { rope_type: 'dynamic', factor: 2 } }), 8, LLAMA, 'llama');
  assert.equal(modern.type, 'dynamic');
  assert.throws(() => ropeSpec(source({ rope_scaling: { rope_type: 'mrope' } }), 8, LLAMA, 'llama'), /"rope_scaling" has type "mrope"; llama computes rope_scaling of type default, linear/);
  assert.throws(() => ropeSpec(source({ rope_scaling: { type: 'linear', factor: 2 } }), 8, { types: [] }, 'mistral'), /"rope_scaling" has type "linear"; transformers v4\.45\.2's mistral ignores rope_scaling/);
  assert.throws(() => ropeSpec(source({ rope_scaling: { rope_type: 'llama3', factor: 8 } }), 8, LLAMA, 'llama'), /"rope_scaling\.low_freq_factor" is missing/);
  assert.throws(() => ropeSpec(source({ partial_rotary_factor: 0.5 }), 8, LLAMA, 'llama'), /"partial_rotary_factor" is 0\.5/);
  assert.throws(() => ropeSpec(source({ rope_scaling: { type: 'longrope', short_factor: [1], long_factor: [1] } }), 8, LLAMA, 'llama'), /"rope_scaling\.short_factor" must be 4 positive numbers/);
});
