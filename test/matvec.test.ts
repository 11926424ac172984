/**
 * The decode step's products on wasm (model/wasm/matvec.ts, weightCache.ts) and generate's
 * weight cache: a product of a few rows on the stored bytes is bit for bit what tfjs-wasm's
 * matMul (XNNPACK) computes from the widened weight, in both orientations, bf16 and f32, odd
 * sizes included; decoding with the cache, without it and past its budget gives the same tokens
 * and the same logits, bit for bit, and the cache keeps each weight once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { openCheckpoint } from '../src/format/open.js';
import { memoryRef } from '../src/format/types.js';
import { HfConfig } from '../src/model/config.js';
import { greedyGenerate } from '../src/model/generate.js';
import { linear, linearOutIn } from '../src/model/layers.js';
import { modelParams, refToTensor } from '../src/model/params.js';
import { detectModel } from '../src/model/detect.js';
import { readTensor, tf } from '../src/model/tf.js';
import { modelTree } from '../src/model/tree.js';
import { keptWeightBytes, MATVEC_MAX_ROWS, storedProduct, storedProductApplies, withWeightCache } from '../src/model/wasm/weightCache.js';
import { initBackend } from '../src/verify/backendInit.js';
import { generate } from '../src/verify/generate.js';
import { defaultWeightCacheBytes } from '../src/verify/limits.js';
import { SIZE_FORMS } from '../src/cli/options.js';
import { cli, fixture, randomBytes } from './helpers.js';

const bytesOf = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Finite random bf16 or f32 bytes: every exponent but the all-ones one (no NaN or infinity). */
function finiteWeights(dtype: 'BF16' | 'F32', n: number, seed: number): Uint8Array {
  const bytes = randomBytes(n * (dtype === 'F32' ? 4 : 2), seed);
  const hi = dtype === 'F32' ? 4 : 2;
  // Exponent bits from the high byte: keep it small (values within about 2^-16..2^16) so sums stay finite.
  for (let i = 0; i < n; i++) bytes[i * hi + hi - 1] = (bytes[i * hi + hi - 1] & 0x80) | (0x37 + (bytes[i * hi + hi - 1] % 16));
  return bytes;
}

test('property: a product of a few rows on the stored weight is bit for bit tfjs-wasm matMul of the widened weight, both orientations, bf16 and f32, odd K and N', async () => {
  await initBackend('wasm');
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        M: fc.integer({ min: 1, max: MATVEC_MAX_ROWS }),
        K: fc.integer({ min: 1, max: 300 }),
        N: fc.integer({ min: 1, max: 70 }),
        dtype: fc.constantFrom('BF16' as const, 'F32' as const),
        orientation: fc.constantFrom('out,in' as const, 'in,out' as const),
        seed: fc.integer({ min: 1, max: 1e6 }),
      }),
      async ({ M, K, N, dtype, orientation, seed }) => {
        const shape = orientation === 'out,in' ? [N, K] : [K, N];
        const ref = memoryRef('w', dtype, shape, finiteWeights(dtype, N * K, seed));
        const x = tf.randomNormal([M, K], 0, 1, 'float32', seed);
        const w = refToTensor(ref);
        assert.ok(storedProductApplies(x, ref));
        const expected = orientation === 'out,in' ? linearOutIn(x, w) : linear(x, w);
        const got = storedProduct(x, ref, orientation);
        assert.deepEqual(got.shape, [M, N]);
        assert.ok(bytesOf(await readTensor(got)).equals(bytesOf(await readTensor(expected))), `M=${M} K=${K} N=${N} ${dtype} ${orientation}`);
        tf.dispose([x, w, expected, got]);
      },
    ),
    { numRuns: 120 },
  );
  // A larger one through the four-row SIMD path, and the matMul the other way round (x @ wᵀ).
  const ref = memoryRef('w', 'BF16', [1027, 513], finiteWeights('BF16', 1027 * 513, 9));
  const x = tf.randomNormal([1, 513], 0, 1, 'float32', 3);
  const w = refToTensor(ref);
  const other = tf.matMul(x as Tensor2D, tf.transpose(w) as Tensor2D);
  const got = storedProduct(x, ref, 'out,in');
  assert.ok(bytesOf(await readTensor(got)).equals(bytesOf(await readTensor(other))));
  tf.dispose([x, w, other, got]);
});

test('the stored product applies only on wasm, to few rows of a 2-D bf16 or f32 weight', async () => {
  await initBackend('wasm');
  const x = tf.zeros([1, 4]);
  const many = tf.zeros([MATVEC_MAX_ROWS + 1, 4]);
  assert.equal(storedProductApplies(x, memoryRef('w', 'F32', [3, 4], new Uint8Array(48))), true);
  assert.equal(storedProductApplies(many, memoryRef('w', 'F32', [3, 4], new Uint8Array(48))), false);
  assert.equal(storedProductApplies(x, memoryRef('w', 'F16', [3, 4], new Uint8Array(24))), false);
  assert.equal(storedProductApplies(x, memoryRef('w', 'F32', [1, 3, 4], new Uint8Array(48))), false);
  tf.dispose([x, many]);
  await initBackend('cpu');
  const onCpu = tf.zeros([1, 4]);
  assert.equal(storedProductApplies(onCpu, memoryRef('w', 'F32', [3, 4], new Uint8Array(48))), false);
  onCpu.dispose();
});

/** greedyGenerate of `form` over an arch2 case with a weight budget, in this thread. */
async function decode(name: string, form: 'pyloop' | 'scan', steps: number, weightCacheBytes: number) {
  const file = fixture('arch2', name, 'hf_pt.safetensors');
  const index = openCheckpoint(file);
  try {
    const spec = detectModel(modelTree(index, 'pyloop'), { config: HfConfig.find(file) });
    const prompt = { data: Int32Array.from([5, 17, 42, 9, 3, 77]), shape: [2, 3] };
    return await greedyGenerate(modelParams(index, form), spec, prompt, steps, { weightCacheBytes });
  } finally {
    index.close();
  }
}

for (const name of ['qwen2_5_bf16', 'mixtral']) {
  test(`${name}: decoding with the weight cache, without it and past its budget gives the same tokens and logits, bit for bit, in both forms; each weight is kept once`, async () => {
    await initBackend('wasm');
    const full = await decode(name, 'pyloop', 5, 3 * 2 ** 30);
    assert.ok(full.weightsKeptBytes > 0);
    assert.equal(keptWeightBytes(), 0, 'the kept weights are let go after decoding');
    for (const [form, steps, budget] of [['pyloop', 5, 0], ['pyloop', 5, 4096], ['scan', 5, 3 * 2 ** 30], ['scan', 5, 0], ['scan', 2, 3 * 2 ** 30]] as const) {
      const g = await decode(name, form, steps, budget);
      const what = `${form}, ${steps} steps, budget ${budget}`;
      const firstTokens = (t: Int32Array, n: number) => [0, 1].map((b) => [...t.subarray(b * n, b * n + steps)]);
      assert.deepEqual(firstTokens(g.tokens, steps), firstTokens(full.tokens, 5), what);
      assert.ok(bytesOf(g.prefillLogits).equals(bytesOf(full.prefillLogits)), what);
      if (steps === 5) assert.ok(bytesOf(g.stepLogits).equals(bytesOf(full.stepLogits)), what);
      // Kept: every weight once whatever the number of steps and form; past the budget, no more than it.
      if (budget > full.weightsKeptBytes) assert.equal(g.weightsKeptBytes, full.weightsKeptBytes, what);
      else assert.ok(g.weightsKeptBytes <= budget, what);
    }
  });
}

test('withWeightCache keeps a weight read by a product once, streams past the budget, and lets go of what it kept', async () => {
  await initBackend('wasm');
  const refs = [0, 1, 2].map((i) => memoryRef(`w${i}`, 'F32', [8, 16], finiteWeights('F32', 128, i + 1)));
  const x = tf.randomNormal([1, 16]);
  const { result, keptBytes } = await withWeightCache(2 * 512, async () => {
    const ys: Tensor[] = [];
    for (let round = 0; round < 3; round++) for (const ref of refs) ys.push(storedProduct(x, ref, 'out,in'));
    const values = await Promise.all(ys.map((y) => readTensor(y)));
    tf.dispose(ys);
    return values;
  });
  assert.equal(keptBytes, 2 * 512, 'two of the three 512-byte weights fit the budget');
  for (let i = 3; i < 9; i++) assert.ok(bytesOf(result[i]).equals(bytesOf(result[i % 3])), `round ${Math.floor(i / 3)} weight ${i % 3}`);
  assert.equal(keptWeightBytes(), 0);
  x.dispose();
});

test('generate --weight-cache: a budget outside 0..3GiB or not a size exits 2 with the exact message; 0 and the default below 40 new tokens keep nothing, 3GiB and the default from 40 every weight; the JSON says so', () => {
  const llm = fixture('arch2', 'qwen2_5_bf16', 'hf_pt.safetensors');
  const over = cli(['generate', llm, '--prompt', '1,2,3', '--max-new-tokens', '2', '--weight-cache', '4GiB']);
  assert.equal(over.status, 2);
  assert.equal(over.stderr, 'scanconv: error: --weight-cache 4294967296 bytes is not from 0 to 3221225472 (3 GiB: the weights are kept in a WebAssembly memory of at most 4 GiB per form)\n');
  const word = cli(['generate', llm, '--prompt', '1,2,3', '--weight-cache', 'lots']);
  assert.equal(word.status, 2);
  assert.equal(word.stderr, `scanconv: error: option '--weight-cache <size>' argument 'lots' is invalid. expected ${SIZE_FORMS}. (see scanconv generate --help)\n`);
  const kept: Record<string, number>[] = [];
  const tokens: number[][][] = [];
  for (const [budget, bytes] of [[['--weight-cache', '0GB'], 0], [[], 0], [['--weight-cache', '3GiB'], 3 * 2 ** 30]] as const) {
    const r = cli(['generate', llm, '--prompt', '1,2,3', '--max-new-tokens', '3', '--json', ...budget]);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { weightCacheBytes: number; weightsKeptBytes: Record<string, number>; tokens: number[][] };
    assert.equal(j.weightCacheBytes, bytes);
    kept.push(j.weightsKeptBytes);
    tokens.push(j.tokens);
  }
  assert.deepEqual(kept[0], { pyloop: 0, scan: 0 });
  assert.deepEqual(kept[1], { pyloop: 0, scan: 0 });
  assert.ok(kept[2].pyloop > 0 && kept[2].pyloop === kept[2].scan, JSON.stringify(kept[2]));
  assert.deepEqual(tokens[2], tokens[0]);
  // Without the flag the budget follows the run's length: 3 GiB from 40 new tokens (limits.ts).
  const long = cli(['generate', llm, '--prompt', '1,2,3', '--max-new-tokens', '40', '--json']);
  assert.equal(long.status, 0, long.stderr);
  const lj = JSON.parse(long.stdout) as { weightCacheBytes: number; weightsKeptBytes: Record<string, number> };
  assert.equal(lj.weightCacheBytes, 3 * 2 ** 30);
  assert.deepEqual(lj.weightsKeptBytes, kept[2]);
  assert.equal(defaultWeightCacheBytes(39), 0);
  assert.equal(defaultWeightCacheBytes(40), 3 * 2 ** 30);
});

test('generate() refuses a weight budget outside 0..3GiB before any work (BAD_WEIGHT_CACHE)', async () => {
  for (const bad of [-1, 1.5, 3 * 2 ** 30 + 1]) {
    await assert.rejects(generate('/nonexistent.safetensors', { prompt: [1], weightCacheBytes: bad }), { code: 'BAD_WEIGHT_CACHE', message: `--weight-cache ${bad} bytes is not from 0 to 3221225472 (3 GiB: the weights are kept in a WebAssembly memory of at most 4 GiB per form)` });
  }
});
