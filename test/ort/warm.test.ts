/**
 * A form worker prestarted for `--backend ort` starts onnxruntime while it waits for its request
 * (verify/backendInit.ts preloadBackend, model/ort/runtime.ts warmOrt), so the form does not pay
 * for it. A file of its own: the test counts what this process's onnxruntime does from the start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ortActive, ortPackageDir, ortProduct, ortThreads, startOrt } from '../../src/model/ort/runtime.js';
import { preloadBackend } from '../../src/verify/backendInit.js';

test('preloading ort starts onnxruntime and makes its first session, with the products still off; the form then makes neither again', () => {
  const dir = ortPackageDir();
  assert.ok(dir, 'onnxruntime-node is not installed: run scripts/ort-ci.sh');
  // The module scanconv loads (require's cache is per resolved file): count its calls.
  const ort = createRequire(path.join(dir, 'package.json'))('./dist/binding.js') as { initOrt(): void; binding: { InferenceSession: new () => object } };
  const counts = { inits: 0, sessions: 0 };
  const { initOrt, binding } = ort;
  const Session = binding.InferenceSession;
  ort.initOrt = () => {
    counts.inits++;
    initOrt();
  };
  binding.InferenceSession = function CountedSession() {
    counts.sessions++;
    return new Session();
  } as unknown as new () => object;
  try {
    preloadBackend('ort');
    assert.deepEqual(counts, { inits: 1, sessions: 1 });
    assert.equal(ortActive(), false, 'a preloaded thread still multiplies on its own backend until initBackend');
    startOrt(ortThreads());
    const out = new Float32Array(1);
    ortProduct({ x: Float32Array.of(2), M: 1, K: 1, w: Float32Array.of(3), N: 1, orientation: 'in,out', out });
    assert.equal(out[0], 6);
    assert.deepEqual(counts, { inits: 1, sessions: 1 }, 'the form used the warmed runtime and its session');
  } finally {
    ort.initOrt = initOrt;
    binding.InferenceSession = Session;
  }
});
