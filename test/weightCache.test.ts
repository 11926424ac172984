/**
 * generate's weight cache (model/weightCache.ts): the weights kept between decode steps are the
 * values a fresh read gives, so decoding with the cache, without it (budget 0) and with a budget
 * too small for every weight gives the same tokens and bit-identical logits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCheckpoint } from '../src/format/open.js';
import { HfConfig } from '../src/model/config.js';
import { greedyGenerate } from '../src/model/generate.js';
import { modelParams } from '../src/model/params.js';
import { detectModel } from '../src/model/registry.js';
import { requireTfjs, tf } from '../src/model/tf.js';
import { modelTree } from '../src/model/tree.js';
import { cachedParams } from '../src/model/weightCache.js';
import { fixture } from './helpers.js';

requireTfjs('@tensorflow/tfjs-backend-wasm');

test('decoding with the weight cache, without it and past its budget gives the same tokens and logits, bit for bit', async () => {
  await tf.setBackend('wasm');
  const file = fixture('arch2', 'mixtral', 'hf_pt.safetensors');
  const index = openCheckpoint(file);
  try {
    const spec = detectModel(modelTree(index, 'pyloop'), { config: HfConfig.find(file) });
    const params = modelParams(index, 'pyloop');
    const prompt = { data: Int32Array.from([5, 17, 42, 9, 3, 77]), shape: [2, 3] };
    const full = await greedyGenerate(params, spec, prompt, 5);
    const none = await greedyGenerate(params, spec, prompt, 5, 0, 0);
    const partial = await greedyGenerate(params, spec, prompt, 5, 0, 64 << 10);
    for (const g of [none, partial]) {
      assert.deepEqual([...g.tokens], [...full.tokens]);
      assert.ok(Buffer.from(g.stepLogits.buffer).equals(Buffer.from(full.stepLogits.buffer)));
      assert.ok(Buffer.from(g.prefillLogits.buffer).equals(Buffer.from(full.prefillLogits.buffer)));
    }
    // The budget is respected, and disposing frees what was kept.
    const before = tf.memory().numTensors;
    const cached = cachedParams(params, 64 << 10);
    tf.dispose([cached.layer(0)(['block_sparse_moe', 'experts', '0', 'w1', 'weight']), cached.layer(0)(['block_sparse_moe', 'experts', '0', 'w1', 'weight'])]);
    assert.equal(cached.keptBytes(), 48 * 40 * 4);
    for (let e = 0; e < 8; e++) for (const w of ['w1', 'w2', 'w3']) tf.dispose(cached.layer(1)(['block_sparse_moe', 'experts', String(e), w, 'weight']));
    assert.ok(cached.keptBytes() <= 64 << 10);
    cached.dispose();
    assert.equal(tf.memory().numTensors, before);
  } finally {
    index.close();
  }
});
