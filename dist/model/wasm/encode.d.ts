/**
 * The few pieces of the WebAssembly binary format that attention.ts and weights.ts need to
 * write their kernels: LEB128 integers, sections, and the opcodes they use (core spec 2.0 with
 * SIMD128).
 * Kernels are written as arrays of bytes built from these helpers, one instruction per call.
 */
export declare function u32(n: number): number[];
export declare function i32(n: number): number[];
export declare const I32 = 127;
export declare const V128 = 123;
/** One exported function: parameter types (all i32 here), extra locals, and its body. */
export interface FunctionDef {
    name: string;
    params: number[];
    locals: number[];
    body: number[];
}
/**
 * A module with the given exported functions and one memory: its own, growable, exported as
 * "memory" (`memoryPages` to start with), or, with 'imported', another module's, imported as
 * env.memory (tfjs-wasm's heap, so a kernel reads and writes tensors where they live).
 */
export declare function encodeModule(functions: FunctionDef[], memoryPages: number | 'imported'): Uint8Array<ArrayBuffer>;
/** Instructions, named as in the text format. Memory offsets are in bytes. */
export declare const op: {
    get: (i: number) => number[];
    set: (i: number) => number[];
    const: (n: number) => number[];
    add: number[];
    mul: number[];
    ltU: number[];
    f32Add: number[];
    f32Store: number[];
    f32Load: number[];
    v128Load: number[];
    v128Store: number[];
    v128Zero: number[];
    f32x4Splat: number[];
    f32x4Lane: (lane: number) => number[];
    f32x4Add: number[];
    f32x4Mul: number[];
    gtU: number[];
    select: number[];
    /** Four u16 widened to four u32 lanes. */
    v128Load16x4U: number[];
    i32x4Shl: number[];
    /** Lanes of two vectors picked by 32-bit lane (0-3 the first, 4-7 the second). */
    shuffle32: (lanes: [number, number, number, number]) => number[];
};
/**
 * `for (local = 0; local < local[limit]; local += step) body`, as block + loop.
 * Runs zero times when the limit is 0.
 */
export declare function forLoop(local: number, limit: number, step: number, body: number[]): number[];
/** `for (local = start; local < local[limit]; local += step) body`; `start` is instructions that push it. */
export declare function forRange(local: number, start: number[], limit: number, step: number, body: number[]): number[];
