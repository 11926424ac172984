/**
 * JSON checkpoints: a nested object whose leaves are either nested arrays of numbers (Flax
 * `tolist()`, read as F32) or an explicit leaf `{"dtype": "BF16", "shape": [..], "data": [..]}`
 * (or `"bytes"`: base64) that keeps the dtype and bits through a round trip. JSON is a format for
 * small checkpoints and examples: input is read whole and limited to MAX_JSON_INPUT bytes, and
 * output to MAX_JSON_OUTPUT tensor bytes (so that it can be read back); large checkpoints belong
 * in safetensors or msgpack. The output is written one tensor at a time, never built whole.
 */
import { FormatError } from '../errors.js';
import { type TensorIndex } from './types.js';
import { type OutputTensor } from './stream.js';
export { decodeValues, encodeValues, tensorToJson } from './jsonValues.js';
export type JsonErrorCode = 'NOT_JSON' | 'NOT_OBJECT' | 'RAGGED_ARRAY' | 'NOT_NUMBER' | 'BAD_LEAF' | 'KEY_CONFLICT' | 'DUPLICATE_KEY' | 'BAD_METADATA' | 'NAME_NOT_REPRESENTABLE' | 'TOO_LARGE';
export declare class JsonCheckpointError extends FormatError {
    constructor(file: string, code: JsonErrorCode, detail: string, key?: string);
}
/** Largest JSON checkpoint read (V8 cannot hold a string much over 512 MiB anyway). */
export declare const MAX_JSON_INPUT: number;
/** Largest total of tensor bytes written as JSON (its text stays under MAX_JSON_INPUT). */
export declare const MAX_JSON_OUTPUT: number;
/** Read a JSON checkpoint; without `sep`, names are joined with the separator its metadata records, else `.`. */
export declare function openJson(file: string, givenSep?: string): TensorIndex;
export declare function writeJson(file: string, tensors: readonly OutputTensor[], metadata: Readonly<Record<string, string>>, sep: string): Promise<number>;
