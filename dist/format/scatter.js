/**
 * Safetensors output (one file or shards) from an Orbax checkpoint, written chunk by chunk
 * rather than tensor by tensor. The headers are planned from the metadata (the same
 * `encodeHeader` as the streaming writer), so every tensor's place in its file is known before a
 * byte is read; then each stored chunk is decoded once and every piece of it that some output
 * holds (a layer's rows of a scanned tensor, for every layer) is written straight to its place
 * with positional writes. A scanned tensor's chunk spans every layer, so the streaming path
 * (stream.ts, in output order: layer 0 of every tensor, then layer 1) decodes it once per layer
 * unless the chunk cache holds it; here memory is about one chunk (per decoding thread), whatever
 * the checkpoint's size, and the files are still put in place atomically, byte for byte what the
 * streaming writer writes.
 *
 * The pieces are gathered into a bounded table of runs (MAX_RUNS), outputs reading the same
 * array next to each other; a batch is written chunk by chunk when the table is full. An array
 * whose runs do not fit one batch has some chunks decoded once per batch it spans.
 */
import { AtomicFile, commitAll } from './atomic.js';
import { AbortedError, currentAbortSignal } from './unfinished.js';
import { encodeHeader } from './safetensors.js';
import { shardIndexText } from './sharded.js';
import { PieceWriter } from './stream.js';
import { zarrArrayOf } from './orbax/zarrArray.js';
import { DecodePool } from './orbax/decodePool.js';
import { MAX_GRID_CHUNKS } from './orbax/zarrMeta.js';
import { placeRuns } from './positional.js';
import { EarlyWriteback } from './writeback.js';
/** Runs held before a batch is written: 28 bytes each. */
export const MAX_RUNS = 1 << 20;
/** Pieces of other tensors (inline arrays of a legacy checkpoint) are copied through a buffer this size. */
const COPY_BUFFER = 8 << 20;
/** Yield to the event loop this often so signals (Ctrl-C) and progress can run. */
const YIELD_EVERY = 32 << 20;
/** Chunk indexes per array in a run's key: the most chunks an array may have (zarrMeta.ts refuses more). */
const CHUNKS_PER_ARRAY = MAX_GRID_CHUNKS;
/** Runs of decoded chunks and where each goes, as columns (a million runs are 28 MB). */
class RunTable {
    capacity;
    key;
    inChunk;
    length;
    file;
    at;
    size = 0;
    constructor(capacity) {
        this.capacity = capacity;
        this.key = new Float64Array(capacity);
        this.inChunk = new Uint32Array(capacity);
        this.length = new Uint32Array(capacity);
        this.file = new Int32Array(capacity);
        this.at = new Float64Array(capacity);
    }
    push(key, inChunk, length, file, at) {
        const i = this.size++;
        this.key[i] = key;
        this.inChunk[i] = inChunk;
        this.length[i] = length;
        this.file[i] = file;
        this.at[i] = at;
    }
    get full() {
        return this.size === this.capacity;
    }
}
/**
 * Write `plan`'s files (one safetensors file, or shards and their index) from their tensors'
 * pieces, chunk by chunk. Put in place together, or added to `group` for the caller's commit.
 * Returns the bytes written, as the streaming writers count them.
 */
export async function writeScattered(plan, metadata, options = {}, group) {
    const files = plan.groups.map((tensors, i) => ({ path: plan.files[i], segments: [encodeHeader(tensors, metadata), ...tensors] }));
    if (plan.index) {
        const tensorBytes = plan.groups.flat().reduce((s, t) => s + t.byteLength, 0);
        files.push({ path: plan.index, segments: [Buffer.from(shardIndexText(plan, metadata, tensorBytes))] });
    }
    return writePlanned(files, options, group);
}
/**
 * Write planned files (scatter's way: each chunk decoded once, its pieces written where they go),
 * put in place together or added to `group`. Returns the bytes written.
 */
export async function writePlanned(planned, options = {}, group) {
    const files = [];
    const pool = new DecodePool(options.decodeThreads ?? 0);
    let writeback;
    try {
        let tensorBytes = 0;
        let fixedBytes = 0;
        const placed = [];
        const arrays = [];
        const arrayIds = new Map();
        const idOf = (a) => {
            let id = arrayIds.get(a);
            if (id === undefined) {
                id = arrays.push(a) - 1;
                arrayIds.set(a, id);
            }
            return id;
        };
        for (const [i, { path, segments }] of planned.entries()) {
            const file = new AtomicFile(path);
            files.push(file);
            let start = 0;
            for (const segment of segments) {
                if (segment instanceof Uint8Array) {
                    file.writeAt([segment], start);
                    fixedBytes += segment.byteLength;
                    start += segment.byteLength;
                    continue;
                }
                let first;
                for (const p of segment.pieces()) {
                    first = p.ref;
                    break;
                }
                const array = first && zarrArrayOf(first);
                placed.push({ tensor: segment, file: i, start, order: array ? idOf(array) : -1 });
                start += segment.byteLength;
                tensorBytes += segment.byteLength;
            }
        }
        // A staging file (sync: false) is read back at once and never synced: no writeback.
        if (options.sync !== false)
            writeback = new EarlyWriteback(files.map((f) => f.fd), options.writebackEvery);
        // Stable: outputs of the same array (a scanned tensor's layers) are gathered in one batch.
        placed.sort((a, b) => a.order - b.order);
        let done = 0;
        let sinceYield = 0;
        // Decode threads write without AtomicFile's check, so an abort is seen here, chunk by chunk.
        const signal = currentAbortSignal();
        const progress = async (n) => {
            if (signal?.aborted)
                throw new AbortedError(planned[0]?.path ?? '');
            done += n;
            sinceYield += n;
            writeback?.written(n);
            options.onProgress?.(done, tensorBytes);
            if (sinceYield >= YIELD_EVERY) {
                sinceYield = 0;
                await new Promise((resolve) => setImmediate(resolve));
            }
        };
        const runs = new RunTable(Math.max(1, options.maxRuns ?? MAX_RUNS));
        const copyBuffer = { bytes: undefined };
        let pieceWriter;
        const route = { file: 0, at: 0 };
        const writeRouted = (b) => {
            files[route.file].writeAt([b], route.at);
            route.at += b.byteLength;
        };
        for (const { tensor, file, start } of placed) {
            if (!hasZarrPiece(tensor)) {
                // Inline arrays of a legacy checkpoint: read in blocks and written in order, as the
                // streaming writer does (a piece at a time, an unscanned axis-1 tensor was a read and a
                // write per row). One writer for all, its buffer made only when some tensor needs it.
                pieceWriter ??= new PieceWriter({ write: writeRouted }, tensorBytes);
                route.file = file;
                route.at = start;
                await pieceWriter.writeTensor(tensor);
                pieceWriter.flush();
                await progress(tensor.byteLength);
                continue;
            }
            let pos = start;
            for (const piece of tensor.pieces()) {
                const array = zarrArrayOf(piece.ref);
                if (!array) {
                    await copyPiece(piece.ref, piece.offset, piece.length, files[file], pos, copyBuffer, progress);
                    pos += piece.length;
                    continue;
                }
                const base = idOf(array) * CHUNKS_PER_ARRAY;
                const at = pos;
                // Runs are gathered synchronously; a full table is written before the rest of the piece.
                let offset = piece.offset;
                const end = piece.offset + piece.length;
                while (offset < end) {
                    let stopped = -1;
                    array.layout.forEachRun(offset, end - offset, (_cidx, chunk, inChunk, n, rel) => {
                        if (stopped >= 0)
                            return;
                        if (runs.full) {
                            stopped = offset + rel;
                            return;
                        }
                        runs.push(base + chunk, inChunk, n, file, at + (offset - piece.offset) + rel);
                    });
                    if (stopped < 0)
                        break;
                    await writeBatch(runs, arrays, files, pool, progress);
                    offset = stopped;
                }
                pos += piece.length;
            }
        }
        await writeBatch(runs, arrays, files, pool, progress);
        await pool.close();
        await writeback?.settle();
        if (group) {
            if (options.sync !== false)
                for (const f of files)
                    f.sync();
            group.push(...files);
        }
        else
            commitAll(files);
        return tensorBytes + fixedBytes;
    }
    catch (e) {
        await pool.close();
        // A round still running holds the descriptors abort() closes.
        await writeback?.settle().catch(() => undefined);
        for (const f of files)
            f.abort();
        throw e;
    }
}
function hasZarrPiece(tensor) {
    for (const p of tensor.pieces())
        if (zarrArrayOf(p.ref))
            return true;
    return false;
}
/** A piece of a tensor, among a zarr array's, that is not one (an inline array): copied through one buffer. */
async function copyPiece(ref, offset, length, file, at, buffer, progress) {
    for (let done = 0; done < length;) {
        const n = Math.min(COPY_BUFFER, length - done);
        const bytes = (buffer.bytes ??= new Uint8Array(Math.min(COPY_BUFFER, Math.max(length, 1))));
        const into = bytes.byteLength >= n ? bytes : (buffer.bytes = new Uint8Array(n));
        ref.readInto(into, 0, offset + done, n);
        file.writeAt([into.subarray(0, n)], at + done);
        done += n;
        await progress(n);
    }
}
/**
 * Write the table's runs chunk by chunk (each chunk decoded once, in key order: arrays in turn,
 * chunks in grid order), then empty it. Runs of one chunk keep the order they were gathered in,
 * and runs that continue each other in a file go out in one writev.
 */
async function writeBatch(runs, arrays, files, pool, progress) {
    const n = runs.size;
    if (n === 0)
        return;
    // Counting sort by chunk: few distinct keys (chunks touched), many runs.
    const counts = new Map();
    for (let i = 0; i < n; i++)
        counts.set(runs.key[i], (counts.get(runs.key[i]) ?? 0) + 1);
    const keys = [...counts.keys()].sort((a, b) => a - b);
    const first = new Map();
    let acc = 0;
    for (const k of keys) {
        first.set(k, acc);
        acc += counts.get(k);
    }
    const order = new Uint32Array(n);
    const next = new Map(first);
    for (let i = 0; i < n; i++) {
        const k = runs.key[i];
        const slot = next.get(k);
        order[slot] = i;
        next.set(k, slot + 1);
    }
    await pool.each(keys.map((key) => {
        const array = arrays[Math.floor(key / CHUNKS_PER_ARRAY)];
        return { array, position: array.layout.position(key % CHUNKS_PER_ARRAY), runs: order.subarray(first.get(key), first.get(key) + counts.get(key)) };
    }), (job, chunk) => placeRuns(chunk, runs, job.runs, (file, parts, at) => files[file].writeAt(parts, at)), progress, runs, files.map((f) => f.fd));
    runs.size = 0;
}
