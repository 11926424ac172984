import type { TensorIndex, TensorRef } from '../format/types.js';
import { type Layout, type LayoutOptions } from '../layout/plan.js';
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
}
export declare function modelTree(index: TensorIndex, form: Layout, options?: Partial<LayoutOptions>): ModelTree;
