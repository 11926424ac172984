/** Open any supported checkpoint by its extension (or, failing that, its first byte). */
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../errors.js';
import { openSafetensors, writeSafetensors } from './safetensors.js';
import { openJson, writeJson } from './json.js';
import { openMsgpack } from './msgpack.js';
import { writeMsgpack } from './msgpackWriter.js';
import { isShardIndex, openSharded } from './sharded.js';
import { openRegular } from './files.js';
export const WRITABLE_FORMATS = ['safetensors', 'json', 'msgpack'];
export function openCheckpoint(file, options = {}) {
    let stat;
    try {
        stat = fs.statSync(file);
    }
    catch {
        throw new ScanconvError(`${file}: no such file`, 'NOT_FOUND');
    }
    if (!stat.isFile())
        throw new ScanconvError(`${file}: not a regular file`, 'NOT_A_FILE');
    const ext = path.extname(file).toLowerCase();
    let index;
    if (isShardIndex(file))
        index = openSharded(file);
    else if (ext === '.json')
        index = openJson(file, options.sep ?? '.');
    else if (ext === '.safetensors')
        index = openSafetensors(file);
    else if (ext === '.msgpack')
        index = openMsgpack(file, options.sep ?? '.');
    else
        index = sniff(file) === '{' ? openJson(file, options.sep ?? '.') : openSafetensors(file);
    return options.sep && index.sep !== options.sep ? { ...index, sep: options.sep } : index;
}
function sniff(file) {
    const { fd } = openRegular(file);
    try {
        const b = Buffer.alloc(1);
        fs.readSync(fd, b, 0, 1, 0);
        return b.toString('latin1');
    }
    finally {
        fs.closeSync(fd);
    }
}
export function formatFromPath(file) {
    const ext = path.extname(file).toLowerCase();
    if (ext === '.safetensors')
        return 'safetensors';
    if (ext === '.json')
        return 'json';
    if (ext === '.msgpack')
        return 'msgpack';
    return undefined;
}
export async function writeCheckpoint(file, format, tensors, metadata, sep, onProgress) {
    if (format === 'json')
        return writeJson(file, tensors, metadata, sep);
    // Flax's msgpack state dict has no place for metadata; provenance is lost there.
    if (format === 'msgpack')
        return writeMsgpack(file, tensors, sep, onProgress);
    return writeSafetensors(file, tensors, metadata, onProgress);
}
