/**
 * Tensor values <-> JSON values for JSON checkpoints: numbers for the numeric dtypes (non-finite
 * floats as the strings "NaN", "Infinity", "-Infinity"; 64-bit integers as decimal strings),
 * base64 for anything that would not survive as numbers. Every value read is checked against its
 * dtype: `1.5` or `"abc"` as I64, 300 as U8 are refused, never truncated or wrapped.
 */
import { type DType } from './dtype.js';
import type { JsonValue } from './jsonParse.js';
/** What the writer produces: plain JSON data (objects are only ever explicit leaves). */
export type JsonOut = null | boolean | number | string | JsonOut[] | {
    [k: string]: JsonOut;
};
/** Encode values as little-endian bytes of `dtype`; `fail` must throw. */
export declare function encodeValues(dtype: DType, values: readonly (JsonValue | JsonOut)[], fail: (d: string) => never): Uint8Array;
/** Decode bytes of `dtype` as JSON-safe values (non-finite floats as strings, 64-bit ints as strings). */
export declare function decodeValues(dtype: DType, bytes: Uint8Array): JsonOut[] | undefined;
/** JSON value for one tensor: Flax-style nested arrays for finite F32, explicit leaves otherwise. */
export declare function tensorToJson(dtype: DType, shape: readonly number[], bytes: Uint8Array): JsonOut;
