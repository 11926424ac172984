import { UsageError } from './errors.js';
import { guardInputs } from './format/atomic.js';
import { type StaleTemps } from './format/staleTemps.js';
export { guardInputs };
export interface PlannedOutput {
    file: string;
    /** How the file is named to the user: "output", "report", "JUnit report". */
    label: string;
    /** An existing file may be replaced (convert with `force`, verify's reports). */
    replace: boolean;
}
/** An output that exists, without `force`. The CLI names its own flag (`--force`). */
export declare class OutputExistsError extends UsageError {
    readonly file: string;
    readonly label: string;
    constructor(file: string, label?: string, flag?: string);
}
/** Every file a checkpoint is read from (an index and its shards); just the path when it cannot be opened. */
export declare function checkpointFiles(file: string): string[];
/**
 * Every file verify, generate or profile reads: the checkpoints' files, the input and golden
 * files, a config.json beside a checkpoint, and `plain` files read as they are (--config).
 */
export declare function modelInputFiles(checkpoints: readonly (string | undefined)[], others?: readonly (string | undefined)[], plain?: readonly (string | undefined)[]): string[];
/** Refuse outputs that are inputs, non-regular files, existing files without `replace`, or duplicates. */
export declare function checkOutputs(outputs: readonly PlannedOutput[], inputs: readonly string[]): void;
/** Remove what killed runs left in the outputs' directories (see `sweepStaleTemps`). */
export declare function sweepOutputDirs(outputs: readonly string[]): StaleTemps;
