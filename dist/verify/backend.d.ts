import { ScanconvError } from '../errors.js';
export declare const BACKENDS: readonly ["auto", "wasm", "webgpu", "tensorflow", "cpu"];
export type BackendChoice = (typeof BACKENDS)[number];
export type BackendName = Exclude<BackendChoice, 'auto'>;
export declare class BackendError extends ScanconvError {
}
export declare const HOW_TO_GET: Record<BackendName, string>;
/** Dawn reaches NVIDIA/AMD GPUs through Vulkan; without the loader there is no adapter to find. */
export declare function vulkanLoaderPresent(): boolean;
/**
 * What scanconv reads of a WebGPU adapter. Declared here rather than taken from the optional
 * `webgpu` peer, so that the published declarations compile for consumers who lack it.
 */
export interface GpuAdapterLike {
    info?: {
        vendor?: string;
        architecture?: string;
        device?: string;
        description?: string;
    };
}
/** Make WebGPU's globals exist (before tfjs-backend-webgpu is evaluated) and find an adapter. */
export declare function webgpuAdapter(): Promise<GpuAdapterLike | null>;
export declare function describeAdapter(a: GpuAdapterLike): string;
/** Resolve `auto` once, in the main thread, so both forms run on the same backend. */
export declare function resolveBackend(choice?: BackendChoice): Promise<BackendName>;
