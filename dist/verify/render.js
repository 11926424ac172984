/**
 * The human-readable verify report, after the notebook's `output_comparison`, made readable at
 * 42+ layers: a final-output table, one row per layer, and sampled-index detail tables only
 * where a divergence starts (or for every failing layer, all, or none). One fault reads as one
 * fault: the layer where the forms start to disagree is named as the cause, and the layers
 * after it are marked as diverging downstream of it. Every table fits 80 columns.
 */
import Table from 'cli-table3';
import { seededRandom } from './inputs.js';
import { downstreamRange } from './divergence.js';
import { fitTable, TABLE_STYLE, TERMINAL_WIDTH } from './tables.js';
export const PASS = '✅';
export const FAIL = '❌';
/** Marks a failing layer whose input already differed (downstream of an earlier divergence). */
export const DOWNSTREAM = '↓';
export function fmt(x) {
    if (x === 0)
        return '0';
    if (!Number.isFinite(x))
        return String(x);
    return Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? x.toFixed(6) : x.toExponential(2);
}
function banner(title) {
    const width = TERMINAL_WIDTH;
    const t = ` ${title} `;
    const left = Math.floor((width - t.length) / 2);
    return `${'='.repeat(width)}\n${'.'.repeat(left)}${t}${'.'.repeat(width - left - t.length)}\n${'='.repeat(width)}`;
}
/** Sampled indices like the notebook's: one (batch, seq) position and 3 feature dims, seeded. */
function sampleIndices(shape, seed) {
    const rand = seededRandom(seed);
    const pick = (n) => Math.floor(rand() * n);
    const b = pick(shape[0]);
    const t = pick(shape[1]);
    const dims = new Set();
    const want = Math.min(3, shape[2]);
    while (dims.size < want)
        dims.add(pick(shape[2]));
    return [...dims].map((d) => [b, t, d]);
}
function detailTable(c, report, details, layer, name) {
    const shape = details.traceShape;
    const [a, b] = details.layers.get(layer);
    const xa = a[name];
    const xb = b[name];
    const t = new Table({ head: ['sampled idx', report.forms[0].name, report.forms[1].name, '|diff|', ''], style: TABLE_STYLE });
    for (const [i, j, k] of sampleIndices(shape, 42)) {
        const at = (i * shape[1] + j) * shape[2] + k;
        const d = Math.abs(xa[at] - xb[at]);
        t.push([`[${i}, ${j}, ${k}]`, xa[at].toFixed(6), xb[at].toFixed(6), fmt(d), d <= report.threshold ? PASS : FAIL]);
    }
    let worst = 0;
    for (let i = 1; i < xa.length; i++)
        if (Math.abs(xa[i] - xb[i]) > Math.abs(xa[worst] - xb[worst]))
            worst = i;
    const idx = [Math.floor(worst / (shape[1] * shape[2])), Math.floor(worst / shape[2]) % shape[1], worst % shape[2]];
    const worstDiff = Math.abs(xa[worst] - xb[worst]);
    t.push([c.bold(`worst [${idx.join(', ')}]`), xa[worst].toFixed(6), xb[worst].toFixed(6), fmt(worstDiff), worstDiff <= report.threshold ? PASS : FAIL]);
    return `${name.toUpperCase()}:\n${t.toString()}`;
}
/**
 * The parameter check's lines: all bit-identical, or the mismatching keys grouped by layer, one
 * line per layer (20 at most), each within 80 columns.
 */
export function renderParamLines(p, c) {
    if (p.equal)
        return [`params: ${p.checked} tensors checked (every layer of every block tensor, and the rest): all bit-identical ${PASS}`];
    const byLayer = new Map();
    for (const m of p.mismatches)
        byLayer.set(m.layer, [...(byLayer.get(m.layer) ?? []), m.key]);
    const lines = [`params: ${p.mismatches.length} of ${p.checked} differ ${FAIL}`];
    for (const [layer, keys] of [...byLayer].slice(0, 20)) {
        let line = `  ${layer === null ? 'outside the layers' : `layer ${layer}`}: ${keys.length} tensor${keys.length > 1 ? 's' : ''}:`;
        let shown = 0;
        for (const k of keys) {
            const more = keys.length - shown - 1 > 0 ? ` and ${keys.length - shown - 1} more` : '';
            if (shown > 0 && line.length + k.length + 2 + more.length > TERMINAL_WIDTH)
                break;
            line += `${shown ? ',' : ''} ${k}`;
            shown++;
        }
        lines.push(shown < keys.length ? `${line} and ${keys.length - shown} more` : line);
    }
    if (byLayer.size > 20)
        lines.push(`  ... and ${byLayer.size - 20} more layers (see --report)`);
    return lines.map((l) => c.red(l));
}
/** Why the run failed, cause first: where the forms diverge, then what follows from it. */
export function causeLines(report) {
    const lines = [];
    const p = report.params;
    // NaN or infinity first: every diff after it is Infinity, and no threshold says why.
    const n = report.nonfinite;
    if (n)
        lines.push(`non-finite values (NaN/Inf) first at ${n.where}, in ${n.in.join(' and ')}`);
    report.divergences.forEach((d, k) => {
        lines.push(`the forms diverge ${k ? 'again ' : ''}at layer ${d.layer}, first in ${d.intermediate}`);
        lines.push(`  (max |diff| ${fmt(d.maxAbsDiff)} > ${fmt(report.threshold)})${d.paramsDiffer.length ? `; its parameters differ (${d.paramsDiffer.length} tensor${d.paramsDiffer.length === 1 ? '' : 's'})` : ''}`);
        const later = downstreamRange(d);
        const withFinal = report.final.downstreamOf === d.layer;
        if (later || withFinal)
            lines.push(`  ${[later, withFinal && 'the final output'].filter(Boolean).join(' and ')} diverge downstream of it`);
    });
    if (!report.final.passed && report.final.downstreamOf === null)
        lines.push(`the final output differs: max |diff| ${fmt(report.final.maxAbsDiff)} > ${fmt(report.threshold)}${report.perLayer.every((r) => r.passed) ? ' (every layer agrees)' : ''}`);
    if (!p.equal) {
        const layers = [...new Set(p.mismatches.map((m) => m.layer))].map((l) => (l === null ? 'outside the layers' : String(l)));
        lines.push(`params: ${p.mismatches.length} of ${p.checked} tensors differ, at layer${layers.length > 1 ? 's' : ''} ${layers.slice(0, 12).join(', ')}${layers.length > 12 ? ', ...' : ''}`);
    }
    if (report.expect && !report.expect.passed)
        lines.push('expected outputs: the checkpoint\'s own form differs from --expect');
    return lines;
}
export function renderReport(report, details, c, detail = 'first') {
    const ok = (passed) => (passed ? PASS : FAIL);
    const { spec } = report;
    const out = [];
    out.push(c.bold(`scanconv verify: ${spec.kind} model, ${spec.layers} layers (D=${spec.D}, H=${spec.H}, DH=${spec.DH}${spec.vocab ? `, vocab ${spec.vocab}` : ''}), backend ${report.backend}`), `input:  [${report.input.shape.join(', ')}] from ${report.input.source}`);
    report.forms.forEach((f) => {
        out.push(`${`${f.name} form:`.padEnd(13)}${f.converted ? `${f.checkpoint} converted in memory` : f.checkpoint} (weights ${f.seconds.load.toFixed(2)} s, compute ${f.seconds.compute.toFixed(2)} s)`);
    });
    const p = report.params;
    out.push(...renderParamLines(p, c));
    out.push('', banner('FINAL OUTPUT COMPARISON'));
    const f = report.final;
    const finalMark = f.passed ? PASS : f.downstreamOf !== null ? c.yellow(`${DOWNSTREAM} downstream of layer ${f.downstreamOf}`) : FAIL;
    const ft = new Table({ head: ['metric', 'value', `threshold ${fmt(report.threshold)}`], style: TABLE_STYLE });
    ft.push(['max |diff|', fmt(f.maxAbsDiff), finalMark], ['min |diff|', fmt(f.minAbsDiff), ''], ['mean |diff|', fmt(f.meanAbsDiff), ''], ['std |diff|', fmt(f.stdAbsDiff), ''], ['within threshold', `${f.withinPct.toFixed(2)}%`, '']);
    out.push(ft.toString());
    const names = Object.keys(report.perLayer[0]?.maxAbsDiff ?? {});
    out.push('', banner(`PER-LAYER MAX |DIFF| (${report.forms[0].name} vs ${report.forms[1].name})`));
    const rows = report.perLayer.map((row) => {
        const downstream = row.downstreamOf !== null && row.downstreamOf !== undefined;
        const colour = downstream ? c.yellow : c.red;
        const cells = names.map((n) => (row.maxAbsDiff[n] <= report.threshold ? fmt(row.maxAbsDiff[n]) : colour(fmt(row.maxAbsDiff[n]))));
        return [String(row.layer), ...cells, row.passed ? PASS : downstream ? c.yellow(DOWNSTREAM) : FAIL];
    });
    out.push(fitTable(['layer', ...names, ''], rows, { keepLast: true }));
    if (report.perLayer.some((r) => r.downstreamOf !== null && r.downstreamOf !== undefined)) {
        out.push(c.yellow(`${DOWNSTREAM} diverges downstream of the ${FAIL} layer above it: its input already differed`));
    }
    if (detail !== 'none') {
        for (const row of report.perLayer) {
            // verify keeps the intermediates of the layers its keepTraces option names.
            const starts = !row.passed && (row.downstreamOf === null || row.downstreamOf === undefined);
            if ((detail === 'failing' && row.passed) || (detail === 'first' && !starts) || !details.layers.has(row.layer))
                continue;
            out.push('', banner(`LAYER ${row.layer} DETAIL${starts ? ' (the forms diverge here)' : ''}`));
            for (const n of names)
                if (detail === 'all' || row.maxAbsDiff[n] > report.threshold)
                    out.push(detailTable(c, report, details, row.layer, n));
        }
    }
    if (report.expect) {
        const e = report.expect;
        out.push('', `expect: ${e.form} form vs ${e.file} (${e.compared} tensors): max |diff| ${fmt(e.maxAbsDiff)}, scale-aware error ${fmt(e.relError)} ${e.passed ? '<=' : '>'} ${fmt(e.threshold)} ${ok(e.passed)}`);
    }
    for (const line of report.staging ?? [])
        out.push(c.dim(`note: ${line}`));
    if (report.passed)
        out.push('', c.green.bold(verdictLine(report)));
    else {
        const [, ...rest] = causeLines(report);
        out.push('', c.red.bold(verdictLine(report)), ...rest.map((l) => c.red(`        ${l}`)));
    }
    return out.join('\n');
}
/** The one line that says how a run ended: `PASSED in 1.23 s`, or `FAILED: ` and the first cause. */
export function verdictLine(report) {
    return report.passed ? `PASSED in ${report.seconds.toFixed(2)} s` : `FAILED: ${causeLines(report)[0]}`;
}
