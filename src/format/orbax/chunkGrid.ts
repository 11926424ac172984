/**
 * Which bytes of which chunk a byte range of a chunked C-order array is made of. The one mapping
 * both readers use: `ZarrArray.readInto` (copy out of cached chunks) and the scatter writer
 * (scatter.ts: every piece of a decoded chunk to its place in the output), so the two write the
 * same bytes.
 */
import { numel } from '../dtype.js';

/** A run of a range: `length` bytes at `inChunk` of the chunk at grid position `cidx` (linear index `chunk`), `at` bytes into the range. */
export type RunVisitor = (cidx: readonly number[], chunk: number, inChunk: number, length: number, at: number) => void;

export class ChunkGrid {
  /** Where contiguous runs end: the last dimension whose chunk is not the whole extent (-1: every chunk is whole rows of everything). */
  private readonly runDim: number;
  /** Elements per step of each dimension inside a chunk. */
  private readonly chunkStrides: number[];
  /** Chunks per step of each dimension of the grid. */
  private readonly gridStrides: number[];
  /** Chunks along each dimension. */
  readonly counts: number[];

  constructor(
    readonly shape: readonly number[],
    readonly chunks: readonly number[],
    readonly itemSize: number,
  ) {
    let d = shape.length - 1;
    while (d >= 0 && chunks[d] === shape[d]) d--;
    this.runDim = d;
    this.chunkStrides = chunks.map((_, i) => numel(chunks.slice(i + 1)));
    this.counts = shape.map((s, i) => Math.ceil(s / chunks[i]));
    this.gridStrides = this.counts.map((_, i) => numel(this.counts.slice(i + 1)));
  }

  /** Bytes of one (full, edge chunks included) chunk. */
  get chunkBytes(): number {
    return numel(this.chunks) * this.itemSize;
  }

  /** Call `visit` for each run of bytes [offset, offset + length) makes inside single chunks, in order. */
  forEachRun(offset: number, length: number, visit: RunVisitor): void {
    const { shape, chunks, itemSize: item } = this;
    const rank = shape.length;
    const end = offset + length;
    const idx = new Array<number>(rank);
    const cidx = new Array<number>(rank);
    let pos = offset;
    while (pos < end) {
      const e = Math.floor(pos / item);
      const within = pos - e * item;
      let rest = e;
      let chunk = 0;
      for (let d = rank - 1; d >= 0; d--) {
        idx[d] = rest % shape[d];
        rest = Math.floor(rest / shape[d]);
        cidx[d] = Math.floor(idx[d] / chunks[d]);
        chunk += cidx[d] * this.gridStrides[d];
      }
      let inChunk = 0;
      for (let d = 0; d < rank; d++) inChunk += (idx[d] - cidx[d] * chunks[d]) * this.chunkStrides[d];
      let run: number;
      const j = this.runDim;
      if (j < 0) run = numel(shape) - e;
      else {
        const trailing = this.chunkStrides[j];
        const trailingOffset = inChunk % trailing;
        run = (Math.min((cidx[j] + 1) * chunks[j], shape[j]) - idx[j]) * trailing - trailingOffset;
      }
      const n = Math.min(run * item - within, end - pos);
      visit(cidx, chunk, inChunk * item + within, n, pos - offset);
      pos += n;
    }
  }

  /**
   * Call `visit` for each run of the bytes of the chunk at grid position `cidx` that lie inside
   * the array (an edge chunk's padding left out), in chunk order: one run for a whole chunk.
   */
  forEachExtentRun(cidx: readonly number[], visit: (inChunk: number, length: number) => void): void {
    const { shape, chunks, itemSize } = this;
    const rank = shape.length;
    if (rank === 0) return visit(0, itemSize);
    const extent = chunks.map((c, d) => Math.min(c, shape[d] - cidx[d] * c));
    if (extent.some((e) => e <= 0)) return;
    // Dimensions after k are whole in this chunk: a run is extent[k] steps of dimension k.
    let k = rank - 1;
    while (k > 0 && extent[k] === chunks[k]) k--;
    const run = extent[k] * this.chunkStrides[k] * itemSize;
    const idx = new Array<number>(k).fill(0);
    for (;;) {
      let inChunk = 0;
      for (let d = 0; d < k; d++) inChunk += idx[d] * this.chunkStrides[d];
      visit(inChunk * itemSize, run);
      let d = k - 1;
      while (d >= 0 && ++idx[d] === extent[d]) idx[d--] = 0;
      if (d < 0) return;
    }
  }

  /** Grid position of the chunk with linear index `chunk` (C order). */
  position(chunk: number): number[] {
    return this.gridStrides.map((s, d) => Math.floor(chunk / s) % this.counts[d]);
  }
}
