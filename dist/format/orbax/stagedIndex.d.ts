import type { TensorIndex } from '../types.js';
/** The staged checkpoint, or why it could not be staged. */
export type StagedIndex = {
    index: TensorIndex;
    file: string;
    remove(): void;
    skipped?: undefined;
} | {
    skipped: string;
};
/**
 * `index` decoded into a safetensors file in a temporary directory (every tensor, same names and
 * metadata; each stored chunk decoded once), opened; or why not; null when it holds no zarr
 * array (nothing to decode). The file has a path, so model workers can open it too. Close the
 * index, then call `remove`; the directory counts as unfinished until then (a host's
 * removeUnfinishedFiles removes it).
 */
export declare function stageIndex(index: TensorIndex, tmp?: string): Promise<StagedIndex | null>;
/**
 * Checkpoints staged for one command: `open` stages an Orbax checkpoint (others are returned as
 * they are) and remembers its staged file; `notes` say which were read by byte range and why.
 */
export declare class StagedCheckpoints {
    readonly notes: string[];
    private readonly files;
    private readonly removals;
    /** `index` (opened from `file`), or its staged copy; the original is closed when replaced, the copy is the caller's to close (before removeAll). */
    open(file: string, index: TensorIndex): Promise<TensorIndex>;
    /** The file a worker should open for `file`: its staged copy, or itself. */
    fileFor(file: string): string;
    removeAll(): void;
}
