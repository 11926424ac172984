import type { LayerTrace } from './forms.js';
import type { LayerRow } from './report.js';
/** Which layers keep both forms' intermediates for detail tables. */
export type KeepTraces = 'all' | 'failing' | 'none';
export declare class LayerComparer {
    private readonly threshold;
    private readonly keep;
    /** Called once per layer with both forms' intermediates (form 0's first). */
    private readonly onPair?;
    /** Layers one form has delivered and the other not yet, per form. */
    private readonly waiting;
    private readonly done;
    /** Both forms' intermediates of the layers kept for detail tables, in form order. */
    readonly kept: Map<number, [LayerTrace, LayerTrace]>;
    constructor(threshold: number, keep: KeepTraces, 
    /** Called once per layer with both forms' intermediates (form 0's first). */
    onPair?: ((layer: number, a: LayerTrace, b: LayerTrace) => void) | undefined);
    add(form: 0 | 1, layer: number, trace: LayerTrace): void;
    /** The rows of layers 0..layers-1, once both forms have delivered every one. */
    rows(layers: number): LayerRow[];
}
