/**
 * An Orbax checkpoint's arrays decoded once into a temporary file, for readers that visit them
 * in an order the chunks do not follow. `verify --params-only` compares layer by layer: a layer's
 * slice of a scanned array touches every chunk of it (each chunk spans every layer), so reading
 * by byte range decoded each chunk once per layer, and the byte-range cache, smaller than an
 * array, evicts each chunk before its next layer comes (a 1 GB pair took 36-60 s, against about
 * 7 s to convert it). Staged (scatter.ts, like convert's staging.ts), every chunk is decoded
 * once and the layers are read back from the page cache.
 *
 * The price is disk: the arrays uncompressed, in the system's temporary directory (TMPDIR),
 * removed when the run ends. Where that directory lives in memory (tmpfs), or lacks the room,
 * nothing is staged: the checkpoint is read by byte range as before (exact, slower), and the
 * reason is returned for the caller to show.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyOf } from '../stream.js';
import { trackTemporary } from '../unfinished.js';
import { decodeThreadsFor } from './decodePool.js';
import { stageTensors } from './staging.js';
import { zarrArrayOf } from './zarrArray.js';
/** statfs f_type of filesystems held in memory: staging there would hold the checkpoint in RAM. */
const IN_MEMORY = new Map([
    [0x01021994, 'tmpfs'],
    [0x858458f6, 'ramfs'],
]);
/** Room left beside the staging file: other writers share the filesystem. */
const MARGIN = 64 << 20;
const mb = (n) => `${(n / 1e6).toFixed(0)} MB`;
/** Why `dir` cannot take `bytes` of staging, or undefined when it can (or cannot say). */
function unsuitable(dir, bytes) {
    let s;
    try {
        s = fs.statfsSync(dir);
    }
    catch {
        return undefined; // a filesystem that cannot say: the write itself reports ENOSPC
    }
    const ram = IN_MEMORY.get(s.type);
    if (ram)
        return `${dir} is ${ram}, held in memory; set TMPDIR to a directory on disk with ${mb(bytes)} free to decode each chunk once`;
    const free = s.bavail * s.bsize;
    if (free < bytes + MARGIN)
        return `${dir} has ${mb(free)} free, and decoding each chunk once stages ${mb(bytes)} there; set TMPDIR to a directory with more room`;
    return undefined;
}
/**
 * `index` with its zarr arrays read from a decoded staging file (other tensors as they are), or
 * why not. Call `remove` when done; the staging directory also counts as unfinished until then
 * (a host's removeUnfinishedFiles removes it).
 */
export async function stageIndex(index, tmp = os.tmpdir()) {
    const arrays = [...index.tensors.values()].filter((r) => zarrArrayOf(r));
    const bytes = arrays.reduce((s, r) => s + r.byteLength, 0);
    if (bytes === 0)
        return { skipped: 'no zarr arrays' };
    const why = unsuitable(tmp, bytes);
    if (why)
        return { skipped: why };
    const dir = fs.mkdtempSync(path.join(tmp, 'scanconv-verify-'));
    const untrack = trackTemporary({ finalPath: dir, abort: () => fs.rmSync(dir, { recursive: true, force: true }) });
    const removeDir = () => {
        untrack();
        fs.rmSync(dir, { recursive: true, force: true });
    };
    let staged;
    try {
        staged = await stageTensors(dir, arrays.map((r) => copyOf(r)), { decodeThreads: decodeThreadsFor(arrays) });
    }
    catch (e) {
        removeDir();
        throw e;
    }
    const decoded = new Map(arrays.map((r, i) => [r, staged.refs[i]]));
    const tensors = new Map([...index.tensors].map(([name, ref]) => [name, decoded.get(ref) ?? ref]));
    return {
        index: { ...index, tensors },
        remove() {
            staged.remove();
            removeDir();
        },
    };
}
