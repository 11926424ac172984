import type { TensorRef } from '../format/types.js';
import { type OutputTensor } from '../format/stream.js';
import { type CollectedGroup, type LayerGroup, type StackGroup } from './groups.js';
import type { LayerNaming } from './naming.js';
export interface BlockGroup {
    /** The node holding the stack and its remainder (`params.params.decoder`). */
    readonly parent: readonly string[];
    /** K: layers per block. */
    readonly size: number;
    /** S: slices of every block on the scan axis. */
    readonly scanLength: number;
    /** L = S*K + R. */
    readonly depth: number;
    /** How the tensors are stored now: stacked blocks (scan) or one node per layer (pyloop). */
    readonly form: 'blocks' | 'layers';
    /** Leaf paths of block J (relative to it, and to each layer i with i mod K = J). */
    readonly leaves: readonly (readonly (readonly string[])[])[];
    /** Layer i's tensors, aligned with `leaves[i % size]` (slices of the blocks, planned lazily). */
    layer(i: number): readonly TensorRef[];
    /** Every stored tensor of the group. */
    readonly refs: readonly TensorRef[];
}
/** The node holding the unscanned L mod K layers beside the stack (MaxText: `layers_remainder`). */
export declare const remainderNode: (stack: string) => string;
/** Where K came from: the `--block-size` flag, the file's `scanconv.block_size`, or the stored blocks' count. */
export type BlockSizeSource = 'flag' | 'metadata' | 'blocks';
/** K as a refusal names it, by its source (none: a caller's own, the flag), so the user fixes what the message names. */
export declare function blockSizeText(size: number, from: BlockSizeSource | undefined): string;
/** A given K checked: an integer from 1 to MAX_LAYERS (the metadata's is checked by metaBlockSize). */
export declare function checkBlockSize(size: number, from: BlockSizeSource | undefined): void;
/**
 * Stacks of blocks: of the `stack` nodes found (findStacks), those each of whose leaves lies under
 * a child named like a layer (`layers.layers_J.…`), validated (blocks 0..K-1, every block S slices
 * on `axis`, the remainder fewer than K layers each like its block). Empty when no stack holds blocks.
 */
export declare function findBlockGroups(tensors: ReadonlyMap<string, TensorRef>, sep: string, naming: LayerNaming, stacks: readonly StackGroup[], stack: string, axis: number, file: string): BlockGroup[];
/**
 * Per-layer groups read as blocks of `size`: layer i must match layer i mod K (not layer 0).
 * Each group's depth must be at least K.
 */
export declare function periodicGroups(tensors: ReadonlyMap<string, TensorRef>, sep: string, naming: LayerNaming, size: number, from: BlockSizeSource | undefined): BlockGroup[];
/**
 * Whether every block holds the same tensors as block 0: the same leaves, each with the same
 * dtype and per-layer shape (Gemma 3, Llama 4 Scout; not Maverick). Then the blocks are one plain
 * group of L layers, comparable with a plain scan or pyloop form.
 */
export declare function blocksUniform(b: BlockGroup): boolean;
/** The same group as one uniform LayerGroup when every block holds the same tensors (blocksUniform), else undefined. */
export declare function uniformLayers(b: BlockGroup, naming: LayerNaming): LayerGroup | undefined;
/**
 * The smallest K (2 to 64) under which a group's layers that differ from layer 0 repeat, if any.
 * Each layer is reduced once to a signature (its sorted leaves, shapes and dtypes), so the search
 * costs one pass over the tensors plus L comparisons per K, whatever the input.
 */
export declare function blockPeriod(collected: readonly CollectedGroup[], sep: string): {
    where: string;
    size: number;
    layers: number;
} | undefined;
/** Stored tensors of a block group in the per-layer form: `parent.layers_N.…`. */
export declare function planLayers(b: BlockGroup, sep: string, naming: LayerNaming): OutputTensor[];
/** Stored tensors of a block group as MaxText's blocks: `parent.stack.layers_J.…` over S on `axis`, and the remainder. */
export declare function planBlocks(b: BlockGroup, sep: string, naming: LayerNaming, stack: string, axis: number): OutputTensor[];
