/**
 * Opening input files for reading without trusting what the path names. `open(2)` on a FIFO
 * blocks until a writer appears (a `check` of a shard that is a FIFO hung forever), and a
 * directory opens fine and fails only at the first read, with an errno message that names no
 * file. So: open non-blocking, fstat the descriptor (no race between the check and the read),
 * and refuse anything that is not a regular file with a typed error that names the file.
 */
import fs from 'node:fs';
import { FormatError, ScanconvError } from '../errors.js';
function kindOf(stat) {
    if (stat.isDirectory())
        return 'a directory';
    if (stat.isFIFO())
        return 'a FIFO (named pipe)';
    if (stat.isSocket())
        return 'a socket';
    if (stat.isCharacterDevice() || stat.isBlockDevice())
        return 'a device';
    return 'not a regular file';
}
/** A typed error for an errno failure on `file` (permission denied, vanished, I/O error). */
export function readError(file, e) {
    const err = e;
    if (err.code === 'ENOENT')
        return new FormatError(`${file}: no such file`, 'NOT_FOUND');
    if (err.code === 'EISDIR')
        return new FormatError(`${file}: is a directory, not a checkpoint file`, 'NOT_A_FILE');
    return new FormatError(`${file}: cannot read (${err.code ?? err.message})`, 'CANNOT_READ');
}
/** Open `file` read-only; throws NOT_A_FILE for directories, FIFOs, sockets and devices. Returns fd and size. */
export function openRegular(file) {
    let fd;
    try {
        // O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; no effect on regular files.
        fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    }
    catch (e) {
        throw readError(file, e);
    }
    try {
        const stat = fs.fstatSync(fd);
        if (!stat.isFile())
            throw new FormatError(`${file}: is ${kindOf(stat)}, not a checkpoint file`, 'NOT_A_FILE');
        return { fd, size: stat.size };
    }
    catch (e) {
        fs.closeSync(fd);
        throw e instanceof ScanconvError ? e : readError(file, e);
    }
}
/** The whole of a (small) regular file as UTF-8 text, refusing files over `maxBytes`. */
export function readTextFile(file, maxBytes, what) {
    const { fd, size } = openRegular(file);
    try {
        if (size > maxBytes)
            throw new FormatError(`${file}: ${what} is ${size} bytes, over the limit of ${maxBytes}`, 'FILE_TOO_LARGE');
        const buf = Buffer.alloc(size);
        let done = 0;
        while (done < size) {
            const got = fs.readSync(fd, buf, done, size - done, done);
            if (got === 0)
                break;
            done += got;
        }
        return buf.toString('utf8', 0, done);
    }
    catch (e) {
        throw e instanceof ScanconvError ? e : readError(file, e);
    }
    finally {
        fs.closeSync(fd);
    }
}
