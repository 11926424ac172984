/**
 * JUnit XML of a verify run, valid against the JUnit schema Jenkins' xunit plugin uses
 * (test/schemas/junit-10.xsd). One testcase per check (checks.ts): a failure carries its `type`
 * and, as its body, the table rows that failed (GitLab and Jenkins show the body); layers
 * downstream of the cause are `<skipped message="downstream of layer N"/>`. A run that could not
 * compare anything (bad input, exit 2; a bug, exit 3; an interruption) still writes one errored
 * testcase, so a CI step that publishes reports `if: always()` finds them.
 */
import { VERSION } from '../version.js';
import { countChecks, errorChecks, paramsOnlyChecks, verifyChecks } from './checks.js';
import { DEFAULTS } from './defaults.js';
import { runFiles, runSlug } from './runInfo.js';
// XML 1.0 cannot carry these characters at all, escaped or not.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
/** Text content: markup escaped, line breaks kept. */
const escText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(NOT_XML, '?');
/** An attribute value: also quotes and line breaks (an attribute's raw newline reads as a space). */
const esc = (s) => escText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
function suiteName(run, forms) {
    return `scanconv verify ${runFiles(run)}${forms ? ` (${forms})` : ''}`;
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
        ['expect-threshold', run.expect ? (report?.expectThreshold ?? run.expectThreshold ?? DEFAULTS.expectThreshold) : undefined],
        ['model', report && `${report.model}, ${report.layers} layers`],
        ['forms', report?.forms.map((f) => `${f.name}: ${f.checkpoint}${f.converted ? ' converted in memory' : ''}`).join('; ')],
    ];
    return props.filter((p) => p[1] !== undefined).map(([k, v]) => [k, String(v)]);
}
function renderCase(cls, c) {
    const open = `    <testcase classname="${cls}" name="${esc(c.name)}" time="${Math.max(0, c.seconds).toFixed(3)}"`;
    const type = esc(c.type ?? '');
    const message = esc(c.message ?? '');
    switch (c.status) {
        case 'passed':
            return `${open}/>`;
        case 'skipped':
            return `${open}>\n      <skipped message="${message}"/>\n    </testcase>`;
        case 'errored':
            return `${open}>\n      <error type="${type}" message="${message}"/>\n    </testcase>`;
        case 'failed':
            return `${open}>\n      <failure type="${type}" message="${message}">${escText((c.rows ?? [c.message ?? '']).join('\n'))}</failure>\n    </testcase>`;
    }
}
function renderSuite(run, name, checks, seconds, report) {
    const n = countChecks(checks);
    const time = Math.max(0, seconds).toFixed(3);
    const cls = esc(`scanconv.verify.${runSlug(run)}`);
    const props = properties(run, report)
        .map(([k, v]) => `      <property name="${esc(k)}" value="${esc(v)}"/>`)
        .join('\n');
    const counts = `tests="${n.tests}" failures="${n.failures}" errors="${n.errors}"`;
    return (`<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="scanconv verify" ${counts} time="${time}">\n` +
        `  <testsuite name="${esc(name)}" ${counts} skipped="${n.skipped}" time="${time}" timestamp="${new Date().toISOString().slice(0, 19)}">\n` +
        `    <properties>\n${props}\n    </properties>\n${checks.map((c) => renderCase(cls, c)).join('\n')}\n  </testsuite>\n</testsuites>\n`);
}
/** JUnit for `verify --params-only`: the one params testcase. */
export function renderParamsOnlyJunit(report) {
    const [a, b] = report.forms;
    const run = { checkpoint: a.checkpoint, other: b.checkpoint };
    return renderSuite(run, suiteName(run, `--params-only, ${a.name} vs ${b.name}, ${report.layers} layers`), paramsOnlyChecks(report), report.seconds);
}
/** JUnit XML of a finished run: params, final, one testcase per layer, and expect. */
export function renderJunit(report, run) {
    const info = run ?? { checkpoint: report.forms[0].checkpoint, other: report.forms[1].converted ? undefined : report.forms[1].checkpoint };
    const forms = `${report.forms.map((x) => x.name).join(' vs ')}, ${report.model}, ${report.layers} layers`;
    return renderSuite(info, suiteName(info, forms), verifyChecks(report), report.seconds, report);
}
/** JUnit XML of a run that ended without a report: one testcase, errored with the reason. */
export function renderJunitError(run, failure) {
    return renderSuite(run, suiteName(run), errorChecks(failure.code, failure.message, failure.seconds), failure.seconds);
}
