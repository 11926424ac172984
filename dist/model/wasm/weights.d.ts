export declare function simdWidenApplies(n: number): boolean;
/**
 * n bf16 values, whose bytes `fill` writes into the array it is given, widened to f32. The
 * result is a view of this module's memory, valid until the next call: copy it (tf.tensor on
 * the wasm backend does) before calling again.
 */
export declare function simdWidenBf16(n: number, fill: (bytes: Uint8Array) => void): Float32Array;
export declare function simdTransposeApplies(dtype: string, rows: number, cols: number): dtype is 'F32' | 'BF16';
/**
 * The (cols, rows) f32 transpose of a (rows, cols) F32 or BF16 matrix whose bytes `fill` writes
 * into the array it is given; like `simdWidenBf16`, a view valid until the next call.
 */
export declare function simdTranspose(dtype: 'F32' | 'BF16', rows: number, cols: number, fill: (bytes: Uint8Array) => void): Float32Array;
