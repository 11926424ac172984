export interface PlotSeries {
    /** `forms` or `expect`: also the point's `data-series`. */
    id: string;
    label: string;
    colour: string;
    points: {
        layer: number;
        value: number;
    }[];
    threshold: number;
}
export interface PlotOptions {
    layers: number;
    series: PlotSeries[];
    /** Layers where the forms start to diverge (the causes). */
    causes: number[];
}
/** The largest value, NaN if any is NaN (a NaN is never agreement). */
export declare function worst(values: readonly number[]): number;
/**
 * The decades the plot spans: every positive finite value and threshold, at least two decades;
 * when a value is 0, one more decade below them all, where the zeros are drawn (labelled "0").
 */
export declare function logRange(values: readonly number[]): {
    min: number;
    max: number;
    zeros: boolean;
};
/**
 * Where a value is drawn: a positive finite value at its log; 0 on the bottom edge (below every
 * decade shown), NaN and ±Infinity on the top edge. The tooltip says which.
 */
export declare function yOf(value: number, range: {
    min: number;
    max: number;
}): number;
export declare function renderPlot(options: PlotOptions): string;
