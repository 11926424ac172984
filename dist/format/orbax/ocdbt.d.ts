import { type CheckpointFiles, type StoredValue } from './files.js';
/** Keys of one database: every array is a metadata key plus its chunks; real checkpoints hold far fewer. */
export declare const MAX_KEYS = 500000;
export interface OcdbtInfo {
    compression: 'zstd' | 'none';
    /** Versions listed inline in the manifest (the latest is read). */
    versions: number;
    height: number;
    nodes: number;
    keys: number;
    maxInlineValueBytes: number;
}
/**
 * Every key of the OCDBT database whose manifest is `dir/manifest.ocdbt` (`dir` relative to the
 * checkpoint root `files.root`, '' for the root itself), with its value.
 */
export declare function readOcdbt(files: CheckpointFiles, dir: string): {
    entries: Map<string, StoredValue>;
    info: OcdbtInfo;
};
