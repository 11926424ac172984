import { type ZarrArray } from './zarrArray.js';
/** NaN/Inf elements of `array`, each chunk decoded once (none when check's integrity pass has counted them). */
export declare function countArrayNonfinite(array: ZarrArray): number;
export declare function checkArrays(arrays: readonly ZarrArray[], everyChunkStored: boolean, where: string): string;
