/**
 * The per-layer error as an SVG plot on a log scale: the two forms' max |diff| per layer, the
 * checkpoint's own form against the golden outputs (--expect, scale-aware error), each with its
 * threshold as a dashed line, and the layers where the forms start to diverge marked. Plain SVG,
 * no script: it renders in any browser and in a file viewer. Each point carries its data
 * (`data-series`, `data-layer`, `data-value`) and the SVG its scale (`data-log-min`,
 * `data-log-max`, `data-plot-top`, `data-plot-height`), so a test reads back what is drawn.
 */
import { fmt } from './render.js';
/** The largest value, NaN if any is NaN (a NaN is never agreement). */
export function worst(values) {
    return values.reduce((m, v) => (Number.isNaN(m) || Number.isNaN(v) ? NaN : Math.max(m, v)), 0);
}
const W = 880;
const H = 360;
const LEFT = 70;
const RIGHT = 20;
const TOP = 20;
const BOTTOM = 50;
const PLOT_W = W - LEFT - RIGHT;
const PLOT_H = H - TOP - BOTTOM;
const escAttr = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n2 = (x) => x.toFixed(2);
/**
 * The decades the plot spans: every positive finite value and threshold, at least two decades;
 * when a value is 0, one more decade below them all, where the zeros are drawn (labelled "0").
 */
export function logRange(values) {
    const logs = values.filter((v) => v > 0 && Number.isFinite(v)).map(Math.log10);
    const zeros = values.some((v) => v === 0);
    let max = logs.length ? Math.ceil(Math.max(...logs)) : 0;
    let min = logs.length ? Math.floor(Math.min(...logs)) : -8;
    if (max === min)
        max++;
    if (max - min < 2)
        min = max - 2;
    if (zeros)
        min--;
    return { min, max, zeros };
}
/**
 * Where a value is drawn: a positive finite value at its log; 0 on the bottom edge (below every
 * decade shown), NaN and ±Infinity on the top edge. The tooltip says which.
 */
export function yOf(value, range) {
    if (!(value > 0))
        return Number.isNaN(value) ? TOP : TOP + PLOT_H;
    if (!Number.isFinite(value))
        return TOP;
    const t = (Math.log10(value) - range.min) / (range.max - range.min);
    return TOP + PLOT_H * (1 - Math.min(1, Math.max(0, t)));
}
export function renderPlot(options) {
    const { layers, series, causes } = options;
    const range = logRange(series.flatMap((s) => [...s.points.map((p) => p.value), s.threshold]));
    const xOf = (layer) => LEFT + (layers <= 1 ? PLOT_W / 2 : (PLOT_W * layer) / (layers - 1));
    const parts = [];
    // Decades and their labels.
    for (let d = range.min; d <= range.max; d++) {
        const y = n2(yOf(10 ** d, range));
        const label = d === range.min && range.zeros ? '0' : `1e${d}`;
        parts.push(`<line x1="${LEFT}" x2="${LEFT + PLOT_W}" y1="${y}" y2="${y}" stroke="#e3e3e3"/>`, `<text x="${LEFT - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="11">${label}</text>`);
    }
    // Layer ticks: at most ~16 labels.
    const step = Math.max(1, Math.ceil(layers / 16));
    for (let l = 0; l < layers; l += step)
        parts.push(`<text x="${n2(xOf(l))}" y="${TOP + PLOT_H + 16}" text-anchor="middle" font-size="11">${l}</text>`);
    parts.push(`<text x="${LEFT + PLOT_W / 2}" y="${H - 8}" text-anchor="middle" font-size="12">layer</text>`);
    parts.push(`<text x="14" y="${TOP + PLOT_H / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 ${TOP + PLOT_H / 2})">error (log scale)</text>`);
    parts.push(`<rect x="${LEFT}" y="${TOP}" width="${PLOT_W}" height="${PLOT_H}" fill="none" stroke="#888"/>`);
    for (const layer of causes) {
        const x = n2(xOf(layer));
        parts.push(`<line class="cause" data-layer="${layer}" x1="${x}" x2="${x}" y1="${TOP}" y2="${TOP + PLOT_H}" stroke="#d00" stroke-width="2" stroke-dasharray="2 3"/>`, `<text x="${x}" y="${TOP + 12}" dx="4" font-size="12" fill="#d00">root cause: layer ${layer}</text>`);
    }
    series.forEach((s, k) => {
        const y = n2(yOf(s.threshold, range));
        parts.push(`<line class="threshold" data-series="${s.id}" data-value="${s.threshold}" x1="${LEFT}" x2="${LEFT + PLOT_W}" y1="${y}" y2="${y}" stroke="${s.colour}" stroke-dasharray="6 4"/>`);
        parts.push(`<text x="${LEFT + PLOT_W - 4}" y="${y}" dy="-4" text-anchor="end" font-size="11" fill="${s.colour}">${escAttr(s.label)} threshold ${fmt(s.threshold)}</text>`);
        const path = s.points.map((p, i) => `${i ? 'L' : 'M'}${n2(xOf(p.layer))} ${n2(yOf(p.value, range))}`).join(' ');
        if (path)
            parts.push(`<path d="${path}" fill="none" stroke="${s.colour}" stroke-width="1.5"/>`);
        for (const p of s.points) {
            const over = !(p.value <= s.threshold);
            const shown = p.value === 0 ? '0 (drawn on the bottom edge)' : Number.isFinite(p.value) ? String(p.value) : `${p.value} (drawn on the top edge)`;
            parts.push(`<circle class="point" data-series="${s.id}" data-layer="${p.layer}" data-value="${p.value}" cx="${n2(xOf(p.layer))}" cy="${n2(yOf(p.value, range))}" r="${over ? 4.5 : 3}" fill="${over ? '#d00' : s.colour}">` +
                `<title>${escAttr(s.label)}, layer ${p.layer}: ${shown}</title></circle>`);
        }
        // Legend.
        const ly = TOP + 30 + 16 * k; // below the root cause's label
        parts.push(`<line x1="${LEFT + 10}" x2="${LEFT + 30}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2"/>`, `<text x="${LEFT + 36}" y="${ly}" dominant-baseline="middle" font-size="12">${escAttr(s.label)}</text>`);
    });
    return (`<svg xmlns="http://www.w3.org/2000/svg" id="per-layer-plot" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" ` +
        `data-log-min="${range.min}" data-zeros="${range.zeros}" data-log-max="${range.max}" data-plot-top="${TOP}" data-plot-height="${PLOT_H}" font-family="sans-serif">` +
        `<title>Per-layer error, log scale</title>${parts.join('')}</svg>`);
}
