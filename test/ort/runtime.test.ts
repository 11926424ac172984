/**
 * What onnxruntime does in this process, counted through its binding (the module scanconv loads:
 * require's cache is per resolved file): a form worker prestarted for `--backend ort` starts it
 * while it waits (verify/backendInit.ts preloadBackend, model/ort/runtime.ts warmOrt), and a
 * product's result is written in place and never handed back to JavaScript (model/ort/onnx.ts).
 * A file of its own, so the counts start with this process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ortActive, ortPackageDir, ortProduct, ortThreads, startOrt } from '../../src/model/ort/runtime.js';
import { preloadBackend } from '../../src/verify/backendInit.js';

interface Session {
  loadModel(...a: unknown[]): unknown;
  run(...a: unknown[]): unknown;
}
const dir = ortPackageDir();
assert.ok(dir, 'onnxruntime-node is not installed: run scripts/ort-ci.sh');
const ort = createRequire(path.join(dir, 'package.json'))('./dist/binding.js') as { initOrt(): void; binding: { InferenceSession: new () => Session } };
const counts = { inits: 0, sessions: 0 };
/** Each run's outcome: the outputs it handed back, or the message it threw. */
const runs: ({ returned: string[] } | { threw: string })[] = [];
const { initOrt } = ort;
const Session = ort.binding.InferenceSession;
ort.initOrt = () => {
  counts.inits++;
  initOrt();
};
ort.binding.InferenceSession = function CountedSession() {
  counts.sessions++;
  const s = new Session();
  // The native object's methods are read-only: hand out a wrapper.
  return {
    loadModel: (...a: unknown[]) => s.loadModel(...a),
    run: (...a: unknown[]) => {
      try {
        const out = s.run(...a);
        runs.push({ returned: Object.keys(out as object) });
        return out;
      } catch (e) {
        runs.push({ threw: (e as Error).message });
        throw e;
      }
    },
  };
} as unknown as new () => Session;

test('preloading ort starts onnxruntime and makes its first session, with the products still off; the form then makes neither again', () => {
  preloadBackend('ort');
  assert.deepEqual(counts, { inits: 1, sessions: 1 });
  assert.equal(ortActive(), false, 'a preloaded thread still multiplies on its own backend until initBackend');
  startOrt(ortThreads());
  const out = new Float32Array(1);
  ortProduct({ x: Float32Array.of(2), M: 1, K: 1, w: Float32Array.of(3), N: 1, orientation: 'in,out', out });
  assert.equal(out[0], 6);
  assert.deepEqual(counts, { inits: 1, sessions: 1 }, 'the form used the warmed runtime and its session');
});

test('a product is written in place and its result never comes back to JavaScript as a copy, in every orientation, with and without a bias', () => {
  startOrt(ortThreads());
  runs.length = 0;
  // x (2,3); w (3,2) as 'in,out', its transpose as 'out,in'; bias (2).
  const x = Float32Array.of(1, 2, 3, 4, 5, 6);
  const inOut = Float32Array.of(1, 0, 0, 1, 1, 1);
  const outIn = Float32Array.of(1, 0, 1, 0, 1, 1);
  const bias = Float32Array.of(10, 20);
  for (const [orientation, w] of [['in,out', inOut], ['out,in', outIn]] as const) {
    for (const b of [undefined, bias]) {
      const out = new Float32Array(4);
      ortProduct({ x, M: 2, K: 3, w, N: 2, orientation, bias: b, out });
      const add = b ? [10, 20, 10, 20] : [0, 0, 0, 0];
      assert.deepEqual([...out], [4, 5, 10, 11].map((v, i) => v + add[i]), `${orientation}${b ? ' + bias' : ''}`);
    }
  }
  // 4 products, and the probe run of each of the 3 sessions first made here (runtime.ts probe).
  assert.equal(runs.length, 7);
  for (const r of runs) assert.ok(!('returned' in r && r.returned.includes('y')), `the binding handed the product's output back: ${JSON.stringify(r)}`);
});
