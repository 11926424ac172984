import type { TensorRef } from '../format/types.js';
/** Rows of a 2-D ref (a list, or start..start+count-1 read as one run), as an (n, cols) ref. */
export declare function rowsRef(ref: TensorRef, rows: ArrayLike<number> | {
    start: number;
    count: number;
}): TensorRef;
/** Columns start..start+count-1 of a 2-D ref, as a (rows, count) ref read one row's run at a time. */
export declare function columnsRef(ref: TensorRef, start: number, count: number): TensorRef;
