import { FormatError } from '../errors.js';
import { AtomicFile } from './atomic.js';
import { type OutputTensor, type WriteProgress } from './stream.js';
import type { TensorIndex } from './types.js';
export type ShardedErrorCode = 'NOT_JSON' | 'BAD_INDEX' | 'BAD_SHARD_NAME' | 'MISSING_SHARD' | 'MISSING_TENSOR' | 'UNLISTED_TENSOR';
export declare class ShardedError extends FormatError {
    constructor(file: string, code: ShardedErrorCode, detail: string);
}
export declare const isShardIndex: (file: string) => boolean;
/** Shards open at once, reading or writing; more are closed and reopened (see files.ts OpenFiles). */
export declare const MAX_OPEN_SHARDS = 32;
/** Largest index file read: real ones are a few MB even for 100k-tensor models. */
export declare const MAX_INDEX_SIZE = 100000000;
export declare function openSharded(indexFile: string): TensorIndex;
export interface ShardPlan {
    /** Output paths in order; one entry means a plain (unsharded) file. */
    files: string[];
    /** The index file, when there is more than one shard. */
    index?: string;
    groups: OutputTensor[][];
}
/** Greedy in tensor order: a shard closes when the next tensor would pass `shardSize`. */
export declare function planShards(output: string, tensors: readonly OutputTensor[], shardSize: number): ShardPlan;
/** The index file's text: every tensor's shard and the tensors' total size. */
export declare function shardIndexText(plan: ShardPlan, metadata: Readonly<Record<string, string>>, total: number): string;
/**
 * Write every shard and the index. They are put in place together (`commitAll`), or, with
 * `group`, added to it for the caller to put in place with other files (a model directory).
 */
export declare function writeSharded(plan: ShardPlan, metadata: Readonly<Record<string, string>>, onProgress?: WriteProgress, group?: AtomicFile[]): Promise<number>;
