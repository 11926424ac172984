/**
 * The arrays a form's worker copies each layer's intermediates into, reused. The main thread
 * hands back (transfers) the arrays it has compared and no longer keeps (layerDiff.ts), and the
 * worker copies later layers into them. A fresh array per intermediate cost more than the copy
 * itself: at the notebook's size (42 layers, five 0.8 MB intermediates each, per form) the
 * allocations, their first-touch page faults and their unmapping were 0.2 to 0.45 s of a form's
 * time, in wasm and ort alike, where copying into memory already mapped takes about 10 ms.
 */
export declare class TraceArrays {
    /** Handed-back buffers by byte length. */
    private readonly free;
    /** An array of `length` floats: a handed-back one when there is one of that size, else a new one. */
    take(length: number): Float32Array;
    /** Buffers the receiver of earlier traces no longer reads. */
    give(buffers: readonly ArrayBuffer[]): void;
}
