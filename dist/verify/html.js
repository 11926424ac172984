/**
 * `verify --html FILE`: one self-contained HTML page (inline CSS and SVG; no script, no font, no
 * request to anywhere) with the verdict, the per-layer error plot (plot.ts) and the tables: the
 * checks (one failure per fault, with its rows), the final output, every layer, the parameters
 * that differ, and --expect. Written on every outcome, like the JSON and JUnit reports.
 */
import { countChecks, errorChecks, paramsOnlyChecks, verifyChecks } from './checks.js';
import { paramsOnlyVerdict } from './paramsOnly.js';
import { renderPlot, worst } from './plot.js';
import { fmt, verdictLine } from './render.js';
import { runFiles } from './runInfo.js';
import { VERSION } from '../version.js';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 960px; color: #222; padding: 0 12px; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
.verdict { font-weight: bold; padding: 8px 12px; border-radius: 4px; }
.passed { background: #e6f4ea; color: #0b6b2b; } .failed, .errored { background: #fce8e6; color: #a50e0e; }
.skipped { color: #8a6d00; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.num { text-align: right; font-family: ui-monospace, monospace; }
td.over { color: #a50e0e; font-weight: bold; } td.down { color: #8a6d00; }
pre { margin: 0; white-space: pre-wrap; font-size: 12px; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; } dt { font-weight: bold; }
`;
function page(title, status, verdict, sections) {
    return (`<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">` +
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head>\n` +
        `<body><h1>${esc(title)}</h1><p class="verdict ${status}" id="verdict">${esc(verdict)}</p>\n${sections.join('\n')}\n` +
        `<p><small>scanconv ${esc(VERSION)}</small></p></body></html>\n`);
}
function table(head, rows) {
    return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
}
const td = (s, cls = '') => `<td${cls ? ` class="${cls}"` : ''}>${esc(s)}</td>`;
function about(items) {
    return `<dl>${items.filter((i) => i[1] !== undefined).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}
function checksSection(checks) {
    const n = countChecks(checks);
    const shown = checks.filter((c) => c.status !== 'passed');
    const summary = `<p>${n.tests} check${n.tests === 1 ? '' : 's'}: ${n.tests - n.failures - n.errors - n.skipped} passed, ${n.failures} failed, ${n.skipped} skipped, ${n.errors} errored.</p>`;
    if (!shown.length)
        return `<h2>Checks</h2>${summary}`;
    const rows = shown.map((c) => [td(c.name), td(c.status, c.status), td(c.type ?? ''), `<td>${esc(c.message ?? '')}${c.rows?.length ? `<pre>${esc(c.rows.join('\n'))}</pre>` : ''}</td>`]);
    return `<h2>Checks</h2>${summary}${table(['check', 'status', 'type', 'why'], rows)}`;
}
/** The plot's series: the forms' worst intermediate per layer, and the golden comparison's. */
export function plotSeries(report) {
    const series = [
        {
            id: 'forms',
            label: `${report.forms[0].name} vs ${report.forms[1].name}: max |diff|`,
            colour: '#1a73e8',
            threshold: report.threshold,
            points: report.perLayer.map((r) => ({ layer: r.layer, value: worst(Object.values(r.maxAbsDiff)) })),
        },
    ];
    if (report.expect?.perLayer.length) {
        const e = report.expect;
        series.push({ id: 'expect', label: `${e.form} vs --expect: scale-aware error`, colour: '#e37400', threshold: e.threshold, points: e.perLayer.map((p) => ({ layer: p.layer, value: p.relError })) });
    }
    return series;
}
export function renderHtmlReport(report, run) {
    const t = report.threshold;
    const checks = verifyChecks(report);
    const names = Object.keys(report.perLayer[0]?.maxAbsDiff ?? {});
    const layerRows = report.perLayer.map((r) => {
        const down = r.downstreamOf !== null && r.downstreamOf !== undefined;
        const cells = names.map((n) => td(fmt(r.maxAbsDiff[n]), r.maxAbsDiff[n] <= t ? 'num' : down ? 'num down' : 'num over'));
        return [td(String(r.layer)), ...cells, td(r.passed ? 'passed' : down ? `downstream of layer ${r.downstreamOf}` : 'the forms diverge here', r.passed ? '' : down ? 'down' : 'over')];
    });
    const f = report.final;
    const sections = [
        about([
            ['checkpoints', run ? runFiles(run) : report.forms.map((x) => x.checkpoint).join(' vs ')],
            ['model', `${report.model}, ${report.layers} layers`],
            ['forms', report.forms.map((x) => `${x.name}${x.converted ? ' (converted in memory)' : ''}`).join(' vs ')],
            ['input', `[${report.input.shape.join(', ')}] from ${report.input.source}`],
            ['backend', report.backend],
            ['threshold', `max |diff| ${fmt(t)}`],
            ['expect', report.expect ? `${report.expect.file}, scale-aware error ${fmt(report.expect.threshold)}` : undefined],
        ]),
        `<h2>Per-layer error</h2>${renderPlot({ layers: report.layers, series: plotSeries(report), causes: report.divergences.map((d) => d.layer) })}`,
        checksSection(checks),
        `<h2>Final output</h2>${table(['metric', 'value'], [
            [td('max |diff|'), td(fmt(f.maxAbsDiff), f.passed ? 'num' : 'num over')],
            [td('mean |diff|'), td(fmt(f.meanAbsDiff), 'num')],
            [td('within threshold'), td(`${f.withinPct.toFixed(2)}%`, 'num')],
        ])}`,
        `<h2>Per-layer max |diff| (${esc(report.forms[0].name)} vs ${esc(report.forms[1].name)})</h2>${table(['layer', ...names, ''], layerRows)}`,
    ];
    if (report.expect) {
        const e = report.expect;
        const rows = e.perLayer.map((p) => [td(String(p.layer)), td(fmt(p.maxAbsDiff), 'num'), td(fmt(p.relError), p.relError <= e.threshold ? 'num' : 'num over')]);
        sections.push(`<h2>Against ${esc(e.file)} (${esc(e.form)} form, ${e.compared} tensors)</h2><p>max |diff| ${fmt(e.maxAbsDiff)}, scale-aware error ${fmt(e.relError)} ${e.passed ? '&lt;=' : '&gt;'} ${fmt(e.threshold)}</p>${rows.length ? table(['layer', 'max |diff|', 'scale-aware error'], rows) : ''}`);
    }
    return page(`scanconv verify: ${report.model}, ${report.layers} layers`, report.passed ? 'passed' : 'failed', verdictLine(report), sections);
}
export function renderParamsOnlyHtml(report) {
    const [a, b] = report.forms;
    const checks = paramsOnlyChecks(report);
    const verdict = report.passed ? `PASSED in ${report.seconds.toFixed(2)} s` : `FAILED: ${paramsOnlyVerdict(report)}`;
    return page('scanconv verify --params-only', report.passed ? 'passed' : 'failed', verdict, [
        about([
            ['checkpoints', `${a.name} ${a.checkpoint} vs ${b.name} ${b.checkpoint}`],
            ['layers', String(report.layers)],
        ]),
        checksSection(checks),
    ]);
}
export function renderHtmlError(run, failure) {
    return page(`scanconv verify ${runFiles(run)}`, 'errored', `ERROR (${failure.code}): ${failure.message}`, [checksSection(errorChecks(failure.code, failure.message, failure.seconds))]);
}
