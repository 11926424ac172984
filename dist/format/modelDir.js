/**
 * A Hugging Face model directory: one checkpoint, in one of the forms transformers reads, beside
 * config.json, generation_config.json, the tokenizer and other small files.
 *
 * Reading follows transformers' `from_pretrained(dir)` (PyTorch classes, modeling_utils): the
 * first of model.safetensors, then model.safetensors.index.json; flax_model.msgpack (what
 * FlaxPreTrainedModel loads, and PyTorch only with from_flax=True) when neither is there. What
 * else the directory holds is named (`notRead`), never read silently instead.
 *
 * Writing keeps one checkpoint per directory: a form written under one of these names replaces
 * the other forms (removed with the commit, like transformers' save_pretrained removes the
 * shards of an earlier save) or is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../errors.js';
import { isOrbaxDir } from './orbax/tree.js';
import { TEMP_NAME } from './tempNames.js';
import { readCappedFile, readError, readTextFile } from './files.js';
import { isJsonObject, parseJson } from './jsonParse.js';
/** transformers' loading order for a directory (see above). */
export const MODEL_DIR_FILES = ['model.safetensors', 'model.safetensors.index.json', 'flax_model.msgpack'];
const isRegular = (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true;
export function modelDirCheckpoint(dir) {
    // An Orbax/T5X checkpoint directory is itself the checkpoint (format/orbax/ reads it whole).
    if (isOrbaxDir(dir))
        return { dir, file: dir, notRead: [] };
    const present = MODEL_DIR_FILES.filter((f) => fs.existsSync(path.join(dir, f)));
    if (!present.length) {
        throw new ScanconvError(`${dir} is a directory without ${MODEL_DIR_FILES.join(', ')}; pass the checkpoint file (.safetensors, .safetensors.index.json, .msgpack or .json) or an Orbax/T5X checkpoint directory`, 'IS_A_DIRECTORY');
    }
    return { dir, file: path.join(dir, present[0]), notRead: present.slice(1) };
}
/** One line saying which file of a directory was read, and what was not; undefined for a file. */
export function describeRead(input) {
    if (!fs.statSync(input, { throwIfNoEntry: false })?.isDirectory() || isOrbaxDir(input))
        return undefined;
    const { file, notRead } = modelDirCheckpoint(input);
    const others = notRead.length ? `; not read: ${notRead.join(', ')} (transformers' from_pretrained loads ${path.basename(file)} first)` : '';
    return `${input}: read ${path.basename(file)}${others}`;
}
/** Hugging Face's shard names: `model-00001-of-00003.safetensors`. */
const SHARD_NAME = /^model-\d{5}-of-\d{5}\.safetensors$/;
/** The shards an index names (when it can be read), and every file named like one. */
function shardsOf(dir, names) {
    const shards = new Set(names.filter((n) => SHARD_NAME.test(n)));
    try {
        const raw = parseJson(readTextFile(path.join(dir, 'model.safetensors.index.json'), 100_000_000, 'a shard index'), { maxDepth: 128 });
        const map = isJsonObject(raw) ? raw.get('weight_map') : undefined;
        if (isJsonObject(map))
            for (const v of map.values())
                if (typeof v === 'string' && path.basename(v) === v && names.includes(v))
                    shards.add(v);
    }
    catch {
        /* an unreadable index still goes, with the files named like shards */
    }
    return [...shards];
}
/**
 * The files of every checkpoint form in `dir` other than the one being written (`writing`, full
 * paths): what a write there must remove (or refuse), so the directory holds one checkpoint.
 * Empty when the output is not named like a model directory's checkpoint.
 */
export function otherForms(dir, writing) {
    const written = new Set(writing.map((f) => path.basename(f)));
    if (!MODEL_DIR_FILES.some((f) => written.has(f)))
        return [];
    let names;
    try {
        names = fs.readdirSync(dir);
    }
    catch {
        return [];
    }
    const others = [];
    for (const form of MODEL_DIR_FILES) {
        if (written.has(form) || !names.includes(form))
            continue;
        others.push(form);
        if (form === 'model.safetensors.index.json')
            others.push(...shardsOf(dir, names));
    }
    // Shards of an earlier sharded save with another shard count: named like shards, not written now.
    if (written.has('model.safetensors.index.json'))
        others.push(...names.filter((n) => SHARD_NAME.test(n)));
    return [...new Set(others)].filter((n) => !written.has(n)).map((n) => path.join(dir, n));
}
/** Files of checkpoint forms for a message: `model.safetensors.index.json and its 5 shards`. */
export function describeForms(files) {
    const names = files.map((f) => path.basename(f));
    const shards = names.filter((n) => SHARD_NAME.test(n)).length;
    const rest = names.filter((n) => !SHARD_NAME.test(n));
    const indexed = rest.includes('model.safetensors.index.json');
    if (shards) {
        const label = `${shards} shard${shards > 1 ? 's' : ''}`;
        if (indexed)
            rest[rest.indexOf('model.safetensors.index.json')] = `model.safetensors.index.json and its ${label}`;
        else
            rest.push(label);
    }
    return rest.join(', ');
}
/** Files that hold weights (any framework's), never copied as a small file of the directory. */
const WEIGHTS = /\.(safetensors|msgpack|bin|pt|pth|h5|ckpt|gguf|ggml|onnx|npz|npy|pkl|pickle|ot|tflite)$|\.index\.json$|^model\.ckpt|^tf_model/i;
/** A "small file" of a model directory: tokenizers are a few MB (Llama 3's tokenizer.json: 9 MB). */
export const MAX_COMPANION_BYTES = 64 << 20;
/** The small files of a model directory that travel with its weights (config, tokenizer, README...). */
export function companionFiles(dir) {
    const result = { copy: [], skipped: [] };
    let names;
    try {
        names = fs.readdirSync(dir).sort();
    }
    catch (e) {
        throw readError(dir, e);
    }
    for (const name of names) {
        const file = path.join(dir, name);
        if (TEMP_NAME.test(name))
            continue;
        const stat = fs.lstatSync(file, { throwIfNoEntry: false });
        if (!stat)
            continue;
        if (WEIGHTS.test(name))
            result.skipped.push({ file, why: 'weights' });
        else if (stat.isDirectory())
            result.skipped.push({ file, why: 'a directory' });
        else if (!isRegular(file))
            result.skipped.push({ file, why: 'not a regular file' });
        else if (fs.statSync(file).size > MAX_COMPANION_BYTES)
            result.skipped.push({ file, why: `over ${MAX_COMPANION_BYTES >> 20} MiB` });
        else
            result.copy.push(file);
    }
    return result;
}
/** The bytes of a small file, read without trusting the path (no FIFO hang, size cap). */
export function readSmallFile(file) {
    return readCappedFile(file, MAX_COMPANION_BYTES, (size) => new ScanconvError(`${file}: ${size} bytes, over the ${MAX_COMPANION_BYTES >> 20} MiB a copied file may have`, 'FILE_TOO_LARGE'));
}
