import type { TensorIndex } from '../types.js';
export interface OrbaxOpenOptions {
    /** Keep optimizer state (`opt_state`, T5X `state`); left out by default. */
    optimizerState?: boolean;
}
export declare function openOrbax(input: string, options?: OrbaxOpenOptions): TensorIndex;
