/**
 * `check` of an Orbax checkpoint: decode every stored chunk of every array once (each CRC-32C
 * checked: OCDBT nodes were checked when the checkpoint opened, shard indexes and crc32c codecs
 * here), so a checkpoint that passes reads back whole.
 */
import type { ZarrArray } from './zarrArray.js';
export declare function checkArrays(arrays: readonly ZarrArray[]): string;
