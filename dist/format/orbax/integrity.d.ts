import { type ZarrArray } from './zarrArray.js';
export declare function checkArrays(arrays: readonly ZarrArray[], everyChunkStored: boolean, where: string): string;
