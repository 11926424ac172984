import { ScanconvError } from '../errors.js';
import { type DType } from './dtype.js';
import { type TensorIndex } from './types.js';
import { type OutputTensor } from './stream.js';
export type JsonErrorCode = 'NOT_JSON' | 'NOT_OBJECT' | 'RAGGED_ARRAY' | 'NOT_NUMBER' | 'BAD_LEAF' | 'KEY_CONFLICT';
export declare class JsonCheckpointError extends ScanconvError {
    constructor(file: string, code: JsonErrorCode, detail: string, key?: string);
}
type Json = null | boolean | number | string | Json[] | {
    [k: string]: Json;
};
/** Encode numbers as little-endian bytes of `dtype`. */
export declare function encodeValues(dtype: DType, values: readonly Json[], fail: (d: string) => never): Uint8Array;
/** Decode bytes of `dtype` as JSON-safe values (non-finite floats as strings, big ints as strings). */
export declare function decodeValues(dtype: DType, bytes: Uint8Array): Json[] | undefined;
export declare function openJson(file: string, sep?: string): TensorIndex;
/** JSON value for one tensor: Flax-style nested arrays for finite F32, explicit leaves otherwise. */
export declare function tensorToJson(dtype: DType, shape: readonly number[], bytes: Uint8Array): Json;
export declare function writeJson(file: string, tensors: readonly OutputTensor[], metadata: Record<string, string>, sep: string): Promise<number>;
export {};
