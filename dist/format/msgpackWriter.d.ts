import { type OutputTensor, type WriteProgress } from './stream.js';
import { type AtomicFile } from './atomic.js';
/** Stream tensors as a Flax state dict (nested maps by key path), chunking leaves over 2^30 bytes. */
export declare function writeMsgpack(file: string, tensors: readonly OutputTensor[], sep: string, onProgress?: WriteProgress, maxChunk?: number, group?: AtomicFile[]): Promise<number>;
