/** Open any supported checkpoint by its extension (or, failing that, its first byte). */
import fs from 'node:fs';
import path from 'node:path';
import { FormatError } from '../errors.js';
import { recordedSep } from './types.js';
import { openSafetensors, writeSafetensors } from './safetensors.js';
import { openJson, writeJson } from './json.js';
import { openMsgpack } from './msgpack.js';
import { writeMsgpack } from './msgpackWriter.js';
import { isShardIndex, openSharded } from './sharded.js';
import { openRegular } from './files.js';
import { modelDirCheckpoint } from './modelDir.js';
export { MODEL_DIR_FILES } from './modelDir.js';
import { isOrbaxDir } from './orbax/tree.js';
import { openOrbax } from './orbax/open.js';
export const WRITABLE_FORMATS = ['safetensors', 'json', 'msgpack', 'orbax'];
export function openCheckpoint(file, options = {}) {
    let stat;
    try {
        stat = fs.statSync(file);
    }
    catch {
        throw new FormatError(`${file}: no such file`, 'NOT_FOUND');
    }
    if (stat.isDirectory() && isOrbaxDir(file))
        return openOrbax(file, options);
    if (stat.isDirectory())
        return openCheckpoint(modelFileIn(file), options);
    if (!stat.isFile())
        throw new FormatError(`${file}: not a regular file`, 'NOT_A_FILE');
    // A clone without `git lfs` holds ~130-byte pointer files where the checkpoints should be.
    if (stat.size < 1024 && sniff(file, 40).startsWith('version https://git-lfs.github.com/spec/')) {
        throw new FormatError(`${file}: a Git LFS pointer, not the checkpoint itself; fetch the file with \`git lfs pull\``, 'LFS_POINTER');
    }
    const ext = path.extname(file).toLowerCase();
    let index;
    if (isShardIndex(file))
        index = openSharded(file);
    else if (ext === '.json')
        index = openJson(file, options.sep);
    else if (ext === '.safetensors')
        index = openSafetensors(file);
    else if (ext === '.msgpack')
        index = openMsgpack(file, options.sep ?? '.');
    else
        index = sniff(file) === '{' ? openJson(file, options.sep) : openSafetensors(file);
    // A separator recorded by the conversion that wrote the file beats the guess (JSON applies its own while reading).
    const sep = options.sep ?? recordedSep(file, index.metadata);
    return sep && index.sep !== sep ? { ...index, sep } : index;
}
/** `file` itself, or the checkpoint file of a model directory (whose config.json sits beside it). */
export function checkpointFile(file) {
    return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() && !isOrbaxDir(file) ? modelFileIn(file) : file;
}
/** The checkpoint file of a model directory (modelDir.ts: transformers' order), or a one-line error saying what to pass. */
export function modelFileIn(dir) {
    return modelDirCheckpoint(dir).file;
}
function sniff(file, bytes = 1) {
    const { fd } = openRegular(file);
    try {
        const b = Buffer.alloc(bytes);
        const n = fs.readSync(fd, b, 0, bytes, 0);
        return b.subarray(0, n).toString('latin1');
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
export async function writeCheckpoint(file, format, tensors, metadata, sep, onProgress, 
/** Add the complete file to this group instead of putting it in place (see `commitAll`); not for JSON. */
group) {
    if (format === 'json') {
        if (group)
            throw new FormatError('a JSON checkpoint is not written as part of a group', 'UNKNOWN_FORMAT');
        return writeJson(file, tensors, metadata, sep);
    }
    // Flax's msgpack state dict has no place for metadata; provenance is lost there.
    if (format === 'msgpack')
        return writeMsgpack(file, tensors, sep, onProgress, undefined, group);
    return writeSafetensors(file, tensors, metadata, onProgress, group);
}
