/** JUnit XML for CI systems: one testcase per layer, plus params, final and expect. */
import { fmt } from './render.js';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The parameter check's testcase: each mismatching key and layer (50 at most). */
function paramsCase(p) {
    return { name: 'params', failure: p.equal ? undefined : `${p.mismatches.length} of ${p.checked} differ: ${p.mismatches.slice(0, 50).map((m) => `${m.key}${m.layer === null ? '' : `[layer ${m.layer}]`}`).join(', ')}` };
}
function suiteXml(name, cases, seconds) {
    const failures = cases.filter((c) => c.failure).length;
    const body = cases
        .map((c) => `    <testcase classname="scanconv.verify" name="${esc(c.name)}">${c.failure ? `\n      <failure message="${esc(c.failure)}"/>\n    ` : ''}</testcase>`)
        .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${cases.length}" failures="${failures}" time="${seconds.toFixed(3)}">\n  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${failures}" time="${seconds.toFixed(3)}">\n${body}\n  </testsuite>\n</testsuites>\n`;
}
/** JUnit for `verify --params-only`: the one params testcase. */
export function renderParamsOnlyJunit(report) {
    return suiteXml(`scanconv verify --params-only ${report.forms.map((f) => f.name).join(' vs ')} (${report.layers} layers)`, [paramsCase(report.params)], report.seconds);
}
export function renderJunit(report) {
    const cases = [];
    cases.push(paramsCase(report.params));
    cases.push({ name: 'final', failure: report.final.passed ? undefined : `max |diff| ${fmt(report.final.maxAbsDiff)} > ${fmt(report.threshold)}` });
    for (const row of report.perLayer) {
        const over = Object.entries(row.maxAbsDiff).filter(([, d]) => d > report.threshold);
        cases.push({ name: `layer_${row.layer}`, failure: row.passed ? undefined : over.map(([n, d]) => `${n}: max |diff| ${fmt(d)} > ${fmt(report.threshold)}`).join('; ') });
    }
    if (report.expect) {
        const e = report.expect;
        cases.push({ name: 'expect', failure: e.passed ? undefined : `scale-aware error ${fmt(e.relError)} > ${fmt(e.threshold)} against ${e.file}` });
    }
    return suiteXml(`scanconv verify ${report.forms.map((f) => f.name).join(' vs ')} (${report.model}, ${report.layers} layers)`, cases, report.seconds);
}
/** The JSON report: the fields CI scripts read, as specified, plus the rest of the report. */
export function renderJsonReport(report) {
    const { passed, threshold, model, layers, backend, params, final, perLayer, expect } = report;
    return `${JSON.stringify({
        passed,
        threshold,
        model,
        layers,
        backend,
        params,
        final: { maxAbsDiff: final.maxAbsDiff, meanAbsDiff: final.meanAbsDiff, withinPct: final.withinPct, minAbsDiff: final.minAbsDiff, stdAbsDiff: final.stdAbsDiff, passed: final.passed },
        perLayer,
        expect: expect && { maxAbsDiff: expect.maxAbsDiff, relError: expect.relError, passed: expect.passed, threshold: expect.threshold, form: expect.form, file: expect.file },
        forms: report.forms,
        input: report.input,
        spec: report.spec,
        seconds: report.seconds,
    }, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}
