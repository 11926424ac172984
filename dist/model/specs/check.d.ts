import type { ModelTree } from '../tree.js';
export type TreeView = Pick<ModelTree, 'layers' | 'layerLeaves' | 'globalLeaves' | 'carriedLeaves' | 'layerLeafName'>;
/** A symbolic shape: each entry a size name from the legend, a product of names ('KV*DH'), or a number. */
export type Dims = readonly (string | number)[];
export declare class ShapeCheck {
    private readonly tree;
    /** Size names to values, e.g. { D: 48, H: 6 }. */
    private readonly sizes;
    /** Where the sizes come from, for messages ("config.json: ..."). */
    private readonly source;
    constructor(tree: TreeView, 
    /** Size names to values, e.g. { D: 48, H: 6 }. */
    sizes: Readonly<Record<string, number>>, 
    /** Where the sizes come from, for messages ("config.json: ..."). */
    source: string);
    private resolve;
    private legend;
    private compare;
    /** A layer-relative leaf (per-layer shape); `optional` leaves may be absent. Returns presence. */
    layer(rel: string, dims: Dims, optional?: boolean): boolean;
    /** A tensor outside the block, by full name. */
    carried(name: string, dims: Dims): void;
    /** A tensor outside the block, relative to the block's parent (the notebook's models). */
    global(rel: string, dims: Dims): void;
}
/** A rank-`rank` tensor's dims, each at least 1, before they are used as sizes. */
export declare function sizesOf(name: string, shape: readonly number[] | undefined, rank: number, what: string): number[];
/** The one tensor outside the layers whose name ends with one of `suffixes` (any prefix: model., transformer., none). */
export declare function findCarried(tree: TreeView, suffixes: readonly string[]): string | undefined;
export declare function requireCarried(tree: TreeView, suffixes: readonly string[]): string;
