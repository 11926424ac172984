import { type WritableFormat } from './format/open.js';
import type { TensorIndex } from './format/types.js';
import { type Companions } from './format/modelDir.js';
export interface OutputTarget {
    /** The model directory written, in directory mode. */
    directory?: string;
    /** The weights' path: the file named, or DIR/model.safetensors, DIR/flax_model.msgpack. */
    weights: string;
    format: WritableFormat;
    shardSize?: number;
    /** Small files of the input directory to copy beside the weights (none for a file input). */
    companions: Companions;
}
export interface TargetOptions {
    format?: WritableFormat;
    shardSize?: number;
}
/** An output ending in a separator, or an existing directory, is a model directory. */
export declare function isDirectoryOutput(output: string): boolean;
export declare function planTarget(input: string, index: TensorIndex, output: string, options: TargetOptions): OutputTarget;
