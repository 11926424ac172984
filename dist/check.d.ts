import type { TensorRef } from './format/types.js';
import { type Layout, type LayoutOptions } from './layout/analyze.js';
export interface CheckOptions extends Partial<LayoutOptions> {
    allowNonfinite?: boolean;
    expectLayout?: Layout;
    sep?: string;
    /** Orbax/T5X: keep the optimizer state. */
    optimizerState?: boolean;
}
export interface CheckResult {
    file: string;
    /** 0 ok, 1 a check failed, 2 the file is not a valid checkpoint. */
    code: 0 | 1 | 2;
    /** One line that names the file. */
    message: string;
    /** The broken rule's stable code (a ScanconvError's, or NONFINITE / WRONG_LAYOUT), when not ok. */
    error?: string;
}
/** Count of NaN/Inf elements, reading the raw bits chunk by chunk (no widening, no copy of the tensor). */
export declare function countNonfinite(ref: TensorRef): number;
/**
 * The checkpoints `files` belong to, each once, in the order first named: a shard stands for the
 * index beside it that lists it (a sharded checkpoint is checked whole, with its shards, however
 * many of them a pre-commit run passes), a model directory for its checkpoint file (modelDir.ts).
 */
export declare function checkpointsOf(files: readonly string[]): string[];
export declare function checkFile(given: string, options?: CheckOptions): CheckResult;
