/**
 * The JSON report of a verify run for CI scripts: the fields they read (passed, error,
 * threshold, final, perLayer, divergences, expect), the rest of the report, and the same checks
 * as the JUnit report (checks.ts: one failure per fault, its type and failing rows; downstream
 * layers skipped), with their counts. Non-finite numbers are written as strings ("NaN").
 */
import { countChecks, errorChecks, paramsOnlyChecks, verifyChecks } from './checks.js';
const finite = (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
const json = (value) => `${JSON.stringify(value, finite, 2)}\n`;
/** The JSON report of a finished run. */
export function renderJsonReport(report) {
    const { passed, threshold, model, layers, backend, params, final, perLayer, divergences, expect } = report;
    const checks = verifyChecks(report);
    return json({
        passed,
        error: null,
        threshold,
        model,
        layers,
        backend,
        counts: countChecks(checks),
        checks,
        params,
        final: { maxAbsDiff: final.maxAbsDiff, meanAbsDiff: final.meanAbsDiff, withinPct: final.withinPct, minAbsDiff: final.minAbsDiff, stdAbsDiff: final.stdAbsDiff, passed: final.passed, downstreamOf: final.downstreamOf },
        perLayer,
        divergences,
        expect: expect && { maxAbsDiff: expect.maxAbsDiff, relError: expect.relError, passed: expect.passed, threshold: expect.threshold, form: expect.form, file: expect.file, perLayer: expect.perLayer },
        forms: report.forms,
        input: report.input,
        spec: report.spec,
        seconds: report.seconds,
    });
}
/** The JSON report of `verify --params-only`: the report and its one check. */
export function renderParamsOnlyJson(report) {
    const checks = paramsOnlyChecks(report);
    return json({ ...report, error: null, counts: countChecks(checks), checks });
}
/** The JSON report of a run that ended without a report: `passed: false` and the error. */
export function renderJsonError(run, failure) {
    const checks = errorChecks(failure.code, failure.message, failure.seconds);
    return json({ passed: false, error: { code: failure.code, message: failure.message }, run, counts: countChecks(checks), checks, seconds: failure.seconds });
}
