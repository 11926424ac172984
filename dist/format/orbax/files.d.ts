/** A value in a key-value store: its length, and a way to read any range of it. */
export interface StoredValue {
    readonly length: number;
    /** Names it in errors: `a/c/0 (d/abc, bytes 10..71)`. */
    readonly where: string;
    /** The bytes; with `into` (at least `length` long) read into its start, so a caller can reuse one buffer. */
    read(offset: number, length: number, into?: Uint8Array): Uint8Array;
    /**
     * Where a range of it lies in an open file, checked like `read` (absent for values held in
     * memory): another thread of the process can then read it itself, into its own buffer.
     */
    locate?(offset: number, length: number): FileRange;
}
/** `length` bytes at `position` of the open descriptor `fd` (the file `path`), for `readFully`. */
export interface FileRange {
    fd: number;
    position: number;
    length: number;
    path: string;
}
/**
 * Read `range` into the start of `into` (at least its length); a file that ends early is
 * TRUNCATED (it shrank after it was measured). Any thread may call it: descriptors are the process's.
 */
export declare function readFully(range: FileRange, into: Uint8Array, where: string): Uint8Array;
export declare function memoryValue(bytes: Uint8Array, where: string): StoredValue;
/** Refuse a relative path from a file unless it names something inside the directory. */
export declare function checkRelativePath(rel: string, where: string): void;
export declare class CheckpointFiles {
    readonly root: string;
    private readonly open;
    constructor(root: string);
    /** `rel` as a path a user can find (errors name files this way). */
    name(rel: string): string;
    /** Every file opened so far (absolute paths): the checkpoint's files for `check` and output guards. */
    get paths(): string[];
    private file;
    size(rel: string, where: string): number;
    exists(rel: string): boolean;
    /** Where `length` bytes at `offset` of `rel` are; a range past the file's end is OUT_OF_FILE. */
    locate(rel: string, offset: number, length: number, where: string): FileRange;
    /** `length` bytes at `offset` of `rel` (into the start of `into` when given). */
    read(rel: string, offset: number, length: number, where: string, into?: Uint8Array): Uint8Array;
    /** A whole file as a stored value (zarr chunks and metadata of plain directories). */
    value(rel: string, where?: string): StoredValue;
    /** A range of a file as a stored value (OCDBT values stored out of line). */
    range(rel: string, offset: number, length: number, where: string): StoredValue;
    close(): void;
}
