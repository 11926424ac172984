/**
 * One fault counts once (verify/checks.ts), on synthetic reports: which checks fail, which are
 * skipped as downstream, and when a parameter difference is its own failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countChecks, verifyChecks } from '../src/verify/checks.js';
import { finalDownstreamOf, findDivergences } from '../src/verify/divergence.js';
import type { ParamCheck } from '../src/verify/paramCheck.js';
import type { LayerRow, VerifyReport } from '../src/verify/report.js';

const T = 1e-6;

/** A report of `diffs[i]` = layer i's max |diff| (one intermediate), params and final as given. */
function report(diffs: number[], mismatches: ParamCheck['mismatches'] = [], finalDiff = diffs[diffs.length - 1]): VerifyReport {
  const perLayer: LayerRow[] = diffs.map((d, layer) => ({ layer, maxAbsDiff: { '+mlp': d }, passed: d <= T, seconds: 0 }));
  const params: ParamCheck = { checked: 10, equal: mismatches.length === 0, mismatches };
  const divergences = findDivergences(perLayer, T, params);
  const stats = { maxAbsDiff: finalDiff, meanAbsDiff: finalDiff, minAbsDiff: 0, stdAbsDiff: 0, withinPct: 0, passed: finalDiff <= T };
  const partial = { passed: false, threshold: T, layers: diffs.length, params, paramSeconds: 0, perLayer, divergences, expect: null, final: { ...stats, downstreamOf: finalDownstreamOf(stats, perLayer, divergences) } };
  return partial as unknown as VerifyReport;
}

const summary = (r: VerifyReport) => verifyChecks(r).map((c) => `${c.name} ${c.status}${c.type ? ` ${c.type}` : ''}${c.status === 'skipped' ? `: ${c.message}` : ''}`);

test('one bad layer of 32 with its parameters: one failure, the rest skipped or passed', () => {
  const diffs = Array.from({ length: 32 }, (_, i) => (i < 9 ? 0 : 0.1));
  const r = report(diffs, [{ key: 'w', layer: 9 }]);
  const checks = verifyChecks(r);
  assert.deepEqual(countChecks(checks), { tests: 34, failures: 1, errors: 0, skipped: 2 + 22 });
  assert.deepEqual(summary(r).slice(0, 2), ['params skipped: reported with the divergence at layer 9', 'final skipped: downstream of layer 9']);
  const cause = checks.find((c) => c.status === 'failed')!;
  assert.equal(cause.name, 'layer_9');
  assert.equal(cause.message, 'the forms diverge here, first at +mlp (max |diff| 0.100000 > 1.00e-6); its parameters differ (1 tensor); layers 10-31 diverge downstream of it');
  assert.deepEqual(cause.rows, ['+mlp: max |diff| 0.100000 > 1.00e-6', 'parameter differs: w [layer 9]']);
});

test('two independent faults (the forms agree again between them) are two failures', () => {
  const r = report([0, 0.1, 0.1, 0, 0, 0.2, 0]);
  assert.deepEqual(summary(r), [
    'params passed',
    'final passed',
    'layer_0 passed',
    'layer_1 failed FORMS_DIVERGE',
    'layer_2 skipped: downstream of layer 1',
    'layer_3 passed',
    'layer_4 passed',
    'layer_5 failed FORMS_DIVERGE',
    'layer_6 passed',
  ]);
});

test('a parameter difference no failing layer explains is its own failure; a final output that differs alone is FINAL_DIFFERS', () => {
  // Below the threshold at layer 2, and outside the layers: the forms agree, the bytes do not.
  const r = report([0, 0, 0], [{ key: 'layers.2.w', layer: 2 }, { key: 'embed', layer: null }], 0.5);
  const checks = verifyChecks(r);
  assert.deepEqual(summary(r), ['params failed PARAMS_DIFFER', 'final failed FINAL_DIFFERS', 'layer_0 passed', 'layer_1 passed', 'layer_2 passed']);
  assert.deepEqual(checks[0].rows, ['parameter differs: layers.2.w [layer 2]', 'parameter differs: embed']);
  assert.equal(checks[1].message, 'max |diff| 0.500000 > 1.00e-6 (every layer agrees)');
});

test('NaN is never agreement: a NaN layer is the cause, and its row says NaN', () => {
  const r = report([0, NaN, NaN]);
  const cause = verifyChecks(r).find((c) => c.status === 'failed')!;
  assert.equal(cause.name, 'layer_1');
  assert.deepEqual(cause.rows, ['+mlp: max |diff| NaN > 1.00e-6']);
});
