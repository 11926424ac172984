/**
 * The machine-readable verify reports for CI: JUnit XML (valid against the JUnit schema Jenkins'
 * xunit plugin uses) and JSON. Both exist for every outcome: a run that could not compare
 * anything (bad input, exit 2; a bug, exit 3; an interruption) still writes one errored testcase,
 * so a CI step that publishes reports `if: always()` finds them.
 */
import path from 'node:path';
import { VERSION } from '../version.js';
import { downstreamRange } from './divergence.js';
import { fmt } from './render.js';
const esc = (s) => s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    // XML 1.0 cannot carry these characters at all, escaped or not.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '?');
function suiteName(run, forms) {
    const files = run.other ? `${run.checkpoint} vs ${run.other}` : run.checkpoint;
    return `scanconv verify ${files}${forms ? ` (${forms})` : ''}`;
}
function properties(run, report) {
    const props = [
        ['scanconv.version', VERSION],
        ['checkpoint', run.checkpoint],
        ['other', run.other],
        ['input', run.input ?? report?.input.source],
        ['expect', run.expect],
        // Absent for --params-only, which runs no model.
        ['backend', report?.backend ?? run.backend],
        ['threshold', report?.threshold ?? run.threshold],
        ['expect-threshold', run.expect ? (report?.expectThreshold ?? run.expectThreshold ?? 1e-4) : undefined],
        ['model', report && `${report.model}, ${report.layers} layers`],
        ['forms', report?.forms.map((f) => `${f.name}: ${f.checkpoint}${f.converted ? ' converted in memory' : ''}`).join('; ')],
    ];
    return props.filter((p) => p[1] !== undefined).map(([k, v]) => [k, String(v)]);
}
/** Testcase classnames group a run's cases in CI views; the checkpoint tells runs apart. */
function className(run) {
    return `scanconv.verify.${path.basename(run.checkpoint).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
function renderSuite(run, name, cases, seconds, report) {
    const failures = cases.filter((c) => c.failure).length;
    const errors = cases.filter((c) => c.error).length;
    const time = Math.max(0, seconds).toFixed(3);
    const cls = esc(className(run));
    const props = properties(run, report)
        .map(([k, v]) => `      <property name="${esc(k)}" value="${esc(v)}"/>`)
        .join('\n');
    const body = cases
        .map((c) => {
        const open = `    <testcase classname="${cls}" name="${esc(c.name)}" time="${Math.max(0, c.seconds).toFixed(3)}"`;
        if (c.error)
            return `${open}>\n      <error type="${esc(c.error.type)}" message="${esc(c.error.message)}"/>\n    </testcase>`;
        if (c.failure)
            return `${open}>\n      <failure message="${esc(c.failure)}"/>\n    </testcase>`;
        return `${open}/>`;
    })
        .join('\n');
    const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
    return (`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="scanconv verify" ${counts} time="${time}">\n` +
        `  <testsuite name="${esc(name)}" ${counts} skipped="0" time="${time}" timestamp="${new Date().toISOString().slice(0, 19)}">\n` +
        `    <properties>\n${props}\n    </properties>\n${body}\n  </testsuite>\n</testsuites>\n`);
}
/** The parameter check's testcase: each mismatching key and layer (50 at most). */
function paramsCase(p, seconds) {
    return {
        name: 'params',
        seconds,
        failure: p.equal ? undefined : `${p.mismatches.length} of ${p.checked} differ: ${p.mismatches.slice(0, 50).map((m) => `${m.key}${m.layer === null ? '' : `[layer ${m.layer}]`}`).join(', ')}`,
    };
}
/** JUnit for `verify --params-only`: the one params testcase. */
export function renderParamsOnlyJunit(report) {
    const [a, b] = report.forms;
    const run = { checkpoint: a.checkpoint, other: b.checkpoint };
    return renderSuite(run, `${suiteName(run, `--params-only, ${a.name} vs ${b.name}, ${report.layers} layers`)}`, [paramsCase(report.params, report.seconds)], report.seconds);
}
/** JUnit XML of a finished run: params, final, one testcase per layer, and expect. */
export function renderJunit(report, run) {
    const info = run ?? { checkpoint: report.forms[0].checkpoint, other: report.forms[1].converted ? undefined : report.forms[1].checkpoint };
    const t = fmt(report.threshold);
    const cases = [];
    cases.push(paramsCase(report.params, report.paramSeconds));
    const f = report.final;
    const finalWhy = `max |diff| ${fmt(f.maxAbsDiff)} > ${t}`;
    cases.push({ name: 'final', seconds: 0, failure: f.passed ? undefined : f.downstreamOf !== null ? `downstream of layer ${f.downstreamOf}: ${finalWhy}` : finalWhy });
    const divergences = new Map(report.divergences.map((d) => [d.layer, d]));
    for (const row of report.perLayer) {
        let failure;
        if (!row.passed) {
            const over = Object.entries(row.maxAbsDiff)
                .filter(([, d]) => !(d <= report.threshold))
                .map(([n, d]) => `${n}: max |diff| ${fmt(d)} > ${t}`)
                .join('; ');
            const d = divergences.get(row.layer);
            const later = d && downstreamRange(d);
            if (row.downstreamOf !== null && row.downstreamOf !== undefined)
                failure = `downstream of layer ${row.downstreamOf}: ${over}`;
            else
                failure = `the forms diverge here, first at ${d?.intermediate ?? '?'}${later ? ` (${later} diverge downstream of it)` : ''}: ${over}`;
        }
        cases.push({ name: `layer_${row.layer}`, seconds: row.seconds, failure });
    }
    if (report.expect) {
        const e = report.expect;
        cases.push({ name: 'expect', seconds: 0, failure: e.passed ? undefined : `scale-aware error ${fmt(e.relError)} > ${fmt(e.threshold)} against ${e.file}` });
    }
    const forms = `${report.forms.map((x) => x.name).join(' vs ')}, ${report.model}, ${report.layers} layers`;
    return renderSuite(info, suiteName(info, forms), cases, report.seconds, report);
}
/** JUnit XML of a run that ended without a report: one testcase, errored with the reason. */
export function renderJunitError(run, failure) {
    const cases = [{ name: 'verify', seconds: failure.seconds, error: { type: failure.code, message: failure.message } }];
    return renderSuite(run, suiteName(run), cases, failure.seconds);
}
const finite = (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
/** The JSON report: the fields CI scripts read, as specified, plus the rest of the report. */
export function renderJsonReport(report) {
    const { passed, threshold, model, layers, backend, params, final, perLayer, divergences, expect } = report;
    return `${JSON.stringify({
        passed,
        error: null,
        threshold,
        model,
        layers,
        backend,
        params,
        final: { maxAbsDiff: final.maxAbsDiff, meanAbsDiff: final.meanAbsDiff, withinPct: final.withinPct, minAbsDiff: final.minAbsDiff, stdAbsDiff: final.stdAbsDiff, passed: final.passed, downstreamOf: final.downstreamOf },
        perLayer,
        divergences,
        expect: expect && { maxAbsDiff: expect.maxAbsDiff, relError: expect.relError, passed: expect.passed, threshold: expect.threshold, form: expect.form, file: expect.file },
        forms: report.forms,
        input: report.input,
        spec: report.spec,
        seconds: report.seconds,
    }, finite, 2)}\n`;
}
/** The JSON report of a run that ended without a report: `passed: false` and the error. */
export function renderJsonError(run, failure) {
    return `${JSON.stringify({ passed: false, error: { code: failure.code, message: failure.message }, run, seconds: failure.seconds }, finite, 2)}\n`;
}
