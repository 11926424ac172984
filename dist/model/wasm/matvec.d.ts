export interface MatvecKernel {
    memory: WebAssembly.Memory;
    outInF32: (w: number, x: number, y: number, n: number, k: number, m: number) => void;
    outInBf16: (w: number, x: number, y: number, n: number, k: number, m: number) => void;
    inOutF32: (w: number, x: number, y: number, n: number, k: number, m: number) => void;
    inOutBf16: (w: number, x: number, y: number, n: number, k: number, m: number) => void;
}
/** A fresh instance (its own memory: weightCache.ts keeps weights in it). */
export declare function matvecKernel(): MatvecKernel;
