import { type Orientation } from './onnx.js';
export type { Orientation };
/** What scanconv uses of onnxruntime-common's Tensor: the binding builds its outputs with it. */
export interface OrtTensor {
    readonly data: unknown;
    readonly dims: readonly number[];
    readonly type: string;
}
export type TensorClass = new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
export interface NativeSession {
    loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
    /** `fetches` binds a preallocated output, which MLAS writes in place (null: onnxruntime allocates it). */
    run(feeds: Record<string, OrtTensor>, fetches: Record<string, OrtTensor | null>, options: object): unknown;
}
/** The package's directory, or null when it is not installed (NODE_PATH counts, as for require). */
export declare function ortPackageDir(): string | null;
export declare const ORT_HOW_TO_GET = "npm install --ignore-scripts onnxruntime-node@1.30.0 (--ignore-scripts: its install script only fetches optional GPU parts; offline, install from a tarball made with npm pack; see docs/ORT.md)";
interface Binding {
    binding: {
        InferenceSession: new () => NativeSession;
    };
    initOrt(): void;
}
/**
 * Load the package and its native library in this thread; throws an Error whose first line says
 * why it cannot (not installed, another platform, a library missing).
 */
export declare function loadOrt(): {
    version: string;
    binding: Binding;
    Tensor: TensorClass;
};
/**
 * Intra-op threads per form: one, measured (docs/ORT.md, Threads). verify runs its two forms side
 * by side, one worker each; on this project's 2-core machines a second thread per form made
 * verify slower end to end in every alternating run (`bench:verify -- --backend ort@1,ort@2`):
 * notebook model 7.07 s against 11.16 s, 1B model 2.9 s against 4.1 s; MLAS's pool spins while
 * it waits and contends with tfjs-wasm and the other form. SCANCONV_ORT_THREADS overrides (a
 * count >= 1) on a machine with cores to spare.
 */
export declare function ortThreads(): number;
/** Start onnxruntime in this thread (its sessions made as first used, then kept); returns its version. */
export declare function startOrt(threads: number): {
    version: string;
    threads: number;
};
/**
 * What startOrt does first, without sending this thread's products to onnxruntime: its
 * environment started (initOrt, about 40 ms of CPU and more of waiting) and its first session
 * made (about 20 ms: the CPU kernels' registry is built then, later sessions take about 1.2 ms).
 * A prestarted worker does it while it waits for its request (verify/backendInit.ts
 * preloadBackend), so a form on ort does not start 0.06 to 0.15 s after one on wasm.
 */
export declare function warmOrt(threads: number): void;
/**
 * Run a session once on a product whose answer is known before trusting it: ortProduct takes
 * the binding's error on the skip output to mean that y was written, which holds for the binding
 * scanconv is tested with (1.30) and would not for one that checked output types before running.
 * Such a binding is refused here, by name, rather than leaving y as it was.
 */
export declare function probe(s: NativeSession, Tensor: TensorClass, version: string, orientation: Orientation, withBias: boolean): void;
/** This thread's next forms run on another backend. */
export declare function stopOrt(): void;
/** Whether this thread multiplies its weights with onnxruntime (startOrt was called, stopOrt not since). */
export declare function ortActive(): boolean;
/** One product's operands: all views of memory the caller holds, none copied. */
export interface Product {
    /** (M, K) row-major. */
    x: Float32Array;
    M: number;
    K: number;
    /** (K, N) for 'in,out', (N, K) for 'out,in'. */
    w: Float32Array;
    N: number;
    orientation: Orientation;
    /** (N), added to every row. */
    bias?: Float32Array;
    /** (M, N): written by MLAS in place (a preallocated output bound to the run). */
    out: Float32Array;
}
/**
 * out (M,N) = x (M,K) times w [+ bias]. Every array may be a view of memory that the caller
 * reuses or that another runtime owns (tfjs-wasm's heap): the call is synchronous, onnxruntime
 * wraps the arrays as they are (no copy in), writes `out` in place (no copy out) and keeps none
 * of them.
 */
export declare function ortProduct(p: Product): void;
