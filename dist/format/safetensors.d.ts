import { FormatError } from '../errors.js';
import { type DType } from './dtype.js';
import { type TensorIndex } from './types.js';
import { type OutputTensor, type WriteProgress } from './stream.js';
import { type AtomicFile } from './atomic.js';
import { type OpenFiles } from './files.js';
export declare const MAX_HEADER_SIZE = 100000000;
export type SafetensorsErrorCode = 'HEADER_TOO_SMALL' | 'HEADER_TOO_LARGE' | 'HEADER_PAST_EOF' | 'HEADER_NOT_UTF8' | 'HEADER_START' | 'HEADER_NOT_JSON' | 'HEADER_SCHEMA' | 'METADATA_NOT_STRINGS' | 'DUPLICATE_TENSOR' | 'UNKNOWN_DTYPE' | 'INVALID_SHAPE' | 'INVALID_OFFSETS' | 'OFFSETS_OVERLAP' | 'OFFSETS_HOLE' | 'TENSOR_SIZE_MISMATCH' | 'FILE_LENGTH_MISMATCH';
export declare class SafetensorsError extends FormatError {
    readonly file: string;
    readonly tensor?: string | undefined;
    constructor(file: string, code: SafetensorsErrorCode, detail: string, tensor?: string | undefined);
}
interface HeaderEntry {
    name: string;
    dtype: DType;
    shape: number[];
    begin: number;
    end: number;
}
/** Parse and validate a header's JSON text; `dataLength` is the bytes that follow the header. */
export declare function parseHeader(file: string, text: string, dataLength: number): {
    entries: HeaderEntry[];
    metadata: Record<string, string>;
};
/**
 * Open a .safetensors file: reads and validates the header only. With `pool` (the shards of one
 * checkpoint), the file's descriptor is one of a bounded set, closed and reopened as needed.
 */
export declare function openSafetensors(file: string, pool?: OpenFiles): TensorIndex;
/**
 * Header bytes for the given tensors (in the given order), padded with spaces to a multiple of 8.
 * The header is a null-prototype object: a tensor named `__proto__` is then an ordinary key
 * (on `{}` the assignment would set the prototype and drop the tensor from the header).
 */
export declare function encodeHeader(tensors: readonly OutputTensor[], metadata: Readonly<Record<string, string>>): Uint8Array;
/** Stream `tensors` (in this order) into `file`, atomically. Returns bytes written. */
export declare function writeSafetensors(file: string, tensors: readonly OutputTensor[], metadata: Readonly<Record<string, string>>, onProgress?: WriteProgress, group?: AtomicFile[]): Promise<number>;
export {};
