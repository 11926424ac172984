import type { TensorIndex } from '../types.js';
export type StagedIndex = {
    index: TensorIndex;
    remove(): void;
    skipped?: undefined;
} | {
    skipped: string;
};
/**
 * `index` with its zarr arrays read from a decoded staging file (other tensors as they are), or
 * why not. Call `remove` when done; the staging directory also counts as unfinished until then
 * (a host's removeUnfinishedFiles removes it).
 */
export declare function stageIndex(index: TensorIndex, tmp?: string): Promise<StagedIndex>;
