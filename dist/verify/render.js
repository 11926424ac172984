/**
 * The human-readable verify report, after the notebook's `output_comparison`, made readable at
 * 42+ layers: a final-output table, one row per layer, and sampled-index detail tables only
 * for failing layers (or all, or none).
 */
import Table from 'cli-table3';
import { seededRandom } from './inputs.js';
export const PASS = '✅';
export const FAIL = '❌';
const TABLE_STYLE = { head: [], border: [], compact: true };
export function fmt(x) {
    if (x === 0)
        return '0';
    if (!Number.isFinite(x))
        return String(x);
    return Math.abs(x) >= 0.01 && Math.abs(x) < 1000 ? x.toFixed(6) : x.toExponential(2);
}
function banner(title) {
    const width = 80;
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
/** The parameter check's lines: all bit-identical, or each mismatching key and layer (20 at most). */
export function renderParamLines(p, c) {
    if (p.equal)
        return [`params: ${p.checked} tensors checked (every layer of every block tensor, and the rest): all bit-identical ${PASS}`];
    const out = [c.red(`params: ${p.mismatches.length} of ${p.checked} differ ${FAIL}`)];
    for (const m of p.mismatches.slice(0, 20))
        out.push(c.red(`  ${m.key}${m.layer === null ? '' : ` layer ${m.layer}`}`));
    if (p.mismatches.length > 20)
        out.push(c.red(`  ... and ${p.mismatches.length - 20} more (see --report)`));
    return out;
}
export function renderReport(report, details, c, detail = 'failing') {
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
    const ft = new Table({ head: ['metric', 'value', `threshold ${fmt(report.threshold)}`], style: TABLE_STYLE });
    ft.push(['max |diff|', fmt(f.maxAbsDiff), ok(f.maxAbsDiff <= report.threshold)], ['min |diff|', fmt(f.minAbsDiff), ''], ['mean |diff|', fmt(f.meanAbsDiff), ''], ['std |diff|', fmt(f.stdAbsDiff), ''], ['within threshold', `${f.withinPct.toFixed(2)}%`, '']);
    out.push(ft.toString());
    const names = Object.keys(report.perLayer[0]?.maxAbsDiff ?? {});
    out.push('', banner(`PER-LAYER MAX |DIFF| (${report.forms[0].name} vs ${report.forms[1].name})`));
    const lt = new Table({ head: ['layer', ...names, ''], style: TABLE_STYLE });
    for (const row of report.perLayer) {
        lt.push([String(row.layer), ...names.map((n) => (row.maxAbsDiff[n] <= report.threshold ? fmt(row.maxAbsDiff[n]) : c.red(fmt(row.maxAbsDiff[n])))), ok(row.passed)]);
    }
    out.push(lt.toString());
    if (detail !== 'none' && spec.kind === 'block') {
        for (const row of report.perLayer) {
            // verify keeps the intermediates of the layers its keepTraces option names.
            if ((detail === 'failing' && row.passed) || !details.layers.has(row.layer))
                continue;
            out.push('', banner(`LAYER ${row.layer} DETAIL`));
            for (const n of names)
                if (detail === 'all' || row.maxAbsDiff[n] > report.threshold)
                    out.push(detailTable(c, report, details, row.layer, n));
        }
    }
    if (report.expect) {
        const e = report.expect;
        out.push('', `expect: ${e.form} form vs ${e.file} (${e.compared} tensors): max |diff| ${fmt(e.maxAbsDiff)}, scale-aware error ${fmt(e.relError)} ${e.passed ? '<=' : '>'} ${fmt(e.threshold)} ${ok(e.passed)}`);
    }
    const failing = report.perLayer.filter((r) => !r.passed).map((r) => r.layer);
    const reasons = [
        !p.equal && `params (${p.mismatches.length} mismatches)`,
        !report.final.passed && 'final output',
        failing.length > 0 && `layers ${failing.join(', ')}`,
        report.expect && !report.expect.passed && 'expected outputs',
    ].filter(Boolean);
    out.push('', report.passed ? c.green.bold(`PASSED in ${report.seconds.toFixed(2)} s`) : c.red.bold(`FAILED: ${reasons.join('; ')}`));
    return out.join('\n');
}
