/**
 * A directory output (an Orbax checkpoint) written under a temporary name beside its final
 * path, `.NAME.scanconv-tmp-HOST-PID-N/`, and put in place by rename(2) only when every file
 * in it is complete and synced: a reader never sees a partial checkpoint, and a failure or a
 * signal (atomic.ts's handlers) removes the temporary directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../../errors.js';
import { OutputExistsError } from '../../outputs.js';
import { ownName } from '../tempNames.js';
import { trackTemporary } from '../unfinished.js';
/** Files that mark a directory as an Orbax checkpoint, which `force` may replace (nothing else is ever removed). */
const CHECKPOINT_MARKERS = ['_CHECKPOINT_METADATA', 'manifest.ocdbt', '_METADATA'];
export class AtomicDir {
    finalPath;
    force;
    tempPath;
    untrack;
    done = false;
    constructor(finalPath, force) {
        this.finalPath = finalPath;
        this.force = force;
        checkDirOutput(finalPath, force);
        this.tempPath = ownName(finalPath, 'tmp');
        try {
            fs.mkdirSync(this.tempPath);
        }
        catch (e) {
            const code = e.code;
            const why = code === 'ENOENT' ? `directory ${path.dirname(path.resolve(finalPath))} does not exist` : e.message;
            throw new ScanconvError(`cannot write ${finalPath}: ${why}`, 'CANNOT_WRITE');
        }
        this.untrack = trackTemporary(this);
    }
    /** Put the directory in place (replacing, with `force`, the checkpoint that was there). */
    commit() {
        checkDirOutput(this.finalPath, this.force);
        syncDir(this.tempPath);
        const existing = fs.existsSync(this.finalPath);
        if (!existing) {
            try {
                fs.renameSync(this.tempPath, this.finalPath);
            }
            catch (e) {
                throw new ScanconvError(`cannot put ${this.finalPath} in place: ${e.message}`, 'OUTPUT_CHANGED');
            }
        }
        else {
            const old = ownName(this.finalPath, 'old');
            fs.renameSync(this.finalPath, old);
            try {
                fs.renameSync(this.tempPath, this.finalPath);
            }
            catch (e) {
                fs.renameSync(old, this.finalPath);
                throw e;
            }
            fs.rmSync(old, { recursive: true, force: true });
        }
        syncDir(path.dirname(path.resolve(this.finalPath)));
        this.done = true;
        this.untrack();
    }
    abort() {
        if (this.done)
            return;
        this.done = true;
        this.untrack();
        fs.rmSync(this.tempPath, { recursive: true, force: true });
    }
}
/** An output directory must be absent, or (with `force`) an Orbax checkpoint directory, never a file or a link. */
export function checkDirOutput(finalPath, force) {
    let st;
    try {
        st = fs.lstatSync(finalPath);
    }
    catch {
        return;
    }
    if (!force)
        throw new OutputExistsError(finalPath, 'output', '--force');
    if (!st.isDirectory())
        throw new ScanconvError(`cannot write ${finalPath}: it exists and is not a directory; an Orbax checkpoint is a directory`, 'NOT_REGULAR_OUTPUT');
    if (!CHECKPOINT_MARKERS.some((m) => fs.existsSync(path.join(finalPath, m)))) {
        throw new ScanconvError(`cannot write ${finalPath}: it is a directory but not an Orbax checkpoint (no ${CHECKPOINT_MARKERS.join(', ')}); --force replaces only a checkpoint`, 'NOT_REGULAR_OUTPUT');
    }
}
/** fsync every file and directory under `dir`, then `dir`: the data is on disk before the name. */
function syncDir(dir) {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory())
            syncDir(path.join(dir, entry.name));
    }
    const fd = fs.openSync(dir, 'r');
    try {
        fs.fsyncSync(fd);
    }
    finally {
        fs.closeSync(fd);
    }
}
