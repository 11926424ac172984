import type { ErrorCode } from '../errorCodes.js';
import type { TensorRef } from '../format/types.js';
import { type LayerNaming } from './naming.js';
export interface LayerEntry {
    readonly index: number;
    /** The child's own name, e.g. `layer_7`. */
    readonly segment: string;
    /** This layer's tensors, aligned with LayerGroup.leaves. */
    readonly refs: readonly TensorRef[];
}
export interface LayerGroup {
    /** Path of the node whose children are the layers, e.g. ['params']. */
    readonly parent: readonly string[];
    /** Layers ordered by their integer index, exactly 0..L-1. */
    readonly layers: readonly LayerEntry[];
    /** Leaf paths inside one layer, e.g. ['Dense_0', 'kernel'], in layer 0's order. */
    readonly leaves: readonly (readonly string[])[];
}
export interface StackGroup {
    readonly parent: readonly string[];
    readonly name: string;
    readonly leaves: readonly {
        readonly rel: readonly string[];
        readonly ref: TensorRef;
    }[];
}
export declare const DEFAULT_STACK = "blocks";
export declare const sameShape: (a: readonly number[], b: readonly number[]) => boolean;
/** A tensor's shape and dtype, as messages show them: `[12, 3, 8] BF16`. */
export declare const describe: (r: TensorRef) => string;
/** Split every key into path segments once. */
export declare function splitKeys(tensors: ReadonlyMap<string, TensorRef>, sep: string): {
    path: string[];
    ref: TensorRef;
}[];
/**
 * Every node whose children are layers by `naming`, with its layers validated: indices exactly
 * 0..L-1 and every layer the same subtree with the same shapes and dtypes.
 */
export declare function groupLayers(tensors: ReadonlyMap<string, TensorRef>, sep: string, naming: LayerNaming): LayerGroup[];
/** groupLayers' validation of groups already collected (so a caller that looks further after a failure collects once). */
export declare function validateCollected(collected: readonly CollectedGroup[], sep: string, naming: LayerNaming): LayerGroup[];
/** Layer children by node, as found (not yet validated). */
export interface CollectedGroup {
    readonly parent: string[];
    readonly layers: Map<number, BuildingLayer>;
}
/** Every node whose children are layers by `naming`, with each layer's leaves; indices checked one by one. */
export declare function collectLayers(tensors: ReadonlyMap<string, TensorRef>, sep: string, naming: LayerNaming): CollectedGroup[];
export type BuildingLayer = {
    segment: string;
    leaves: Map<string, {
        rel: string[];
        ref: TensorRef;
    }>;
};
/**
 * Indices exactly 0..L-1, and every layer the same subtree with the same shapes and dtypes as
 * layer `i mod period` (period 1: as layer 0; MaxText's blocks of layers repeat every K layers).
 * With a period, the returned `leaves` are layer 0's and each layer's refs follow its own
 * residue's leaves: `residueLeaves` in blocks.ts.
 */
export declare function validateGroup(g: CollectedGroup, sep: string, period?: number, mismatchCode?: ErrorCode): LayerGroup;
/** Every node named `stackName` (shallowest on each path), with its leaves. */
export declare function findStacks(tensors: ReadonlyMap<string, TensorRef>, sep: string, stackName: string): StackGroup[];
/** findStacks by stack name, for one index: each name is looked for once however often it is asked for. */
export type StacksByName = (stackName: string) => readonly StackGroup[];
/**
 * One analysis asks for the same stacks several times (the framework's axis, blocks, plain
 * stacks, what lies beside the blocks): each is a walk over every key, so each name walks once.
 */
export declare function stacksByName(tensors: ReadonlyMap<string, TensorRef>, sep: string): StacksByName;
/** How a set of stacked tensors words its refusals: a plain stack, or MaxText's blocks (blocks.ts). */
export interface StackedRefusals {
    readonly code: ErrorCode;
    /** `ref` holds `n` layers on the axis, `first` holds `want`. */
    disagree(ref: TensorRef, n: number, first: TensorRef, want: number): string;
    /** They hold no layers (`first` undefined when there are no tensors). */
    empty(first: TensorRef | undefined): string;
}
/** The layer count of stacked tensors: the size of `axis` in every one of `refs`, which must agree and not be 0. */
export declare function stackedLength(refs: Iterable<TensorRef>, axis: number, refuse: StackedRefusals): number;
/** The layer count of a stack: the size of `axis` in every leaf, which must agree. */
export declare function stackDepth(group: StackGroup, axis: number): number;
