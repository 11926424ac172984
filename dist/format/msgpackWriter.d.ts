import { type OutputTensor, type WriteProgress } from './stream.js';
import { type AtomicFile } from './atomic.js';
/**
 * A Flax state dict (nested maps by key path) as the file's segments in order: msgpack bytes and
 * the tensors' data, leaves over `maxChunk` bytes chunked as Flax does. Both the streaming writer
 * and the Orbax scatter path (scatter.ts) write these segments, so they write the same file.
 */
export declare function msgpackLayout(tensors: readonly OutputTensor[], sep: string, maxChunk?: number): (Uint8Array | OutputTensor)[];
/** Stream tensors as a Flax state dict (msgpackLayout's segments, in order). */
export declare function writeMsgpack(file: string, tensors: readonly OutputTensor[], sep: string, onProgress?: WriteProgress, maxChunk?: number, group?: AtomicFile[]): Promise<number>;
