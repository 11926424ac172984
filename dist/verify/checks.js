/**
 * A verify run as a list of checks (params, final, one per layer, expect), each passed, failed,
 * skipped or errored: the one model that JUnit, the JSON report, the GitHub summary and the HTML
 * report all render, so they all count the same faults.
 *
 * One fault counts once. The layer where the forms start to diverge is the failure; the layers
 * after it, and the final output, got an input that already differed and are skipped as
 * "downstream of layer N". Parameters that differ at a layer that diverges are part of that
 * layer's failure (its body lists them), so the params check is skipped when every differing
 * parameter is explained that way; a parameter difference no divergence explains is its own
 * failure.
 */
import { downstreamRange } from './divergence.js';
import { fmt } from './render.js';
/** Failure types: what kind of fault a failed check is (JUnit's `type`, the JSON's `type`). */
export const FAILURE_TYPES = {
    /** The forms disagree at this layer while its input still agreed: the cause. */
    diverge: 'FORMS_DIVERGE',
    /** Parameters differ between the two checkpoints where no layer diverges because of it. */
    params: 'PARAMS_DIFFER',
    /** The final output differs, not downstream of a layer that diverges. */
    final: 'FINAL_DIFFERS',
    /** The checkpoint's own form differs from the golden outputs (--expect). */
    expect: 'EXPECT_DIFFERS',
    /** A checkpoint holds NaN or infinity (--params-only): never agreement. */
    nonfinite: 'NONFINITE',
};
export function countChecks(checks) {
    const n = (s) => checks.filter((c) => c.status === s).length;
    return { tests: checks.length, failures: n('failed'), errors: n('errored'), skipped: n('skipped') };
}
const MAX_PARAM_ROWS = 50;
function paramRows(p, mismatches = p.mismatches) {
    const rows = mismatches.slice(0, MAX_PARAM_ROWS).map((m) => `parameter differs: ${m.key}${m.layer === null ? '' : ` [layer ${m.layer}]`}`);
    if (mismatches.length > MAX_PARAM_ROWS)
        rows.push(`... and ${mismatches.length - MAX_PARAM_ROWS} more`);
    return rows;
}
/** The divergence whose run of failing layers holds `layer`, if any. */
function runOf(divergences, layer) {
    return layer === null ? undefined : divergences.find((d) => d.layer <= layer && layer <= d.through);
}
/**
 * The parameter check. A parameter that differs inside a run of failing layers is reported with
 * that run's cause (its failure lists it); the check fails only for the others.
 */
export function paramsCheck(p, seconds, divergences = []) {
    if (p.equal)
        return { name: 'params', status: 'passed', seconds };
    const unexplained = p.mismatches.filter((m) => !runOf(divergences, m.layer));
    if (!unexplained.length) {
        const causes = [...new Set(p.mismatches.map((m) => runOf(divergences, m.layer).layer))].join(', ');
        return { name: 'params', status: 'skipped', seconds, message: `reported with the divergence at layer ${causes}` };
    }
    return {
        name: 'params',
        status: 'failed',
        seconds,
        type: FAILURE_TYPES.params,
        message: `${p.mismatches.length} of ${p.checked} differ`,
        rows: paramRows(p, unexplained),
    };
}
/** The checks of `verify --params-only`: the parameters, and no NaN or infinity in either checkpoint. */
export function paramsOnlyChecks(report) {
    const n = report.nonfinite;
    const nonfinite = n.length
        ? { name: 'nonfinite', status: 'failed', seconds: 0, type: FAILURE_TYPES.nonfinite, message: `NaN/Inf in ${n.length} tensor${n.length === 1 ? '' : 's'}`, rows: n.map((t) => `${t.count} non-finite values in ${t.tensor} of ${t.checkpoint}`) }
        : { name: 'nonfinite', status: 'passed', seconds: 0 };
    return [paramsCheck(report.params, report.seconds), nonfinite];
}
/** The checks of a finished run, in report order: params, final, each layer, expect. */
export function verifyChecks(report) {
    const t = fmt(report.threshold);
    const divergences = new Map(report.divergences.map((d) => [d.layer, d]));
    const checks = [paramsCheck(report.params, report.paramSeconds, report.divergences)];
    const f = report.final;
    if (f.passed)
        checks.push({ name: 'final', status: 'passed', seconds: 0 });
    else if (f.downstreamOf !== null)
        checks.push({ name: 'final', status: 'skipped', seconds: 0, message: `downstream of layer ${f.downstreamOf}` });
    else {
        const allAgree = report.perLayer.every((r) => r.passed);
        checks.push({
            name: 'final',
            status: 'failed',
            seconds: 0,
            type: FAILURE_TYPES.final,
            message: `max |diff| ${fmt(f.maxAbsDiff)} > ${t}${allAgree ? ' (every layer agrees)' : ''}`,
            rows: [`max |diff| ${fmt(f.maxAbsDiff)} > ${t}`, `mean |diff| ${fmt(f.meanAbsDiff)}`, `within threshold ${f.withinPct.toFixed(2)}%`],
        });
    }
    for (const row of report.perLayer) {
        const name = `layer_${row.layer}`;
        if (row.passed)
            checks.push({ name, status: 'passed', seconds: row.seconds });
        else if (row.downstreamOf !== null && row.downstreamOf !== undefined)
            checks.push({ name, status: 'skipped', seconds: row.seconds, message: `downstream of layer ${row.downstreamOf}` });
        else {
            const d = divergences.get(row.layer);
            const later = d && downstreamRange(d);
            const rows = Object.entries(row.maxAbsDiff)
                .filter(([, x]) => !(x <= report.threshold))
                .map(([n, x]) => `${n}: max |diff| ${fmt(x)} > ${t}`);
            const params = report.params.mismatches.filter((m) => m.layer === row.layer);
            const inRun = report.params.mismatches.filter((m) => d && runOf([d], m.layer));
            checks.push({
                name,
                status: 'failed',
                seconds: row.seconds,
                type: FAILURE_TYPES.diverge,
                message: `the forms diverge here, first at ${d?.intermediate ?? '?'} (max |diff| ${fmt(d?.maxAbsDiff ?? NaN)} > ${t})` +
                    `${params.length ? `; its parameters differ (${params.length} tensor${params.length === 1 ? '' : 's'})` : ''}${later ? `; ${later} diverge downstream of it` : ''}`,
                rows: [...rows, ...paramRows(report.params, inRun)],
            });
        }
    }
    if (report.expect) {
        const e = report.expect;
        checks.push(e.passed
            ? { name: 'expect', status: 'passed', seconds: 0 }
            : {
                name: 'expect',
                status: 'failed',
                seconds: 0,
                type: FAILURE_TYPES.expect,
                message: `scale-aware error ${fmt(e.relError)} > ${fmt(e.threshold)} against ${e.file}`,
                rows: [`${e.form} form vs ${e.file} (${e.compared} tensors): max |diff| ${fmt(e.maxAbsDiff)}, scale-aware error ${fmt(e.relError)} > ${fmt(e.threshold)}`],
            });
    }
    return checks;
}
/** The one check of a run that ended without a report: errored with the reason. */
export function errorChecks(code, message, seconds) {
    return [{ name: 'verify', status: 'errored', seconds, type: code, message }];
}
