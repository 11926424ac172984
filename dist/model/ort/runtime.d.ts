import { type Orientation } from './onnx.js';
export type { Orientation };
/** What scanconv uses of onnxruntime-common's Tensor: the binding builds its outputs with it. */
interface OrtTensor {
    readonly data: unknown;
    readonly dims: readonly number[];
    readonly type: string;
}
type TensorClass = new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
interface NativeSession {
    loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
    run(feeds: Record<string, OrtTensor>, fetches: Record<string, null>, options: object): Record<string, OrtTensor>;
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
 * Intra-op threads per form: one, measured (docs/ORT.md). verify runs its two forms side by side,
 * one worker each; on this project's 2-core machines a second thread per form made the notebook
 * model's verify 1.6-1.9x slower end to end (28.2 s against 15.2-18.2 s, busy machine), and run
 * one after the other (--no-workers) two threads were still slower (4.9-7.5 s against 2.3 s a
 * forward): MLAS's pool spins while it waits and contends with tfjs-wasm and the other form.
 * SCANCONV_ORT_THREADS overrides (a count >= 1) on a machine with cores to spare.
 */
export declare function ortThreads(): number;
/** Start onnxruntime in this thread (one session per orientation, kept); returns its version. */
export declare function startOrt(threads: number): {
    version: string;
    threads: number;
};
/** This thread's next forms run on another backend. */
export declare function stopOrt(): void;
/** Whether this thread multiplies its weights with onnxruntime (startOrt was called, stopOrt not since). */
export declare function ortActive(): boolean;
/**
 * y (M,N) = x (M,K) times w: (K,N) for 'in,out', (N,K) for 'out,in'. `w` may be a view of memory
 * that the next weight read reuses: the call is synchronous and onnxruntime keeps nothing.
 */
export declare function ortProduct(x: Float32Array, M: number, K: number, w: Float32Array, N: number, orientation: Orientation): Float32Array;
