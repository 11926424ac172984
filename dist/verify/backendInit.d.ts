import { type BackendName } from './backend.js';
/** Load and activate a backend in this thread; returns a description naming the device. */
export declare function initBackend(name: BackendName): Promise<string>;
/**
 * Load, without activating anything, what the `hint` backend will need (the --backend of the
 * command line; 'auto' when it named none): tfjs-core always, tfjs-wasm for wasm and ort, and for
 * ort onnxruntime itself, started with its first session made (warmOrt; its products stay off
 * until initBackend). Only what `initBackend` would do anyway, so a wrong hint costs time, never
 * a result; a failure here is left for `initBackend` to report.
 */
export declare function preloadBackend(hint: string): void;
