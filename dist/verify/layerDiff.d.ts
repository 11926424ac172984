import type { LayerTrace } from './forms.js';
import type { LayerRow } from './report.js';
/**
 * Which layers keep both forms' intermediates for detail tables: `first` keeps each layer
 * where a divergence starts (a failing layer after a passing one, or layer 0), `failing`
 * every failing layer, `all` every layer.
 */
export type KeepTraces = 'all' | 'failing' | 'first' | 'none';
export declare const KEEP_TRACES: readonly KeepTraces[];
export declare class LayerComparer {
    private readonly threshold;
    private readonly keep;
    /** Called once per layer with both forms' intermediates (form 0's first); it must not keep them (see add). */
    private readonly onPair?;
    /** Layers one form has delivered and the other not yet, per form. */
    private readonly waiting;
    private readonly done;
    private lastPair;
    /** Both forms' intermediates of the layers kept for detail tables, in form order. */
    readonly kept: Map<number, [LayerTrace, LayerTrace]>;
    constructor(threshold: number, keep: KeepTraces, 
    /** Called once per layer with both forms' intermediates (form 0's first); it must not keep them (see add). */
    onPair?: ((layer: number, a: LayerTrace, b: LayerTrace) => void) | undefined);
    /**
     * Form `form`'s layer `layer`. Returns the traces this comparer no longer reads (both forms'
     * of a layer compared and not kept, in form order; none otherwise): their arrays may be reused.
     */
    add(form: 0 | 1, layer: number, trace: LayerTrace): readonly LayerTrace[];
    /** The rows of layers 0..layers-1, once both forms have delivered every one. */
    rows(layers: number): LayerRow[];
}
