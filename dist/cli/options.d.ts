/** Option parsers and option groups shared by several commands. */
import { Option, type Command } from 'commander';
import { type Layout } from '../layout/analyze.js';
export declare function parseNonNegInt(value: string): number;
export declare function parsePositiveInt(value: string): number;
export declare const parseDecodeThreads: (value: string) => number;
export declare const parseCompressThreads: (value: string) => number;
export declare const SIZE_FORMS = "a byte count (1048576) or a number with a unit: B, K or KB, M or MB, G or GB, T or TB (powers of 1000), KiB, MiB, GiB, TiB (powers of 1024), e.g. 5GB, 5G, 500MB, 1.5GiB";
/** Sizes like 5GB, 5G, 500MB, 1.5GiB or a plain byte count. */
export declare function parseSize(value: string): number;
export declare function parseNonNegNumber(value: string): number;
/** --layers/--stack/--axis/--sep/--num-layers: how to find the repeated block. */
export declare function addLayoutOptions(cmd: Command): Command;
/**
 * --block-size K: MaxText's blocks of layers (layers.layers_0 … layers_{K-1}) cannot be told from
 * a per-layer tree whose layers differ but repeat (Llama 4 Maverick), so every command that
 * reads such a tree as layers takes K the way convert does.
 */
export declare function addBlockSizeOption(cmd: Command, description: string): Command;
export declare const BLOCK_SIZE_HELP = "layers per block of MaxText's blocks of layers (the model's inhomogeneous_layer_cycle_interval), for per-layer layers_N that differ but repeat every K layers (Llama 4 Maverick); read from the blocks or the metadata otherwise";
/** What `--preset` sets (docs/MAXTEXT.md). */
export declare const PRESETS: Readonly<Record<string, Readonly<{
    layers?: string;
    stack: string;
    axis: number;
}>>>;
export declare function layoutOption(flags: string, description: string): Option;
export interface LayoutFlags {
    layers?: string;
    stack?: string;
    axis?: number;
    sep?: string;
    numLayers?: number;
    from?: Layout;
    optimizerState?: boolean;
    preset?: string;
    blockSize?: number;
}
export declare function layoutOptionsFrom(flags: LayoutFlags): {
    layerPattern: string | undefined;
    stack: string | undefined;
    axis: number | undefined;
    numLayers: number | undefined;
    from: Layout | undefined;
    sep: string | undefined;
    optimizerState: boolean | undefined;
    blockSize: number | undefined;
};
