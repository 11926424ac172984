/**
 * Where an optional peer is installed, or null. Resolved like `require` (so NODE_PATH counts,
 * as it does for the tfjs packages that model/tf.ts requires), without loading it.
 */
export declare function packageDir(name: string): string | null;
/** Dawn reaches GPUs through Vulkan; without the loader there is no adapter to find. */
export declare function vulkanLoaderPresent(): boolean;
/** What scanconv reads of a GPUAdapterInfo. */
export interface AdapterDescription {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
}
/** The options tfjs-backend-webgpu requests its adapter with (so the probe sees the same one). */
export declare const ADAPTER_OPTIONS: {
    readonly powerPreference: "high-performance";
};
export declare function describeAdapter(a: AdapterDescription): string;
/**
 * A CPU implementation of Vulkan or WebGPU (Mesa's lavapipe/llvmpipe, SwiftShader): correct but
 * 8-20x slower than wasm, so `auto` never picks it. Dawn marks it `isFallbackAdapter` and
 * architecture `software`; the names catch drivers that say neither.
 */
export declare function isSoftwareAdapter(a: AdapterDescription): boolean;
export type AdapterProbe = {
    found: true;
    adapter: AdapterDescription;
} | {
    found: false;
    reason: string;
    code: 'BACKEND_UNAVAILABLE' | 'NO_GPU_ADAPTER' | 'GPU_PROBE_FAILED';
};
/** The adapter Dawn offers on this machine (probed once per process), or why there is none. */
export declare function probeAdapter(): Promise<AdapterProbe>;
