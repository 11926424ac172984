import type { OutputTensor, WriteProgress } from './stream.js';
import type { TensorIndex } from './types.js';
export type WritableFormat = 'safetensors' | 'json' | 'msgpack';
export declare const WRITABLE_FORMATS: readonly WritableFormat[];
export interface OpenOptions {
    /** Key separator; detected when not given (`.` unless keys only use `/`). */
    sep?: string;
}
export declare function openCheckpoint(file: string, options?: OpenOptions): TensorIndex;
export declare function formatFromPath(file: string): WritableFormat | undefined;
export declare function writeCheckpoint(file: string, format: WritableFormat, tensors: readonly OutputTensor[], metadata: Readonly<Record<string, string>>, sep: string, onProgress?: WriteProgress): Promise<number>;
