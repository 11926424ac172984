/**
 * Per-layer comparison of the two forms while they run. Each form hands over a layer's
 * intermediates as it finishes that layer; when both forms have delivered layer i, its max
 * |diff| per intermediate is taken and the arrays are dropped, unless the detail tables will
 * need them. So verify's memory stays about one layer's activations per form, whatever L.
 */
import { firstNonfinite, maxAbsDiff } from './diff.js';
export const KEEP_TRACES = ['first', 'failing', 'all', 'none'];
export class LayerComparer {
    threshold;
    keep;
    onPair;
    /** Layers one form has delivered and the other not yet, per form. */
    waiting = [new Map(), new Map()];
    done = new Map();
    lastPair = performance.now();
    /** Both forms' intermediates of the layers kept for detail tables, in form order. */
    kept = new Map();
    constructor(threshold, keep, 
    /** Called once per layer with both forms' intermediates (form 0's first); it must not keep them (see add). */
    onPair) {
        this.threshold = threshold;
        this.keep = keep;
        this.onPair = onPair;
    }
    /**
     * Form `form`'s layer `layer`. Returns the traces this comparer no longer reads (both forms'
     * of a layer compared and not kept, in form order; none otherwise): their arrays may be reused.
     */
    add(form, layer, trace) {
        const other = this.waiting[1 - form].get(layer);
        if (!other) {
            this.waiting[form].set(layer, trace);
            return [];
        }
        this.waiting[1 - form].delete(layer);
        const [a, b] = form === 0 ? [trace, other] : [other, trace];
        const diffs = {};
        let nonfinite;
        for (const [name, data] of Object.entries(a)) {
            diffs[name] = maxAbsDiff(data, b[name]);
            // Only a NaN or an infinity makes a diff infinite: say where it is, and in which forms.
            if (diffs[name] === Infinity && !nonfinite) {
                const forms = [data, b[name]].flatMap((x, k) => (firstNonfinite(x) >= 0 ? [k] : []));
                if (forms.length)
                    nonfinite = { intermediate: name, forms };
            }
        }
        const now = performance.now();
        // Wall time from the previous layer's comparison (from the start, for the first layer).
        const row = { layer, maxAbsDiff: diffs, passed: Object.values(diffs).every((d) => d <= this.threshold), seconds: (now - this.lastPair) / 1000 };
        if (nonfinite)
            row.nonfinite = nonfinite;
        this.lastPair = now;
        this.done.set(layer, row);
        this.onPair?.(layer, a, b);
        // Layers complete in order (each form delivers its layers in order), so the previous
        // layer's row is known here; if it is not, keeping this one is the safe side.
        const starts = !row.passed && !(this.done.get(layer - 1)?.passed === false);
        if (this.keep === 'all' || (!row.passed && this.keep === 'failing') || (starts && this.keep === 'first')) {
            this.kept.set(layer, [a, b]);
            return [];
        }
        return [a, b];
    }
    /** The rows of layers 0..layers-1, once both forms have delivered every one. */
    rows(layers) {
        const rows = Array.from({ length: layers }, (_, i) => this.done.get(i));
        const missing = rows.findIndex((r) => !r);
        if (missing >= 0)
            throw new Error(`layer ${missing}: the two forms did not both deliver its intermediates`);
        return rows;
    }
}
