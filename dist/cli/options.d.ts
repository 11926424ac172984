/** Option parsers and option groups shared by several commands. */
import { Option, type Command } from 'commander';
import { type Layout } from '../layout/plan.js';
export declare function parseNonNegInt(value: string): number;
export declare function parsePositiveInt(value: string): number;
/** Sizes like 5GB, 500MB, 1.5GiB or a plain byte count. */
export declare function parseSize(value: string): number;
export declare function parseNonNegNumber(value: string): number;
/** --layers/--stack/--axis/--sep/--num-layers: how to find the repeated block. */
export declare function addLayoutOptions(cmd: Command): Command;
export declare function layoutOption(flags: string, description: string): Option;
export interface LayoutFlags {
    layers?: string;
    stack?: string;
    axis?: number;
    sep?: string;
    numLayers?: number;
    from?: Layout;
}
export declare function layoutOptionsFrom(flags: LayoutFlags): {
    layerPattern: string | undefined;
    stack: string | undefined;
    axis: number | undefined;
    numLayers: number | undefined;
    from: Layout | undefined;
    sep: string | undefined;
};
