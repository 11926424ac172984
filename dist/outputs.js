/**
 * Before any work: every file a command will write (a checkpoint, its shards and index, a report)
 * is checked against every file it reads, by identity (device and inode, so hard links and
 * symlinks count), and must be a regular file or absent in an existing directory. A bad request
 * exits 2 with one line and writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { guardInputs } from './format/atomic.js';
import { sweepStaleTemps } from './format/staleTemps.js';
export { guardInputs };
import { checkpointFile, openCheckpoint } from './format/open.js';
/** An output that exists, without `force`. The CLI names its own flag (`--force`). */
export class OutputExistsError extends UsageError {
    file;
    label;
    constructor(file, label = 'output', flag = 'force: true') {
        super(`${label} ${file} exists; pass ${flag} to overwrite it`, 'OUTPUT_EXISTS');
        this.file = file;
        this.label = label;
    }
}
function kindOf(s) {
    if (s.isFIFO())
        return 'a FIFO';
    if (s.isCharacterDevice())
        return 'a character device';
    if (s.isBlockDevice())
        return 'a block device';
    if (s.isDirectory())
        return 'a directory';
    if (s.isSocket())
        return 'a socket';
    return 'not a regular file';
}
const sameFile = (a, b) => a.dev === b.dev && a.ino === b.ino;
function statOrUndefined(file, follow) {
    try {
        return follow ? fs.statSync(file) : fs.lstatSync(file);
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return undefined;
        throw e;
    }
}
/** Every file a checkpoint is read from (an index and its shards); just the path when it cannot be opened. */
export function checkpointFiles(file) {
    try {
        const index = openCheckpoint(file);
        index.close();
        return [...(index.files ?? [file])];
    }
    catch {
        return [file];
    }
}
/**
 * Every file verify, generate or profile reads: the checkpoints' files, the input and golden
 * files, a config.json beside a checkpoint, and `plain` files read as they are (--config).
 */
export function modelInputFiles(checkpoints, others = [], plain = []) {
    const files = plain.filter((f) => Boolean(f));
    for (const c of checkpoints) {
        if (!c)
            continue;
        // A model directory's config.json is inside it, beside its checkpoint file.
        let file = c;
        try {
            file = checkpointFile(c);
        }
        catch {
            /* the command names a directory without a checkpoint itself */
        }
        files.push(...checkpointFiles(c), path.join(path.dirname(file), 'config.json'));
    }
    for (const f of others)
        if (f)
            files.push(...checkpointFiles(f));
    return files;
}
/** Refuse outputs that are inputs, non-regular files, existing files without `replace`, or duplicates. */
export function checkOutputs(outputs, inputs) {
    const inputStats = inputs.flatMap((f) => {
        const s = statOrUndefined(f, true);
        return s ? [{ file: f, stat: s }] : [];
    });
    const seen = [];
    for (const out of outputs) {
        const dir = path.dirname(path.resolve(out.file));
        const dirStat = statOrUndefined(dir, true);
        if (!dirStat)
            throw new UsageError(`cannot write ${out.label} ${out.file}: directory ${dir} does not exist`, 'NO_OUTPUT_DIR');
        if (!dirStat.isDirectory())
            throw new UsageError(`cannot write ${out.label} ${out.file}: ${dir} is not a directory`, 'NO_OUTPUT_DIR');
        const link = statOrUndefined(out.file, false);
        const target = link && statOrUndefined(out.file, true);
        if (link) {
            for (const input of inputStats) {
                if (sameFile(link, input.stat) || (target && sameFile(target, input.stat))) {
                    const which = path.resolve(input.file) === path.resolve(out.file) ? 'an input of this command' : `the same file as the input ${input.file}`;
                    throw new UsageError(`${out.label} ${out.file} is ${which}; write it elsewhere`, 'OUTPUT_IS_INPUT');
                }
            }
            if (!target)
                throw new UsageError(`${out.label} ${out.file} is a symbolic link to nothing; remove it or write elsewhere`, 'NOT_REGULAR_OUTPUT');
            if (!target.isFile())
                throw new UsageError(`${out.label} ${out.file} is ${kindOf(target)}; scanconv writes regular files only`, 'NOT_REGULAR_OUTPUT');
        }
        const resolved = path.resolve(out.file);
        const twin = seen.find((s) => s.resolved === resolved || (s.stat && target && sameFile(s.stat, target)));
        if (twin)
            throw new UsageError(`${twin.out.label} and ${out.label} are both ${out.file}; give them different files`, 'OUTPUT_TWICE');
        seen.push({ out, resolved, stat: target });
        if (link && !out.replace)
            throw new OutputExistsError(out.file, out.label);
    }
}
/** Remove what killed runs left in the outputs' directories (see `sweepStaleTemps`). */
export function sweepOutputDirs(outputs) {
    const dirs = [...new Set(outputs.map((f) => path.dirname(path.resolve(f))))];
    const all = { removed: [], kept: [] };
    for (const d of dirs) {
        const r = sweepStaleTemps(d);
        all.removed.push(...r.removed);
        all.kept.push(...r.kept);
    }
    return all;
}
