/** A run of a range: `length` bytes at `inChunk` of the chunk at grid position `cidx` (linear index `chunk`), `at` bytes into the range. */
export type RunVisitor = (cidx: readonly number[], chunk: number, inChunk: number, length: number, at: number) => void;
export declare class ChunkGrid {
    readonly shape: readonly number[];
    readonly chunks: readonly number[];
    readonly itemSize: number;
    /** Where contiguous runs end: the last dimension whose chunk is not the whole extent (-1: every chunk is whole rows of everything). */
    private readonly runDim;
    /** Elements per step of each dimension inside a chunk. */
    private readonly chunkStrides;
    /** Chunks per step of each dimension of the grid. */
    private readonly gridStrides;
    /** Chunks along each dimension. */
    readonly counts: number[];
    constructor(shape: readonly number[], chunks: readonly number[], itemSize: number);
    /** Bytes of one (full, edge chunks included) chunk. */
    get chunkBytes(): number;
    /** Call `visit` for each run of bytes [offset, offset + length) makes inside single chunks, in order. */
    forEachRun(offset: number, length: number, visit: RunVisitor): void;
    /**
     * Call `visit` for each run of the bytes of the chunk at grid position `cidx` that lie inside
     * the array (an edge chunk's padding left out), in chunk order: one run for a whole chunk.
     */
    forEachExtentRun(cidx: readonly number[], visit: (inChunk: number, length: number) => void): void;
    /** Grid position of the chunk with linear index `chunk` (C order). */
    position(chunk: number): number[];
}
