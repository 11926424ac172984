/**
 * Optional peers, imported only when their backend is asked for. They are not installed by
 * default, so their shapes are declared here (only what scanconv touches).
 */
declare module '@tensorflow/tfjs-node' {
  export const version: Record<string, string>;
}

declare module '@tensorflow/tfjs-backend-webgpu' {
  export const webgpu_util: object;
}

declare module 'webgpu' {
  export interface AdapterLike {
    info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  }
  export function create(flags: string[]): { requestAdapter(): Promise<AdapterLike | null> };
  export const globals: Record<string, unknown>;
}
