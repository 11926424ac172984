/**
 * The msgpack structure parser for Flax checkpoints (msgpack.ts opens the file): maps of maps,
 * ext-type arrays recorded as byte ranges (never read), everything else skipped unread, under
 * hostile-input limits (depth, map entries, key bytes, rank). Also used for Orbax's legacy
 * msgpack `checkpoint` file (orbax/open.ts).
 */
import { FormatError } from '../errors.js';
import { type DType } from './dtype.js';
import { FileCursor } from './msgpackCursor.js';
export type MsgpackErrorCode = 'TRUNCATED' | 'BAD_BYTE' | 'NOT_A_MAP' | 'BAD_KEY' | 'DUPLICATE_KEY' | 'KEY_CONFLICT' | 'KEY_HOLDS_SEPARATOR' | 'BAD_ARRAY' | 'UNKNOWN_DTYPE' | 'SIZE_MISMATCH' | 'NOT_AN_ARRAY' | 'TRAILING_BYTES' | 'TOO_DEEP' | 'TOO_MANY_ENTRIES' | 'BAD_CHUNKS';
export declare class MsgpackError extends FormatError {
    constructor(file: string, code: MsgpackErrorCode, detail: string, key?: string);
}
export declare const DTYPE_TO_NUMPY: Partial<Record<DType, string>>;
export declare const MAX_CHUNK_SIZE: number;
export declare const MAX_DEPTH = 64;
/** Entries of all maps together (see the file comment). */
export declare const MAX_MAP_ENTRIES = 1000000;
/** numpy allows 64 dimensions (32 before numpy 2). */
export declare const MAX_RANK = 64;
/** The key of a Flax array split into chunks (arrays over MAX_CHUNK_SIZE bytes). */
export declare const CHUNK_MARKER = "__msgpack_chunked_array__";
interface TensorValue {
    kind: 'tensor';
    dtype: DType;
    shape: number[];
    offset: number;
    length: number;
}
/** Scalars are kept as primitives (numbers, booleans, null) or a short description ("a string"). */
export type Value = Map<string, Value> | TensorValue | number | boolean | null | {
    kind: 'other';
    what: string;
    text?: string;
};
export declare const isMap: (v: Value | undefined) => v is Map<string, Value>;
export declare const isTensor: (v: Value | undefined) => v is TensorValue;
export declare const describe: (v: Value) => string;
export declare class Parser {
    private readonly c;
    private readonly file;
    /** Orbax/T5X trees: keep short strings (`PLACEHOLDER://a`, tensorstore specs) and read lists as {"0": ..} maps. */
    private readonly keepStrings;
    private entries;
    constructor(c: FileCursor, file: string, 
    /** Orbax/T5X trees: keep short strings (`PLACEHOLDER://a`, tensorstore specs) and read lists as {"0": ..} maps. */
    keepStrings?: boolean);
    fail(code: MsgpackErrorCode, detail: string, key?: string): never;
    /** The state dict: a map, refused at its first byte otherwise. */
    root(): Value;
    /** Read one value; `path` only names errors. */
    value(path: string, depth?: number): Value;
    private passOver;
    /** A map key: a string (or an integer, as msgpack allows), read whole but bounded. */
    private key;
    private list;
    private map;
    /** Ext type 1/3: msgpack (shape, dtype, bytes) whose bytes we locate but do not read. */
    private ext;
    /** An ext array's shape: a msgpack list of at most MAX_RANK non-negative integers. */
    private shape;
}
export {};
