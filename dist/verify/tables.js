/**
 * Tables that fit a terminal: 80 columns unless told otherwise. Long column names wrap at
 * their underscores; when a table is still too wide its columns are split over several tables,
 * each repeating the first column.
 */
import Table from 'cli-table3';
export const TABLE_STYLE = { head: [], border: [], compact: true };
export const TERMINAL_WIDTH = 80;
const ANSI = new RegExp(String.raw `\u001b\[[0-9;]*m`, 'g');
// The two marks verify prints are wide (two columns) in every terminal that draws them.
const WIDE = /[\u2705\u274c]/g;
/** Columns a string takes on a terminal (ANSI colours skipped, the pass/fail marks count two). */
export function visibleWidth(s) {
    const plain = s.replace(ANSI, '');
    return [...plain].length + (plain.match(WIDE)?.length ?? 0);
}
/** `input_hidden_state` -> `input_\nhidden_state` for width 12: lines break after underscores. */
export function wrapName(name, width) {
    const parts = name.split(/(?<=_)/);
    const lines = [];
    let line = '';
    for (const part of parts) {
        if (line && line.length + part.length > width) {
            lines.push(line);
            line = '';
        }
        line += part;
    }
    lines.push(line);
    return lines.join('\n');
}
function render(head, rows) {
    const t = new Table({ head, style: TABLE_STYLE });
    t.push(...rows);
    return t.toString();
}
const widthOf = (table) => Math.max(...table.split('\n').map(visibleWidth));
/**
 * A table of `rows` under `head` in at most `maxWidth` columns. Columns `keep` (the first, and
 * the last when `keepLast`) appear in every part when the table must be split.
 */
export function fitTable(head, rows, options = {}) {
    const maxWidth = options.maxWidth ?? TERMINAL_WIDTH;
    const whole = render(head, rows);
    if (widthOf(whole) <= maxWidth)
        return whole;
    // Wrap each header to its column's widest value (at least 8), then split what still does not fit.
    const valueWidth = (j) => Math.max(8, ...rows.map((r) => visibleWidth(r[j] ?? '')));
    const wrapped = head.map((h, j) => wrapName(h, valueWidth(j)));
    const compact = render(wrapped, rows);
    if (widthOf(compact) <= maxWidth)
        return compact;
    const last = options.keepLast ? head.length - 1 : head.length;
    const fixed = [0, ...(options.keepLast ? [last] : [])];
    const parts = [];
    let part = [];
    for (let j = 1; j < last; j++) {
        const cols = [0, ...part, j, ...fixed.slice(1)];
        if (part.length && widthOf(render(cols.map((k) => wrapped[k]), rows.map((r) => cols.map((k) => r[k])))) > maxWidth) {
            parts.push(part);
            part = [];
        }
        part.push(j);
    }
    if (part.length)
        parts.push(part);
    return parts
        .map((p) => {
        const cols = [0, ...p, ...fixed.slice(1)];
        return render(cols.map((k) => wrapped[k]), rows.map((r) => cols.map((k) => r[k])));
    })
        .join('\n');
}
