/**
 * `--format orbax`: a checkpoint step directory as orbax-checkpoint's CheckpointManager writes it
 * (what MaxText saves and restores):
 *
 *   OUT/_CHECKPOINT_METADATA                  item handlers, timestamps
 *   OUT/items/_METADATA                       the PyTree: every leaf's key path, `use_ocdbt`, `use_zarr3`
 *   OUT/items/_sharding                       each array's sharding (single device)
 *   OUT/items/array_metadatas/process_0       write and chunk shapes
 *   OUT/items/manifest.ocdbt, OUT/items/d/…   one OCDBT database holding, per array `a.b.c`,
 *                                             `a.b.c/zarr.json` and its shard `a.b.c/c/0/…`
 *
 * Streaming: each tensor's bytes go through PieceWriter (bounded buffer) into inner chunks of at
 * most `chunkBytes`, each compressed once and appended to the data file; memory is one chunk
 * plus its compressed form whatever the checkpoint's size. The whole directory appears at once
 * (AtomicDir). scanconv's provenance goes into `_METADATA`'s `custom_metadata`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FormatError, ScanconvError, UsageError } from '../../errors.js';
import { dtypeSize } from '../dtype.js';
import { PieceWriter } from '../stream.js';
import { AbortedError, currentAbortSignal } from '../unfinished.js';
import { AtomicDir, checkDirOutput } from './atomicDir.js';
import { OcdbtWriter } from './ocdbtWriter.js';
import { CompressPool, defaultCompressThreads } from './compressPool.js';
import { pyJson, pyTupleRepr } from './pyJson.js';
import { arrayLayout, innerChunks, shardKey, ShardEncoder, zarrJson } from './zarr3Writer.js';
import { loadZstd } from './zstdCompress.js';
import { stageTensors } from './staging.js';
export const ORBAX_ITEM = 'items';
/** MaxText's `param_scan_axis`: the axis of the layers in its scanned checkpoints. */
export const MAXTEXT_SCAN_AXIS = 1;
export const DEFAULT_CHUNK_BYTES = 64 << 20;
export const DEFAULT_ZSTD_LEVEL = 1;
/** Arrays at most this large are assembled in memory (then stored inline when small enough). */
const SMALL_ARRAY = 64 << 10;
const PYTREE_HANDLER = 'orbax.checkpoint._src.handlers.pytree_checkpoint_handler.PyTreeCheckpointHandler';
export class OrbaxWriteError extends FormatError {
    constructor(detail, code = 'BAD_ORBAX_NAME') {
        super(detail, code);
    }
}
/** Largest chunk: zstd in WebAssembly holds a chunk and its compressed bound in a 32-bit memory. */
export const MAX_CHUNK_BYTES = 512 * 2 ** 20;
export const MAX_ZSTD_LEVEL = 22;
export function checkOrbaxOptions(zstdLevel, chunkBytes) {
    if (typeof zstdLevel === 'number' && !(Number.isInteger(zstdLevel) && zstdLevel >= 1 && zstdLevel <= MAX_ZSTD_LEVEL)) {
        throw new UsageError(`--zstd-level ${zstdLevel} is not a zstd level from 1 to ${MAX_ZSTD_LEVEL} (0: no compression)`, 'BAD_ZSTD_LEVEL');
    }
    if (chunkBytes !== undefined && !(Number.isSafeInteger(chunkBytes) && chunkBytes >= 1 && chunkBytes <= MAX_CHUNK_BYTES)) {
        throw new UsageError(`--chunk-size ${chunkBytes} is not a chunk size from 1 byte to ${MAX_CHUNK_BYTES} (512MiB)`, 'BAD_CHUNK_SIZE');
    }
}
/**
 * Before any work: the output directory is absent (or, with `force`, an Orbax checkpoint), and
 * no input lies inside it (replacing it would delete what is being read).
 */
export function checkOrbaxOutput(out, inputs, force) {
    checkDirOutput(out, force);
    if (!fs.existsSync(out))
        return;
    const root = fs.realpathSync(out) + path.sep;
    for (const input of inputs) {
        const real = fs.realpathSync(input);
        if (real.startsWith(root))
            throw new ScanconvError(`cannot write ${out}: it holds ${input}, an input of this command`, 'OUTPUT_IS_INPUT');
    }
}
/** Orbax names an array by its key path joined with `.`; a `/` would nest zarr paths, and two leaves must not share a name. */
function leavesOf(tensors, sep) {
    const seen = new Map();
    const leaves = tensors.map((tensor) => {
        const keys = tensor.name.split(sep);
        if (keys.some((k) => k === ''))
            throw new OrbaxWriteError(`${tensor.name}: an empty key in the tree path; Orbax cannot name it`);
        const param = keys.join('.');
        if (param.includes('/'))
            throw new OrbaxWriteError(`${tensor.name}: "/" inside a key; Orbax's array name ${param} would nest zarr directories`);
        const other = seen.get(param);
        if (other !== undefined)
            throw new OrbaxWriteError(`${tensor.name} and ${other} would both be Orbax array ${param}`);
        seen.set(param, tensor.name);
        checkShape(tensor);
        return { tensor, keys, param };
    });
    return leaves.sort((a, b) => (a.param < b.param ? -1 : a.param > b.param ? 1 : 0));
}
/**
 * A library caller's shape goes into zarr.json and sizes the chunk buffers: a fractional,
 * negative or unsafe entry would write metadata no reader accepts, or fail (or spin) mid-write.
 */
function checkShape(tensor) {
    const shown = `[${tensor.shape.map(String).join(', ')}]`;
    const bad = tensor.shape.find((d) => !(Number.isSafeInteger(d) && d >= 0));
    if (bad !== undefined)
        throw new OrbaxWriteError(`${tensor.name}: shape ${shown} has ${String(bad)}, not a non-negative integer up to 2^53`, 'BAD_ORBAX_SHAPE');
    const bytes = tensor.shape.reduce((n, d) => n * d, dtypeSize(tensor.dtype));
    if (bytes !== tensor.byteLength)
        throw new OrbaxWriteError(`${tensor.name}: shape ${shown} of ${tensor.dtype} holds ${bytes} bytes, the tensor ${tensor.byteLength}`, 'BAD_ORBAX_SHAPE');
}
/**
 * Collects bytes into fixed-size chunks and submits each full one (the last may be exact only).
 * A buffer is taken from the pool only when bytes arrive, so the pool's free buffers are reused
 * from array to array rather than one held idle by each finished array.
 */
class ChunkSink {
    pool;
    size;
    emit;
    used = 0;
    buf;
    constructor(pool, size, emit) {
        this.pool = pool;
        this.size = size;
        this.emit = emit;
    }
    write(bytes) {
        let off = 0;
        while (off < bytes.byteLength) {
            const buf = (this.buf ??= this.pool.buffer(this.size));
            const n = Math.min(bytes.byteLength - off, buf.byteLength - this.used);
            buf.set(bytes.subarray(off, off + n), this.used);
            this.used += n;
            off += n;
            if (this.used === buf.byteLength) {
                this.buf = undefined;
                this.used = 0;
                this.pool.submit(buf, this.emit);
            }
        }
    }
    get pending() {
        return this.used;
    }
}
export async function writeOrbax(out, tensors, metadata, sep, options = {}) {
    const leaves = leavesOf(tensors, sep);
    if (!leaves.length)
        throw new OrbaxWriteError(`${out}: no tensors to write; an Orbax checkpoint holds at least one array`);
    checkOrbaxOptions(options.zstdLevel, options.chunkBytes);
    const zstdLevel = options.zstdLevel === null ? undefined : (options.zstdLevel ?? DEFAULT_ZSTD_LEVEL);
    const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    await loadZstd();
    const started = BigInt(Date.now()) * 1000000n;
    const dir = new AtomicDir(out, options.force === true);
    let db;
    let staged;
    let pool;
    try {
        const item = path.join(dir.tempPath, ORBAX_ITEM);
        fs.mkdirSync(item);
        const total = leaves.reduce((s, l) => s + l.tensor.byteLength, 0);
        // Staged: progress counts the staging and the compression as one job of twice the bytes.
        const progress = options.onProgress;
        let sources = leaves.map((l) => l.tensor);
        let reported = 0;
        if (options.stage) {
            staged = await stageTensors(dir.tempPath, sources, { ...options.stage, onProgress: progress && ((done) => progress(done, 2 * total)) }, out);
            sources = staged.tensors;
            reported = total;
        }
        const onProgress = progress && ((done) => progress(reported + done, reported + total));
        db = new OcdbtWriter(item);
        const ocdbt = db;
        const layouts = leaves.map(({ tensor }) => arrayLayout(tensor.dtype, tensor.shape, chunkBytes, zstdLevel));
        // A loop, not Math.max(...): a spread of 500,000 leaves overflows the call stack.
        const largestChunk = layouts.reduce((most, layout) => Math.max(most, innerChunks(layout).chunkBytes), 0);
        pool = new CompressPool(options.compressThreads ?? defaultCompressThreads(largestChunk, total, zstdLevel !== undefined), zstdLevel);
        const chunkPool = pool;
        // The caller's AbortSignal (convert's `signal`), seen at every buffer and every array: no
        // AtomicFile here checks it, as the file writers' do.
        const signal = currentAbortSignal();
        const checkAborted = () => {
            if (signal?.aborted)
                throw new AbortedError(out);
        };
        const route = {};
        const ready = () => {
            checkAborted();
            return chunkPool.ready();
        };
        const pieces = new PieceWriter({ write: (b) => route.target.write(b), ready }, total, onProgress);
        // Every step on the database runs in the pool's order: a shard's frames, then its index,
        // then the next array's entries (one value is streamed into the data file at a time).
        for (const [i, { tensor, param }] of leaves.entries()) {
            checkAborted();
            const layout = layouts[i];
            chunkPool.then(() => ocdbt.put(`${param}/zarr.json`, Buffer.from(zarrJson(layout), 'utf8')));
            if (tensor.byteLength === 0)
                continue;
            const key = shardKey(param, tensor.shape.length);
            const small = tensor.byteLength <= SMALL_ARRAY;
            const parts = [];
            let sink;
            chunkPool.then(() => (sink = small ? undefined : ocdbt.begin(key)));
            const encoder = new ShardEncoder(layout, (b) => (sink ? sink.write(b) : parts.push(b.slice())));
            const chunks = new ChunkSink(chunkPool, innerChunks(layout).chunkBytes, (frame) => encoder.addEncoded(frame));
            route.target = chunks;
            await pieces.writeTensor(sources[i]);
            pieces.flush();
            if (chunks.pending)
                throw new Error(`${tensor.name}: ${chunks.pending} bytes left over a whole chunk`);
            chunkPool.then(() => {
                encoder.finish();
                if (sink)
                    sink.end();
                else
                    ocdbt.put(key, Buffer.concat(parts));
            });
        }
        await chunkPool.drain();
        await chunkPool.close();
        let bytes = db.finish();
        staged?.remove();
        staged = undefined;
        const write = (rel, text) => {
            const file = path.join(dir.tempPath, rel);
            fs.mkdirSync(path.dirname(file), { recursive: true });
            const fd = fs.openSync(file, 'wx');
            try {
                fs.writeSync(fd, text);
                fs.fsyncSync(fd);
            }
            finally {
                fs.closeSync(fd);
            }
            bytes += Buffer.byteLength(text);
        };
        write(path.join(ORBAX_ITEM, '_METADATA'), pyJson(treeMetadata(leaves, metadata)));
        write(path.join(ORBAX_ITEM, '_sharding'), shardingJson(leaves));
        write(path.join(ORBAX_ITEM, 'array_metadatas', 'process_0'), pyJson(arrayMetadatas(leaves, chunkBytes, zstdLevel)));
        const now = BigInt(Date.now()) * 1000000n;
        write('_CHECKPOINT_METADATA', pyJson({ item_handlers: { [ORBAX_ITEM]: PYTREE_HANDLER }, metrics: {}, performance_metrics: {}, init_timestamp_nsecs: started, commit_timestamp_nsecs: now, custom_metadata: {} }));
        dir.commit();
        return bytes;
    }
    catch (e) {
        await pool?.close();
        staged?.remove();
        db?.abort();
        dir.abort();
        throw e;
    }
}
/** `_METADATA`: each leaf by the Python repr of its key tuple, as orbax's PyTree metadata writes it. */
function treeMetadata(leaves, metadata) {
    const tree = Object.create(null);
    for (const { keys, tensor } of leaves) {
        tree[pyTupleRepr(keys)] = {
            key_metadata: keys.map((key) => ({ key, key_type: 2 })),
            value_metadata: { value_type: 'jax.Array', skip_deserialize: false, write_shape: [...tensor.shape] },
        };
    }
    const custom = Object.create(null);
    for (const [k, v] of Object.entries(metadata))
        custom[k] = v;
    return { tree_metadata: tree, use_ocdbt: true, use_zarr3: true, store_array_data_equal_to_fill_value: true, custom_metadata: custom };
}
function shardingJson(leaves) {
    const single = JSON.stringify(pyJson({ sharding_type: 'SingleDeviceSharding', device_str: 'cpu:0' }));
    return `{${leaves.map((l) => `${JSON.stringify(Buffer.from(l.param, 'utf8').toString('base64'))}:${single}`).join(',')}}`;
}
function arrayMetadatas(leaves, chunkBytes, zstdLevel) {
    return {
        array_metadatas: leaves.map(({ tensor, param }) => ({
            array_metadata: { param_name: param, write_shape: [...tensor.shape], chunk_shape: [...arrayLayout(tensor.dtype, tensor.shape, chunkBytes, zstdLevel).chunkShape], ext_metadata: null },
        })),
    };
}
