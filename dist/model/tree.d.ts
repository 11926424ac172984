import type { TensorIndex, TensorRef } from '../format/types.js';
import { type Layout, type LayoutOptions } from '../layout/analyze.js';
export interface ModelTree {
    readonly form: Layout;
    readonly layers: number;
    /** Layer-relative leaf paths (joined with '.') and their per-layer shapes. */
    readonly layerLeaves: ReadonlyMap<string, readonly number[]>;
    /** Tensors outside the block, relative to the block's parent, with shapes. */
    readonly globalLeaves: ReadonlyMap<string, readonly number[]>;
    /** Layer i's tensor at `path` (e.g. ['self_attention', 'query', 'kernel']). */
    layerRef(i: number, path: readonly string[]): TensorRef;
    globalRef(path: readonly string[]): TensorRef;
    /** Every tensor outside the block by its full name (Hugging Face families find theirs by suffix). */
    readonly carriedLeaves: ReadonlyMap<string, readonly number[]>;
    carriedRef(name: string): TensorRef;
    /** The tensor a layer-relative path is read from, for messages (layer 0's, or the stacked one). */
    layerLeafName(path: string): string;
}
export declare function modelTree(index: TensorIndex, form: Layout, options?: Partial<LayoutOptions>): ModelTree;
