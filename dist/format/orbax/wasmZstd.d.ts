/** WasmZstdError's code when the module's memory could not hold the buffers (not a zstd code). */
export declare const NO_WASM_MEMORY = 0;
/** zstd's code for "the frame decodes to more than the buffer holds". */
export declare const DST_TOO_SMALL = 70;
export declare class WasmZstdError extends Error {
    /** zstd's error code (0 when the module's memory could not hold the buffers). */
    readonly zstdCode: number;
    constructor(
    /** zstd's error code (0 when the module's memory could not hold the buffers). */
    zstdCode: number, message: string);
}
/**
 * The decoder's input buffer, `length` bytes, to read a stored chunk into: `wasmZstdDecode` of it
 * (or of a view starting where it starts) copies nothing, and no chunk-sized buffer exists outside
 * the module's memory. Valid until the next call of either function.
 */
export declare function wasmZstdInput(length: number): Uint8Array;
/**
 * Decode the zstd frame(s) in `src` into at most `capacity` bytes; returns a view of the module's
 * memory holding the output, valid until the next call. Throws WasmZstdError (code
 * DST_TOO_SMALL when the frame decodes to more than `capacity`).
 */
export declare function wasmZstdDecode(src: Uint8Array, capacity: number): Uint8Array;
/** Whether a module has been instantiated in this thread (tests: importing must not). */
export declare function wasmZstdLoaded(): boolean;
