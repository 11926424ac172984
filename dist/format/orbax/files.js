/**
 * The files of one checkpoint directory, opened once and read by range. Every name comes from
 * the checkpoint (an OCDBT data-file table, a T5X spec), so it is checked before it is opened:
 * relative, no `..` or `.` segment, no backslash or NUL, and it must stay inside the directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openRegular, readError } from '../files.js';
import { OrbaxError } from './errors.js';
/**
 * Read `range` into the start of `into` (at least its length); a file that ends early is
 * TRUNCATED (it shrank after it was measured). Any thread may call it: descriptors are the process's.
 */
export function readFully(range, into, where) {
    const out = into.subarray(0, range.length);
    let done = 0;
    while (done < range.length) {
        let got;
        try {
            got = fs.readSync(range.fd, out, done, range.length - done, range.position + done);
        }
        catch (e) {
            throw readError(range.path, e);
        }
        if (got === 0)
            throw new OrbaxError(where, 'TRUNCATED', `${range.path} shrank while being read`);
        done += got;
    }
    return out;
}
export function memoryValue(bytes, where) {
    return { length: bytes.length, where, read: (offset, length) => bytes.subarray(offset, offset + length) };
}
/** Refuse a relative path from a file unless it names something inside the directory. */
export function checkRelativePath(rel, where) {
    const bad = rel === '' || rel.startsWith('/') || rel.includes('\\') || rel.includes('\0') || rel.split('/').some((seg) => seg === '..' || seg === '.' || seg === '');
    if (bad)
        throw new OrbaxError(where, 'BAD_PATH', `file name ${JSON.stringify(rel)} is not a plain relative path inside the checkpoint`);
}
export class CheckpointFiles {
    root;
    open = new Map();
    constructor(root) {
        this.root = root;
    }
    /** `rel` as a path a user can find (errors name files this way). */
    name(rel) {
        return path.join(this.root, rel);
    }
    /** Every file opened so far (absolute paths): the checkpoint's files for `check` and output guards. */
    get paths() {
        return [...this.open.keys()].map((rel) => path.join(this.root, rel));
    }
    file(rel, where) {
        let f = this.open.get(rel);
        if (!f) {
            checkRelativePath(rel, where);
            const abs = path.join(this.root, rel);
            if (!fs.existsSync(abs))
                throw new OrbaxError(where, 'MISSING_ARRAY', `refers to ${abs}, which does not exist`);
            f = openRegular(abs);
            this.open.set(rel, f);
        }
        return f;
    }
    size(rel, where) {
        return this.file(rel, where).size;
    }
    exists(rel) {
        return this.open.has(rel) || fs.statSync(path.join(this.root, rel), { throwIfNoEntry: false })?.isFile() === true;
    }
    /** Where `length` bytes at `offset` of `rel` are; a range past the file's end is OUT_OF_FILE. */
    locate(rel, offset, length, where) {
        const f = this.file(rel, where);
        if (offset < 0 || length < 0 || offset + length > f.size) {
            throw new OrbaxError(where, 'OUT_OF_FILE', `bytes ${offset}..${offset + length} are outside ${rel} (${f.size} bytes)`);
        }
        return { fd: f.fd, position: offset, length, path: path.join(this.root, rel) };
    }
    /** `length` bytes at `offset` of `rel` (into the start of `into` when given). */
    read(rel, offset, length, where, into) {
        const range = this.locate(rel, offset, length, where);
        return readFully(range, into && into.byteLength >= length ? into : Buffer.allocUnsafe(length), where);
    }
    /** A whole file as a stored value (zarr chunks and metadata of plain directories). */
    value(rel, where = this.name(rel)) {
        const size = this.size(rel, where);
        return { length: size, where, read: (offset, length, into) => this.read(rel, offset, length, where, into), locate: (offset, length) => this.locate(rel, offset, length, where) };
    }
    /** A range of a file as a stored value (OCDBT values stored out of line). */
    range(rel, offset, length, where) {
        const size = this.size(rel, where);
        if (offset + length > size)
            throw new OrbaxError(where, 'OUT_OF_FILE', `bytes ${offset}..${offset + length} are outside ${rel} (${size} bytes)`);
        return { length, where, read: (o, n, into) => this.read(rel, offset + o, n, where, into), locate: (o, n) => this.locate(rel, offset + o, n, where) };
    }
    close() {
        for (const f of this.open.values())
            fs.closeSync(f.fd);
        this.open.clear();
    }
}
