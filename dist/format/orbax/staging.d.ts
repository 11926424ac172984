import { type ScatterOptions } from '../scatter.js';
import { type OutputTensor } from '../stream.js';
export interface Staged {
    /** The same tensors, each now one run of the staging file. */
    readonly tensors: OutputTensor[];
    /** Close and remove the staging file. */
    remove(): void;
}
/** Free bytes and the filesystem type (statfs f_type) of `dir`, or undefined when it cannot say (the write itself then reports ENOSPC). */
export declare function filesystemOf(dir: string): {
    free: number;
    type: number;
} | undefined;
/**
 * Write `tensors` decoded into `dir/staging.raw`, each chunk decoded once; read them back from
 * there. `output` names what the staging is for in a NO_SPACE refusal (default: `dir`).
 */
export declare function stageTensors(dir: string, tensors: readonly OutputTensor[], options: ScatterOptions, output?: string): Promise<Staged>;
