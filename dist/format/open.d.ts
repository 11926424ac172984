import type { OutputTensor, WriteProgress } from './stream.js';
import { type TensorIndex } from './types.js';
import type { AtomicFile } from './atomic.js';
export { MODEL_DIR_FILES } from './modelDir.js';
/** `orbax` is a directory (format/orbax/orbaxWriter.ts), chosen with --format only. */
export type WritableFormat = 'safetensors' | 'json' | 'msgpack' | 'orbax';
export declare const WRITABLE_FORMATS: readonly WritableFormat[];
export interface OpenOptions {
    /** Key separator; detected when not given (`.` unless keys only use `/`). */
    sep?: string;
    /** Orbax/T5X: keep the optimizer state (left out by default). */
    optimizerState?: boolean;
}
export declare function openCheckpoint(file: string, options?: OpenOptions): TensorIndex;
/** `file` itself, or the checkpoint file of a model directory (whose config.json sits beside it). */
export declare function checkpointFile(file: string): string;
/** The checkpoint file of a model directory (modelDir.ts: transformers' order), or a one-line error saying what to pass. */
export declare function modelFileIn(dir: string): string;
export declare function formatFromPath(file: string): WritableFormat | undefined;
export declare function writeCheckpoint(file: string, format: Exclude<WritableFormat, 'orbax'>, tensors: readonly OutputTensor[], metadata: Readonly<Record<string, string>>, sep: string, onProgress?: WriteProgress, 
/** Add the complete file to this group instead of putting it in place (see `commitAll`); not for JSON. */
group?: AtomicFile[]): Promise<number>;
