/**
 * Where `convert` writes: a file (format from its extension or `format`), or a model directory
 * (an output ending in `/`, or an existing directory): the weights under the name transformers
 * reads (model.safetensors, sharded like a sharded input, or flax_model.msgpack) and, from an
 * input directory, its small files (config.json, generation_config.json, the tokenizer) copied
 * unchanged. Planned before any work; nothing here writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { formatFromPath, WRITABLE_FORMATS } from './format/open.js';
import { companionFiles } from './format/modelDir.js';
/** An output ending in a separator, or an existing directory, is a model directory. */
export function isDirectoryOutput(output) {
    return output.endsWith('/') || output.endsWith(path.sep) || fs.statSync(output, { throwIfNoEntry: false })?.isDirectory() === true;
}
/** The largest shard of a sharded input: the default shard size of its converted directory. */
function largestShard(index) {
    return Math.max(...(index.files ?? []).filter((f) => f !== index.path).map((f) => fs.statSync(f).size));
}
function fileFormat(output, options) {
    const format = options.format ?? formatFromPath(output);
    if (options.shardSize !== undefined && format !== 'safetensors')
        throw new UsageError('--shard-size applies to safetensors output only', 'SHARDS_NEED_SAFETENSORS');
    if (!format) {
        throw new UsageError(`cannot tell the output format from "${path.extname(output) || output}"; use .safetensors, .msgpack or .json, name a directory (DIR/), or pass --format ${WRITABLE_FORMATS.join('|')} (orbax: a checkpoint directory)`, 'UNKNOWN_FORMAT');
    }
    return format;
}
export function planTarget(input, index, output, options) {
    if (!isDirectoryOutput(output))
        return { weights: output, format: fileFormat(output, options), shardSize: options.shardSize, companions: { copy: [], skipped: [] } };
    const directory = output.length > 1 ? output.replace(/[/\\]+$/, '') : output;
    if (options.format === 'json')
        throw new UsageError(`a model directory holds model.safetensors or flax_model.msgpack; to write JSON name a file (${path.join(directory, 'params.json')})`, 'DIRECTORY_FORMAT');
    const format = options.format ?? (index.format === 'msgpack' ? 'msgpack' : 'safetensors');
    if (options.shardSize !== undefined && format !== 'safetensors')
        throw new UsageError('--shard-size applies to safetensors output only', 'SHARDS_NEED_SAFETENSORS');
    // An Orbax directory's files are the checkpoint itself, not a model directory's companions.
    const inputDir = fs.statSync(input).isDirectory() && index.format !== 'orbax' ? input : undefined;
    if (inputDir && path.resolve(inputDir) === path.resolve(directory))
        throw new UsageError(`the output directory is the input directory ${input}; write the converted model to another directory`, 'OUTPUT_IS_INPUT');
    const shardSize = options.shardSize ?? (index.format === 'sharded' && format === 'safetensors' ? largestShard(index) : undefined);
    const companions = inputDir ? companionFiles(inputDir) : { copy: [], skipped: [] };
    // The input's own weights are not news in the summary.
    const read = new Set((index.files ?? [index.path]).map((f) => path.resolve(f)));
    companions.skipped = companions.skipped.filter((s) => !read.has(path.resolve(s.file)));
    return { directory, weights: path.join(directory, format === 'msgpack' ? 'flax_model.msgpack' : 'model.safetensors'), format, shardSize, companions };
}
