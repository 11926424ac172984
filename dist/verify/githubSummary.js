/**
 * verify in GitHub Actions: the job summary (Markdown appended to the file GITHUB_STEP_SUMMARY
 * names: the verdict, the root cause, a per-layer error chart as a Mermaid `xychart-beta`, the
 * worst layers, the failing checks' rows) and one `::error` workflow command per failed or
 * errored check, naming the checkpoint. Plain text builders: the CLI decides where they go.
 * Escaping follows @actions/core's command module (escapeData, escapeProperty).
 */
import path from 'node:path';
import { countChecks, errorChecks, verifyChecks } from './checks.js';
import { logRange, worst } from './plot.js';
import { causeLines, fmt, verdictLine } from './render.js';
import { runFiles } from './runInfo.js';
/** A workflow command's message: `%`, CR and LF escaped, so one command stays one line. */
export const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A workflow command's property value: also `:` and `,`, which end a property. */
export const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
/** A file as GitHub links it: relative to the workspace when inside it. */
function workspacePath(file, workspace = process.env.GITHUB_WORKSPACE) {
    if (!workspace)
        return file;
    const rel = path.relative(workspace, path.resolve(file));
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
/** One `::error` line per failed or errored check, naming the checkpoint. */
export function githubAnnotations(checks, run) {
    const file = workspacePath(run.checkpoint);
    return checks
        .filter((c) => c.status === 'failed' || c.status === 'errored')
        .map((c) => {
        const title = c.status === 'errored' ? `scanconv verify: ${c.type}` : `scanconv verify: ${c.name} (${c.type})`;
        const body = [`${runFiles(run)}: ${c.message ?? ''}`, ...(c.rows ?? [])].join('\n');
        return `::error file=${escapeProperty(file)},title=${escapeProperty(title)}::${escapeData(body)}`;
    });
}
const cell = (s) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s) => `\`${s.replace(/`/g, "'")}\``;
/** Mermaid strings end at a double quote. */
const mermaidText = (s) => s.replace(/"/g, "'");
/** The chart of log10(max |diff|) per layer, with the threshold as a line. */
export function mermaidChart(report) {
    const values = report.perLayer.map((r) => worst(Object.values(r.maxAbsDiff)));
    const range = logRange([...values, report.threshold]);
    // 0 sits on the bottom of the axis, NaN and Infinity on the top, as in the HTML plot.
    const y = (v) => (v > 0 && Number.isFinite(v) ? Math.log10(v) : Number.isNaN(v) || v === Infinity ? range.max : range.min);
    const r2 = (v) => String(Math.round(v * 100) / 100);
    const causes = report.divergences.map((d) => d.layer);
    return [
        '```mermaid',
        'xychart-beta',
        `  title "${mermaidText(`log10 max |diff| per layer (${report.forms[0].name} vs ${report.forms[1].name}; threshold ${fmt(report.threshold)}${causes.length ? `; root cause: layer ${causes.join(', ')}` : ''}${range.zeros ? `; 0 drawn at ${range.min}` : ''})`)}"`,
        `  x-axis "layer" [${report.perLayer.map((r) => r.layer).join(', ')}]`,
        `  y-axis "log10 max |diff|" ${range.min} --> ${range.max}`,
        `  bar [${values.map((v) => r2(y(v))).join(', ')}]`,
        `  line [${report.perLayer.map(() => r2(Math.log10(report.threshold > 0 ? report.threshold : 10 ** range.min))).join(', ')}]`,
        '```',
    ].join('\n');
}
function checksTable(checks) {
    const n = countChecks(checks);
    return [
        '| checks | passed | failed | skipped | errored |',
        '|---:|---:|---:|---:|---:|',
        `| ${n.tests} | ${n.tests - n.failures - n.skipped - n.errors} | ${n.failures} | ${n.skipped} | ${n.errors} |`,
    ];
}
function failedRows(checks) {
    const failed = checks.filter((c) => c.status === 'failed');
    if (!failed.length)
        return [];
    return ['', '<details><summary>Failing checks</summary>', '', ...failed.flatMap((c) => [`**${c.name}** (${c.type}): ${c.message ?? ''}`, '', '```text', ...(c.rows ?? []), '```', '']), '</details>'];
}
/** The Markdown job summary of a finished run. */
export function renderGithubSummary(report, run, worstRows = 10) {
    const checks = verifyChecks(report);
    const mark = report.passed ? '✅' : '❌';
    const lines = [
        `### ${mark} scanconv verify: ${report.passed ? 'PASSED' : 'FAILED'}`,
        '',
        `${code(runFiles(run))}: ${report.model} model, ${report.layers} layers, ${report.forms[0].name} vs ${report.forms[1].name}, backend ${report.backend}, threshold ${fmt(report.threshold)}`,
        '',
        `**${cell(verdictLine(report))}**`,
    ];
    if (!report.passed) {
        // A cause's continuation lines (indented) join it: one bullet per cause or consequence.
        const bullets = [];
        for (const l of causeLines(report)) {
            if (l.startsWith('  (') && bullets.length)
                bullets[bullets.length - 1] += ` ${l.trim()}`;
            else
                bullets.push(l.trim());
        }
        lines.push('', `**Root cause:** ${cell(bullets[0])}`, ...bullets.slice(1).map((l) => `- ${cell(l)}`));
    }
    lines.push('', ...checksTable(checks), '', mermaidChart(report));
    const names = Object.keys(report.perLayer[0]?.maxAbsDiff ?? {});
    const ranked = report.perLayer
        .flatMap((r) => names.map((n) => ({ r, n, d: r.maxAbsDiff[n] })))
        .sort((a, b) => (Number.isNaN(b.d) ? Infinity : b.d) - (Number.isNaN(a.d) ? Infinity : a.d))
        .slice(0, worstRows);
    if (ranked.length) {
        lines.push('', `Worst ${ranked.length} of ${report.perLayer.length * names.length} (layer, intermediate):`, '', '| layer | intermediate | max \\|diff\\| | |', '|---:|---|---:|---|');
        for (const { r, n, d } of ranked) {
            const down = r.downstreamOf !== null && r.downstreamOf !== undefined;
            const status = d <= report.threshold ? '✅' : down ? `↓ downstream of layer ${r.downstreamOf}` : '❌ root cause';
            lines.push(`| ${r.layer} | ${cell(n)} | ${fmt(d)} | ${status} |`);
        }
    }
    if (report.expect) {
        const e = report.expect;
        lines.push('', `Against ${code(e.file)}: scale-aware error ${fmt(e.relError)} ${e.passed ? '<=' : '>'} ${fmt(e.threshold)} ${e.passed ? '✅' : '❌'}`);
    }
    lines.push(...failedRows(checks));
    return `${lines.join('\n')}\n\n`;
}
/** The Markdown job summary of a run that ended without a report. */
export function renderGithubSummaryError(run, failure) {
    const checks = errorChecks(failure.code, failure.message, failure.seconds);
    return [`### ❌ scanconv verify: ERROR (${failure.code})`, '', `${code(runFiles(run))}`, '', `**${cell(failure.message)}**`, '', ...checksTable(checks), '', ''].join('\n');
}
