import { type LayerNaming } from './naming.js';
export declare const META: {
    readonly version: "scanconv.version";
    readonly layout: "scanconv.layout";
    readonly stack: "scanconv.stack";
    readonly axis: "scanconv.axis";
    readonly pattern: "scanconv.layer_pattern";
    readonly layers: "scanconv.layers";
    /** Layers per block of MaxText's blocks of layers (blocks.ts), in either layout. */
    readonly blockSize: "scanconv.block_size";
    /** The key separator, when it is not "." (format/types.ts reads it). */
    readonly sep: "scanconv.sep";
};
/** No real model has more layers in one group; larger counts are refused before anything per layer is built. */
export declare const MAX_LAYERS = 65536;
/** The highest layer axis accepted (safetensors itself has no rank limit). */
export declare const MAX_AXIS = 1024;
/** Error codes that mean the checkpoint itself is unreadable (check: exit 2), not a failed layout check. */
export declare const INVALID_LAYOUT_CODES: ReadonlySet<string>;
/** Recorded layer counts: one for every group, or one per group path. */
export type RecordedDepths = number | ReadonlyMap<string, number>;
export declare function metaLayout(file: string, metadata: Readonly<Record<string, string>>): string | undefined;
export declare function metaStack(file: string, metadata: Readonly<Record<string, string>>, sep: string): string | undefined;
export declare function metaAxis(file: string, metadata: Readonly<Record<string, string>>): number | undefined;
export declare function metaBlockSize(file: string, metadata: Readonly<Record<string, string>>): number | undefined;
export declare function metaNaming(file: string, metadata: Readonly<Record<string, string>>): LayerNaming | undefined;
export declare function metaDepths(file: string, metadata: Readonly<Record<string, string>>): RecordedDepths | undefined;
/** `scanconv.layers` for groups of these depths (keyed by group path, in any order). */
export declare function formatDepths(depths: ReadonlyMap<string, number>): string;
/** Whether the default rules would name the layer children under `parent` as `segments` (index order). */
export declare function defaultNamesMatch(parent: readonly string[], segments: readonly string[]): boolean;
