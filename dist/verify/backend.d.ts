/**
 * Choosing the tfjs backend. wasm (SIMD, one thread per instance) is always installed;
 * `tensorflow` is @tensorflow/tfjs-node and `webgpu` is tfjs-backend-webgpu on Dawn (the
 * `webgpu` package), both optional peers; `cpu` is the pure-JS backend, only when asked for by
 * name (about 20x slower: never a silent fallback). `auto` picks tensorflow when installed,
 * else webgpu when a hardware GPU adapter is found (never a software one such as lavapipe),
 * else ort (onnxruntime-node, an optional peer, multiplies the weights; the rest is wasm) when
 * it loads, else wasm. This module chooses (in the main thread, without tfjs); backendInit.ts starts the
 * chosen backend where the model runs.
 */
import { ScanconvError } from '../errors.js';
export declare const BACKENDS: readonly ["auto", "wasm", "webgpu", "tensorflow", "ort", "cpu"];
export type BackendChoice = (typeof BACKENDS)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;
export declare class BackendError extends ScanconvError {
}
export declare const HOW_TO_GET: Record<BackendName, string>;
/**
 * Resolve the choice once, in the main thread, before any form starts, so both forms run on the
 * same backend and a missing one is one clear error (exit 2) before any work. Nothing here loads
 * tfjs or Dawn into this thread (gpu.ts probes in a child process).
 */
export declare function resolveBackend(choice?: BackendChoice): Promise<BackendName>;
