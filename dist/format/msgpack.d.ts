import { ScanconvError } from '../errors.js';
import { type DType } from './dtype.js';
import { type TensorIndex } from './types.js';
export type MsgpackErrorCode = 'TRUNCATED' | 'BAD_BYTE' | 'NOT_A_MAP' | 'BAD_KEY' | 'DUPLICATE_KEY' | 'KEY_CONFLICT' | 'BAD_ARRAY' | 'UNKNOWN_DTYPE' | 'SIZE_MISMATCH' | 'NOT_AN_ARRAY' | 'TRAILING_BYTES' | 'TOO_DEEP' | 'TOO_MANY_ENTRIES' | 'BAD_CHUNKS';
export declare class MsgpackError extends ScanconvError {
    constructor(file: string, code: MsgpackErrorCode, detail: string, key?: string);
}
export declare const DTYPE_TO_NUMPY: Partial<Record<DType, string>>;
export declare const MAX_CHUNK_SIZE: number;
export declare const MAX_DEPTH = 64;
/** Entries of all maps together (see the file comment). */
export declare const MAX_MAP_ENTRIES = 1000000;
export declare function openMsgpack(file: string, sep?: string): TensorIndex;
