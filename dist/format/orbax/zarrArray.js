/**
 * A zarr array as a lazy TensorRef. `readInto` of any byte range walks the C-order runs the
 * range makes inside each chunk (the longest run the chunking allows), decodes each chunk into
 * a byte-bounded cache shared by the whole checkpoint, and copies the pieces out: memory is the
 * cache's budget plus one chunk, never the array. Sharded (zarr v3) arrays are read by inner chunk through
 * the shard's CRC-32C-checked index; an absent chunk reads as the fill value.
 */
import { dtypeSize, numel } from '../dtype.js';
import { ByteCursor, crc32c, gzipDecode, stagingBuffer, zstdDecode, zstdDecodeView } from './bytes.js';
import { ChunkGrid } from './chunkGrid.js';
import { OrbaxError } from './errors.js';
/**
 * Decoded chunks of a checkpoint, least recently used first out, within a byte budget (at least
 * the chunk in hand). One slot is not enough: a row of a tensor chunked along its last axis
 * touches several chunks in turn, and a layer's slice of a scanned tensor asks for the same
 * chunks again for every layer; within the budget each is decoded once.
 */
export class ChunkCache {
    budget;
    chunks = new Map();
    bytes = 0;
    indexes = new Map();
    constructor(budget = CACHE_BYTES) {
        this.budget = budget;
    }
    get(key, load) {
        const hit = this.chunks.get(key);
        if (hit) {
            this.chunks.delete(key);
            this.chunks.set(key, hit);
            return hit;
        }
        const value = load();
        for (const [k, v] of this.chunks) {
            if (this.bytes + value.length <= this.budget)
                break;
            this.chunks.delete(k);
            this.bytes -= v.length;
        }
        this.chunks.set(key, value);
        this.bytes += value.length;
        return value;
    }
    index(key, load) {
        const hit = this.indexes.get(key);
        if (hit)
            return hit;
        if (this.indexes.size >= MAX_INDEXES)
            this.indexes.delete(this.indexes.keys().next().value);
        const value = load();
        this.indexes.set(key, value);
        return value;
    }
}
/** Decoded chunks kept per checkpoint (the bound: one chunk plus 256 MB). */
export const CACHE_BYTES = 192 << 20;
const MAX_INDEXES = 256;
const EMPTY = 2 ** 64 - 1;
/**
 * Undo the bytes-to-bytes codecs of one stored chunk; the result is exactly `size` bytes (else
 * CHUNK_SIZE). With `view`, it may be the zstd decoder's reusable buffer, valid until the next
 * decode in this thread: for a caller that places the bytes at once and keeps nothing.
 */
export function decodeChunk(raw, codecs, size, where, view = false) {
    let data = raw;
    for (let i = codecs.length - 1; i >= 0; i--) {
        const codec = codecs[i];
        // The most this stage may hold: the chunk plus the checksums still to strip.
        const max = size + 4 * codecs.slice(0, i).filter((c) => c === 'crc32c').length;
        const last = i === 0;
        if (codec === 'crc32c') {
            if (data.length < 4)
                throw new OrbaxError(where, 'TRUNCATED', 'chunk is shorter than its CRC-32C');
            const body = data.subarray(0, data.length - 4);
            const stored = new ByteCursor(data.subarray(data.length - 4), where).u32le();
            if (crc32c(body) !== stored)
                throw new OrbaxError(where, 'BAD_CRC', 'chunk CRC-32C does not match');
            data = body;
        }
        else if (codec === 'zstd')
            data = (view && last ? zstdDecodeView : zstdDecode)(data, max, last, where);
        else
            data = gzipDecode(data, max, last, where, codec === 'zlib' ? 'zlib' : 'gzip');
    }
    if (data.length !== size)
        throw new OrbaxError(where, 'CHUNK_SIZE', `chunk holds ${data.length} bytes, its shape needs ${size}`);
    return data;
}
/** The ZarrArray behind each TensorRef it gave out (scatter.ts finds a piece's chunks through it). */
const arrayOfRef = new WeakMap();
/** The zarr array `ref` reads, when it is one's own ref. */
export const zarrArrayOf = (ref) => arrayOfRef.get(ref);
export class ZarrArray {
    name;
    prefix;
    spec;
    lookup;
    cache;
    itemSize;
    /** Bytes swapped together in a big-endian chunk: an element's, a complex number's parts' (two float32s). */
    swapSize;
    chunkBytes;
    /** The decoded chunk grid: which chunk bytes a byte range is made of. */
    layout;
    constructor(name, 
    /** Key prefix of the array (`params.decoder.x/`), '' in its own directory. */
    prefix, spec, lookup, cache) {
        this.name = name;
        this.prefix = prefix;
        this.spec = spec;
        this.lookup = lookup;
        this.cache = cache;
        this.itemSize = dtypeSize(spec.dtype);
        this.swapSize = spec.dtype === 'C64' ? 4 : this.itemSize;
        this.chunkBytes = numel(spec.chunks) * this.itemSize;
        this.layout = new ChunkGrid(spec.shape, spec.chunks, this.itemSize);
    }
    get byteLength() {
        return numel(this.spec.shape) * this.itemSize;
    }
    /** Grid positions of every stored unit (a chunk, or a shard when sharded). */
    *grid() {
        const per = this.spec.shard?.perShard ?? this.spec.chunks.map(() => 1);
        yield* gridPositions(this.spec.shape.map((d, i) => Math.ceil(d / (this.spec.chunks[i] * per[i]))));
    }
    /** Decoded chunk at chunk-grid position `c` (inner chunk when sharded). */
    chunk(c) {
        const shard = this.spec.shard;
        const outer = shard ? c.map((v, i) => Math.floor(v / shard.perShard[i])) : c;
        return this.cache.get(`${this.prefix}${this.spec.key(outer)}#${c.join(',')}`, () => this.load(c) ?? this.filled());
    }
    /**
     * The chunk at `c` decoded for immediate use (not cached; possibly a view of the decoder's buffer,
     * valid until the next decode in this thread); an absent chunk is the fill value.
     */
    transient(c) {
        return this.load(c, true) ?? (this.fillChunk ??= this.filled());
    }
    fillChunk;
    /** Decode the chunk at chunk-grid position `c` (uncached); null when it is not stored (fill value). */
    load(c, view = false) {
        // The stored bytes are read into one reusable buffer (the zstd decoder's own input, when it
        // has one): no chunk-sized garbage per chunk, which the collector frees late (check of a 2 GB
        // per-layer checkpoint peaked at 718 MB with a fresh buffer per read).
        const stored = this.stored(c, (length) => stagingBuffer(length, this.spec.codecs.includes('zstd')));
        if (!stored)
            return null;
        let out = decodeChunk(stored.raw, this.spec.codecs, this.chunkBytes, stored.where, view);
        // Without codecs (or only a checksum) the output is the stored bytes themselves, in that
        // reused buffer (or an inline value's own): a chunk that is kept, or swapped, is a copy.
        if (out.buffer === stored.raw.buffer && (!view || this.spec.bigEndian))
            out = out.slice();
        if (this.spec.bigEndian)
            swapInPlace(out, this.swapSize);
        return out;
    }
    /**
     * The stored (still encoded) bytes of the chunk at `c` and where they are; null when it is not
     * stored. With `buffer`, they are read into the start of the buffer it gives for their length.
     */
    stored(c, buffer) {
        const chunk = this.storedChunk(c);
        return chunk && { raw: chunk.read(buffer?.(chunk.length)), where: chunk.where };
    }
    /** The chunk at `c` as stored, not yet read (its length checked); null when it is not stored. */
    storedChunk(c) {
        const shard = this.spec.shard;
        const outer = shard ? c.map((v, i) => Math.floor(v / shard.perShard[i])) : c;
        const key = this.prefix + this.spec.key(outer);
        const value = this.lookup(key);
        if (!value)
            return null;
        let offset = 0;
        let length = value.length;
        let where = value.where;
        if (shard) {
            const index = this.shardIndex(key, value);
            let slot = 0;
            c.forEach((v, i) => (slot = slot * shard.perShard[i] + (v % shard.perShard[i])));
            offset = index[2 * slot];
            length = index[2 * slot + 1];
            if (offset === EMPTY && length === EMPTY)
                return null;
            where = `${value.where}, inner chunk ${slot}`;
        }
        this.checkStoredLength(length, where);
        return { where, length, file: value.locate?.(offset, length), read: (into) => value.read(offset, length, into) };
    }
    /**
     * Refuse a stored chunk longer than any encoding of the chunk, before a buffer of that length
     * is allocated (a hostile shard index or OCDBT entry may claim gigabytes). The bound is above
     * both codecs' worst case: zstd's ZSTD_COMPRESSBOUND is n + n/256 + at most 64 bytes (zstd.h),
     * zlib's deflateBound with the default window and memLevel (what tensorstore and numcodecs use)
     * n + n/4096 + n/16384 + n/2^25 + 7 plus an 18-byte gzip wrapper (zlib's deflate.c); each crc32c
     * codec adds 4 bytes.
     */
    checkStoredLength(length, where) {
        const crcs = this.spec.codecs.filter((c) => c === 'crc32c').length;
        const max = this.chunkBytes + Math.floor(this.chunkBytes / 128) + 1024 + 4 * crcs;
        if (length > max)
            throw new OrbaxError(where, 'CHUNK_SIZE', `stored chunk of ${length} bytes is longer than any encoding of its ${this.chunkBytes} bytes (at most ${max})`);
    }
    /** A shard's index: (offset, length) per inner chunk, CRC-checked, every range inside the shard. */
    shardIndex(key, value) {
        const shard = this.spec.shard;
        return this.cache.index(key, () => {
            const n = numel(shard.perShard);
            const size = 16 * n + (shard.indexCrc ? 4 : 0);
            if (value.length < size)
                throw new OrbaxError(value.where, 'BAD_SHARD_INDEX', `shard of ${value.length} bytes is shorter than its index (${size})`);
            const raw = value.read(shard.indexAtEnd ? value.length - size : 0, size);
            const c = new ByteCursor(raw, `${value.where} (shard index)`);
            if (shard.indexCrc && crc32c(raw.subarray(0, 16 * n)) !== new ByteCursor(raw.subarray(16 * n), c.where).u32le()) {
                throw new OrbaxError(c.where, 'BAD_CRC', 'shard index CRC-32C does not match');
            }
            const out = new Float64Array(2 * n);
            const lo = shard.indexAtEnd ? 0 : size;
            const hi = shard.indexAtEnd ? value.length - size : value.length;
            for (let i = 0; i < n; i++) {
                const words = [c.u32le(), c.u32le(), c.u32le(), c.u32le()];
                const empty = words.every((w) => w === 0xffffffff);
                const offset = empty ? EMPTY : words[1] * 2 ** 32 + words[0];
                const length = empty ? EMPTY : words[3] * 2 ** 32 + words[2];
                if (!empty && (offset < lo || offset + length > hi))
                    throw new OrbaxError(c.where, 'BAD_SHARD_INDEX', `inner chunk ${i} at bytes ${offset}..${offset + length} is outside the shard's data (${lo}..${hi})`);
                out[2 * i] = offset;
                out[2 * i + 1] = length;
            }
            return out;
        });
    }
    /** A chunk of the fill value (an absent chunk reads as this). */
    filled() {
        const out = new Uint8Array(this.chunkBytes);
        if (this.spec.fill.some((b) => b !== 0))
            for (let i = 0; i < out.length; i += this.itemSize)
                out.set(this.spec.fill, i);
        return out;
    }
    readInto(target, targetOffset, offset, length) {
        this.layout.forEachRun(offset, length, (cidx, _chunk, from, n, at) => target.set(this.chunk(cidx).subarray(from, from + n), targetOffset + at));
    }
    ref() {
        const ref = { name: this.name, dtype: this.spec.dtype, shape: this.spec.shape, byteLength: this.byteLength, readInto: (t, to, o, n) => this.readInto(t, to, o, n) };
        arrayOfRef.set(ref, this);
        return ref;
    }
}
/** Little-endian from big-endian, element by element. */
export function swapInPlace(bytes, size) {
    for (let i = 0; i < bytes.length; i += size)
        bytes.subarray(i, i + size).reverse();
}
/** Every position of a grid of `counts` cells per axis, in C order (none when an axis is empty). */
export function* gridPositions(counts) {
    if (counts.some((c) => c === 0))
        return;
    const idx = counts.map(() => 0);
    for (;;) {
        yield idx.slice();
        let d = idx.length - 1;
        while (d >= 0 && ++idx[d] === counts[d])
            idx[d--] = 0;
        if (d < 0)
            return;
    }
}
