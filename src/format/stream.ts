import type { DType } from './dtype.js';
import type { Piece, TensorRef } from './types.js';
import type { AtomicFile } from './atomic.js';

export type { Piece } from './types.js';

/**
 * A tensor to be written: its header facts and, in output byte order, the pieces of source
 * tensors that make it up. `pieces()` is a generator so a 10^6-piece strided gather costs no
 * memory until it is walked.
 */
export interface OutputTensor {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly byteLength: number;
  pieces(): Iterable<Piece>;
}

export interface WriteProgress {
  (bytesDone: number, bytesTotal: number): void;
}

const WRITE_BUFFER = 8 << 20;
const MIN_BUFFER = 64 << 10;
/** Pieces at least this long are read straight into the write buffer. */
const DIRECT_READ = 64 << 10;
/** Small strided pieces are served from a cached block per source so we do not issue a syscall each. */
const BLOCK = 1 << 20;
const MAX_CACHED_BLOCKS = 64;
/** Yield to the event loop this often so signals (Ctrl-C) and progress can run. */
const YIELD_EVERY = 32 << 20;

interface CachedBlock {
  start: number;
  bytes: Uint8Array;
}

/**
 * Copies pieces into an AtomicFile through one fixed buffer: memory stays bounded by
 * WRITE_BUFFER + MAX_CACHED_BLOCKS * BLOCK whatever the checkpoint's size.
 */
export class PieceWriter {
  /** No larger than the output (small checkpoints do not pay for 8 MB of zeroed memory each). */
  private readonly buf: Uint8Array;
  private used = 0;
  private written = 0;
  private sinceYield = 0;
  private readonly cache = new Map<TensorRef, CachedBlock>();

  constructor(
    /** Where the bytes go; `ready`, when given, is awaited before each full buffer is handed on (back-pressure from a pipeline). */
    private readonly file: Pick<AtomicFile, 'write'> & { ready?(): Promise<void> | undefined },
    private readonly total: number,
    private readonly onProgress?: WriteProgress,
  ) {
    this.buf = new Uint8Array(Math.min(WRITE_BUFFER, Math.max(MIN_BUFFER, total)));
  }

  writeBytes(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.byteLength) {
      const n = Math.min(bytes.byteLength - off, this.buf.byteLength - this.used);
      this.buf.set(bytes.subarray(off, off + n), this.used);
      this.used += n;
      off += n;
      if (this.used === this.buf.byteLength) this.flush();
    }
  }

  async writeTensor(tensor: OutputTensor): Promise<void> {
    for (const piece of tensor.pieces()) {
      let done = 0;
      while (done < piece.length) {
        if (this.used === this.buf.byteLength) {
          // Before the flush: a pipeline takes the next buffer only once it has room for it.
          const wait = this.file.ready?.();
          if (wait) await wait;
          this.flush();
        }
        const n = Math.min(piece.length - done, this.buf.byteLength - this.used);
        this.readPiece(piece.ref, piece.offset + done, n);
        this.used += n;
        done += n;
        this.sinceYield += n;
      }
      if (this.sinceYield >= YIELD_EVERY) {
        this.sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  private readPiece(ref: TensorRef, offset: number, length: number): void {
    if (length >= DIRECT_READ) {
      ref.readInto(this.buf, this.used, offset, length);
      return;
    }
    let block = this.cache.get(ref);
    if (!block || offset < block.start || offset + length > block.start + block.bytes.byteLength) {
      const size = Math.min(Math.max(BLOCK, length), ref.byteLength - offset);
      const bytes = block && block.bytes.byteLength >= size ? block.bytes.subarray(0, size) : new Uint8Array(size);
      ref.readInto(bytes, 0, offset, size);
      block = { start: offset, bytes };
      this.cache.delete(ref);
      if (this.cache.size >= MAX_CACHED_BLOCKS) this.cache.delete(this.cache.keys().next().value as TensorRef);
      this.cache.set(ref, block);
    }
    const at = offset - block.start;
    this.buf.set(block.bytes.subarray(at, at + length), this.used);
  }

  flush(): void {
    if (this.used === 0) return;
    this.file.write(this.buf.subarray(0, this.used));
    this.written += this.used;
    this.used = 0;
    this.onProgress?.(this.written, this.total);
  }
}

/** Assemble a (small) output tensor in memory, e.g. for a model or a JSON writer. */
export function materialize(tensor: OutputTensor): Uint8Array {
  const out = new Uint8Array(tensor.byteLength);
  let at = 0;
  for (const p of tensor.pieces()) {
    p.ref.readInto(out, at, p.offset, p.length);
    at += p.length;
  }
  return out;
}

/** An OutputTensor that is simply an existing tensor, unchanged. */
export function copyOf(ref: TensorRef, name = ref.name): OutputTensor {
  return {
    name,
    dtype: ref.dtype,
    shape: ref.shape,
    byteLength: ref.byteLength,
    *pieces() {
      yield { ref, offset: 0, length: ref.byteLength };
    },
  };
}

/** View an OutputTensor as a TensorRef (random access walks its pieces): in-memory conversion. */
export function outputAsRef(tensor: OutputTensor): TensorRef {
  return {
    name: tensor.name,
    dtype: tensor.dtype,
    shape: tensor.shape,
    byteLength: tensor.byteLength,
    pieces: () => tensor.pieces(),
    readInto(target, targetOffset, offset, length) {
      let pos = 0;
      const end = offset + length;
      for (const p of tensor.pieces()) {
        const pEnd = pos + p.length;
        if (pEnd > offset && pos < end) {
          const from = Math.max(offset, pos);
          const to = Math.min(end, pEnd);
          p.ref.readInto(target, targetOffset + (from - offset), p.offset + (from - pos), to - from);
        }
        pos = pEnd;
        if (pos >= end) break;
      }
    },
  };
}
