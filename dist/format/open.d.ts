import type { OutputTensor, WriteProgress } from './stream.js';
import type { TensorIndex } from './types.js';
export type WritableFormat = 'safetensors' | 'json' | 'msgpack';
export declare const WRITABLE_FORMATS: readonly WritableFormat[];
export interface OpenOptions {
    /** Key separator; detected when not given (`.` unless keys only use `/`). */
    sep?: string;
}
export declare function openCheckpoint(file: string, options?: OpenOptions): TensorIndex;
/** The files a model directory (Hugging Face style) holds its weights in, in order of preference. */
export declare const MODEL_DIR_FILES: string[];
/** `file` itself, or the checkpoint file of a model directory (whose config.json sits beside it). */
export declare function checkpointFile(file: string): string;
/** The checkpoint file of a model directory, or a one-line error saying what to pass. */
export declare function modelFileIn(dir: string): string;
export declare function formatFromPath(file: string): WritableFormat | undefined;
export declare function writeCheckpoint(file: string, format: WritableFormat, tensors: readonly OutputTensor[], metadata: Readonly<Record<string, string>>, sep: string, onProgress?: WriteProgress): Promise<number>;
