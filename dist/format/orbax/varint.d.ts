/** Unsigned LEB128 varints (OCDBT's integer encoding), for integers up to 2^53 - 1. */
/** Append `value` as an unsigned varint to `out`. */
export declare function pushVarint(out: number[], value: number): void;
/** The varint encoding of `value`. */
export declare function varint(value: number): Uint8Array;
