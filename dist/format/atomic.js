import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../errors.js';
/**
 * A file written under a temporary name in the destination directory and renamed into place
 * only when complete, so a reader never sees a partial checkpoint. Temporary files still open
 * when the process is interrupted (SIGINT/SIGTERM) or fails are removed.
 */
const live = new Set();
let handlersInstalled = false;
function installSignalHandlers() {
    if (handlersInstalled)
        return;
    handlersInstalled = true;
    for (const signal of ['SIGINT', 'SIGTERM']) {
        process.once(signal, () => {
            for (const f of live)
                f.abort();
            process.stderr.write(`\nscanconv: interrupted (${signal}); no output written\n`);
            process.exit(signal === 'SIGINT' ? 130 : 143);
        });
    }
    process.once('exit', () => {
        for (const f of live)
            f.abort();
    });
}
export class AtomicFile {
    finalPath;
    tempPath;
    fd;
    done = false;
    constructor(finalPath) {
        this.finalPath = finalPath;
        installSignalHandlers();
        const dir = path.dirname(path.resolve(finalPath));
        this.tempPath = path.join(dir, `.${path.basename(finalPath)}.scanconv-tmp-${process.pid}-${live.size}`);
        try {
            this.fd = fs.openSync(this.tempPath, 'w');
        }
        catch (e) {
            const why = e.code === 'ENOENT' ? `directory ${dir} does not exist` : e.message;
            throw new ScanconvError(`cannot write ${finalPath}: ${why}`, 'CANNOT_WRITE');
        }
        live.add(this);
    }
    /** Write all of `bytes` at the current end of the file. */
    write(bytes) {
        let off = 0;
        while (off < bytes.byteLength)
            off += fs.writeSync(this.fd, bytes, off, bytes.byteLength - off);
    }
    commit() {
        if (this.done)
            return;
        // Data on disk before the name: after a crash the output is either complete or absent.
        fs.fsyncSync(this.fd);
        fs.closeSync(this.fd);
        fs.renameSync(this.tempPath, this.finalPath);
        this.done = true;
        live.delete(this);
    }
    abort() {
        if (this.done)
            return;
        this.done = true;
        live.delete(this);
        try {
            fs.closeSync(this.fd);
        }
        catch {
            /* already closed */
        }
        fs.rmSync(this.tempPath, { force: true });
    }
}
/** Run `body` with an AtomicFile, committing on success and removing the temp file on failure. */
export async function writeAtomically(finalPath, body) {
    const file = new AtomicFile(finalPath);
    try {
        const result = await body(file);
        file.commit();
        return result;
    }
    catch (err) {
        file.abort();
        throw err;
    }
}
