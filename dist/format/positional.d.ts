/** Buffers one writev(2) takes on Linux and macOS. */
export declare const IOV_MAX = 1024;
/** Write all of `parts`, one after the other, at byte `position` of `fd` (its own offset untouched). */
export declare function writevFully(fd: number, parts: readonly Uint8Array[], position: number): void;
/** Where runs of decoded chunks go, as columns: `length` bytes at `inChunk` of the chunk, to byte `at` of output file `file`. */
export interface RunColumns {
    inChunk: Uint32Array;
    length: Uint32Array;
    file: Int32Array;
    at: Float64Array;
}
/**
 * Write runs of `runs` (those listed in `which`, or all), every one from the decoded `chunk`, in
 * their order; runs that continue each other in a file go out in one write. Returns the bytes written.
 */
export declare function placeRuns(chunk: Uint8Array, runs: RunColumns, which: Uint32Array | null, write: (file: number, parts: Uint8Array[], at: number) => void): number;
