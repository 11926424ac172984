/**
 * zarr v3 arrays as orbax-checkpoint writes them through tensorstore: one shard per array
 * (`chunk_grid` = the array's shape, key `NAME/c/0/…/0`), codec `sharding_indexed` whose inner
 * chunks split the array along axis 0 (so each is a contiguous run of the C-order bytes) and
 * are encoded `bytes` (little endian) + `zstd`, and whose index (offset, length per inner chunk,
 * u64 LE) follows them, protected by `crc32c`.
 */
import type { DType } from '../dtype.js';
import { dtypeSize, numel } from '../dtype.js';
import { crc32c } from './crc32c.js';
import { zstdCompress } from './zstdCompress.js';

const ZARR_DTYPES: Record<DType, string> = {
  BOOL: 'bool',
  U8: 'uint8',
  I8: 'int8',
  F8_E5M2: 'float8_e5m2',
  F8_E4M3: 'float8_e4m3fn',
  F8_E8M0: 'float8_e8m0fnu',
  I16: 'int16',
  U16: 'uint16',
  F16: 'float16',
  BF16: 'bfloat16',
  I32: 'int32',
  U32: 'uint32',
  F32: 'float32',
  C64: 'complex64',
  F64: 'float64',
  I64: 'int64',
  U64: 'uint64',
};

export function zarrDtype(dtype: DType): string {
  return ZARR_DTYPES[dtype];
}

/** zarr v3's fill value for a dtype, as tensorstore writes it (0.0 for floats). */
function fillValue(dtype: DType): string {
  if (dtype === 'BOOL') return 'false';
  if (dtype === 'C64') return '[0.0,0.0]';
  return /^(F|BF)/.test(dtype) ? '0.0' : '0';
}

export interface ArrayLayout {
  readonly dtype: DType;
  readonly shape: readonly number[];
  /** Inner chunk shape: `rows` along axis 0, the full extent on every other axis. */
  readonly chunkShape: readonly number[];
  /** zstd level of the inner chunks; undefined = `bytes` codec only. */
  readonly zstdLevel?: number;
}

/**
 * Rows of axis 0 per inner chunk: the largest divisor of the first dimension whose chunk is at
 * most `targetBytes` (sharding needs the shard shape to be a multiple of the chunk shape), and at
 * least one row.
 */
export function chunkRows(shape: readonly number[], elementSize: number, targetBytes: number): number {
  if (!shape.length || shape[0] === 0) return 1;
  const rowBytes = numel(shape.slice(1)) * elementSize;
  const dim = shape[0];
  const most = Math.max(1, Math.floor(targetBytes / Math.max(1, rowBytes)));
  if (most >= dim) return dim;
  let best = 1;
  for (let d = 1; d * d <= dim; d++) {
    if (dim % d) continue;
    if (d <= most && d > best) best = d;
    const other = dim / d;
    if (other <= most && other > best) best = other;
  }
  return best;
}

export function arrayLayout(dtype: DType, shape: readonly number[], targetChunkBytes: number, zstdLevel: number | undefined): ArrayLayout {
  const chunkShape = shape.length ? [chunkRows(shape, dtypeSize(dtype), targetChunkBytes), ...shape.slice(1).map((d) => Math.max(1, d))] : [];
  return { dtype, shape, chunkShape, zstdLevel };
}

/** `zarr.json` with its keys sorted, as tensorstore writes it (byte for byte, for the codecs orbax uses). */
export function zarrJson(a: ArrayLayout): string {
  const dims = (s: readonly number[]) => `[${s.join(',')}]`;
  const bytes = dtypeSize(a.dtype) > 1 ? '{"configuration":{"endian":"little"},"name":"bytes"}' : '{"name":"bytes"}';
  const inner = a.zstdLevel === undefined ? bytes : `${bytes},{"configuration":{"checksum":false,"level":${a.zstdLevel}},"name":"zstd"}`;
  const sharding = `{"configuration":{"chunk_shape":${dims(a.chunkShape)},"codecs":[${inner}],"index_codecs":[{"configuration":{"endian":"little"},"name":"bytes"},{"name":"crc32c"}]},"name":"sharding_indexed"}`;
  return (
    `{"chunk_grid":{"configuration":{"chunk_shape":${dims(a.shape.map((d) => Math.max(1, d)))}},"name":"regular"},` +
    `"chunk_key_encoding":{"name":"default"},"codecs":[${sharding}],"data_type":"${zarrDtype(a.dtype)}",` +
    `"fill_value":${fillValue(a.dtype)},"node_type":"array","shape":${dims(a.shape)},"zarr_format":3}`
  );
}

/** The key of the array's one shard under `name` (default chunk key encoding, `/` separator). */
export function shardKey(name: string, rank: number): string {
  return `${name}/c${'/0'.repeat(rank)}`;
}

/** Bytes of one inner chunk and the number of inner chunks. */
export function innerChunks(a: ArrayLayout): { chunkBytes: number; count: number } {
  if (!a.shape.length) return { chunkBytes: dtypeSize(a.dtype), count: 1 };
  const count = a.shape[0] / a.chunkShape[0];
  return { chunkBytes: numel(a.chunkShape) * dtypeSize(a.dtype), count };
}

/**
 * Builds a shard as a stream: `add` encodes one inner chunk (in order; `addEncoded` takes it
 * encoded) and hands its bytes to
 * `emit`; `index` returns the trailing index (offset and length of each chunk, then its CRC-32C).
 */
export class ShardEncoder {
  private readonly index: Uint8Array;
  private readonly view: DataView;
  private at = 0;
  private chunk = 0;

  constructor(
    private readonly layout: ArrayLayout,
    private readonly emit: (bytes: Uint8Array) => void,
  ) {
    const { count } = innerChunks(layout);
    this.index = new Uint8Array(count * 16 + 4);
    this.view = new DataView(this.index.buffer);
  }

  /** Encode the next inner chunk here (compressed in this thread). */
  add(raw: Uint8Array): void {
    this.addEncoded(this.layout.zstdLevel === undefined ? raw : zstdCompress(raw, this.layout.zstdLevel));
  }

  /** The next inner chunk, already encoded (compressPool.ts compresses it elsewhere). */
  addEncoded(encoded: Uint8Array): void {
    this.view.setBigUint64(this.chunk * 16, BigInt(this.at), true);
    this.view.setBigUint64(this.chunk * 16 + 8, BigInt(encoded.byteLength), true);
    this.emit(encoded);
    this.at += encoded.byteLength;
    this.chunk++;
  }

  finish(): void {
    const count = (this.index.byteLength - 4) / 16;
    if (this.chunk !== count) throw new Error(`shard: ${this.chunk} of ${count} inner chunks written`);
    const body = this.index.subarray(0, count * 16);
    this.view.setUint32(count * 16, crc32c(body), true);
    this.emit(this.index);
  }
}
