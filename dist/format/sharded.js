/**
 * Sharded safetensors, Hugging Face's convention: `model.safetensors.index.json` with
 * `{"metadata": {"total_size": N}, "weight_map": {tensor: "model-00001-of-00003.safetensors"}}`
 * beside the shards. Read as one checkpoint; written one shard at a time, all shards and the
 * index put in place only when every one is complete and synced, all or nothing (`commitAll`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FormatError } from '../errors.js';
import { AtomicFile, commitAll } from './atomic.js';
import { encodeHeader, openSafetensors, writeSafetensors } from './safetensors.js';
import { PieceWriter } from './stream.js';
import { OpenFiles, readTextFile } from './files.js';
import { describeJson, isJsonObject, JsonParseError, parseJson } from './jsonParse.js';
export class ShardedError extends FormatError {
    constructor(file, code, detail) {
        super(`${file}: ${detail}`, code);
    }
}
export const isShardIndex = (file) => file.toLowerCase().endsWith('.safetensors.index.json');
/** Shards open at once, reading or writing; more are closed and reopened (see files.ts OpenFiles). */
export const MAX_OPEN_SHARDS = 32;
/** Largest index file read: real ones are a few MB even for 100k-tensor models. */
export const MAX_INDEX_SIZE = 100_000_000;
export function openSharded(indexFile) {
    const fail = (code, detail) => {
        throw new ShardedError(indexFile, code, detail);
    };
    let raw;
    try {
        raw = parseJson(readTextFile(indexFile, MAX_INDEX_SIZE, 'a shard index'), { maxDepth: 128 });
    }
    catch (e) {
        if (!(e instanceof JsonParseError))
            throw e;
        return fail('NOT_JSON', `not valid JSON (${e.message})`);
    }
    const weightMap = isJsonObject(raw) ? raw.get('weight_map') : undefined;
    if (!isJsonObject(weightMap))
        return fail('BAD_INDEX', 'has no "weight_map" object');
    const indexMeta = isJsonObject(raw) ? raw.get('metadata') : undefined;
    if (indexMeta !== undefined && !isJsonObject(indexMeta))
        return fail('BAD_INDEX', `"metadata" must be an object, found ${describeJson(indexMeta)}`);
    const byShard = new Map();
    for (const [name, shard] of weightMap) {
        if (typeof shard !== 'string' || path.basename(shard) !== shard || shard === '..' || shard === '.') {
            fail('BAD_SHARD_NAME', `weight_map entry "${name}" names shard ${describeJson(shard)}; shards must be file names beside the index`);
        }
        byShard.set(shard, [...(byShard.get(shard) ?? []), name]);
    }
    const dir = path.dirname(indexFile);
    const pool = new OpenFiles(MAX_OPEN_SHARDS);
    const opened = [];
    try {
        const tensors = new Map();
        for (const [shard, names] of byShard) {
            const file = path.join(dir, shard);
            if (!fs.existsSync(file))
                fail('MISSING_SHARD', `shard ${shard} does not exist`);
            // openSafetensors refuses a shard that is a directory or a FIFO, naming it (files.ts).
            const idx = openSafetensors(file, pool);
            opened.push(idx);
            for (const name of names) {
                const ref = idx.tensors.get(name);
                if (!ref)
                    fail('MISSING_TENSOR', `weight_map puts "${name}" in ${shard}, which does not hold it`);
                tensors.set(name, ref);
            }
            for (const name of idx.tensors.keys()) {
                if (weightMap.get(name) !== shard)
                    fail('UNLISTED_TENSOR', `shard ${shard} holds "${name}", which weight_map does not list there`);
            }
        }
        const metadata = new Map(Object.entries(opened[0]?.metadata ?? {}));
        for (const [k, v] of indexMeta ?? [])
            if (k !== 'total_size' && typeof v === 'string')
                metadata.set(k, v);
        const sorted = new Map([...tensors].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        const first = opened[0];
        return { path: indexFile, format: 'sharded', tensors: sorted, metadata: Object.fromEntries(metadata), sep: first?.sep ?? '.', files: [indexFile, ...opened.map((i) => i.path)], close: () => opened.forEach((i) => i.close()) };
    }
    catch (e) {
        opened.forEach((i) => i.close());
        throw e;
    }
}
/** Greedy in tensor order: a shard closes when the next tensor would pass `shardSize`. */
export function planShards(output, tensors, shardSize) {
    const groups = [];
    let current = [];
    let size = 0;
    for (const t of tensors) {
        if (current.length && size + t.byteLength > shardSize) {
            groups.push(current);
            current = [];
            size = 0;
        }
        current.push(t);
        size += t.byteLength;
    }
    if (current.length || !groups.length)
        groups.push(current);
    if (groups.length === 1)
        return { files: [output], groups };
    const dir = path.dirname(output);
    const stem = path.basename(output).replace(/\.safetensors$/i, '');
    const n = String(groups.length).padStart(5, '0');
    const files = groups.map((_, i) => path.join(dir, `${stem}-${String(i + 1).padStart(5, '0')}-of-${n}.safetensors`));
    return { files, index: `${output}.index.json`, groups };
}
/** The index file's text: every tensor's shard and the tensors' total size. */
export function shardIndexText(plan, metadata, total) {
    const weightMap = Object.create(null);
    plan.groups.forEach((g, i) => g.forEach((t) => (weightMap[t.name] = path.basename(plan.files[i]))));
    return `${JSON.stringify({ metadata: { ...metadata, total_size: total }, weight_map: weightMap }, null, 2)}\n`;
}
/**
 * Write every shard and the index. They are put in place together (`commitAll`), or, with
 * `group`, added to it for the caller to put in place with other files (a model directory).
 */
export async function writeSharded(plan, metadata, onProgress, group) {
    if (!plan.index)
        return writeSafetensors(plan.files[0], plan.groups[0], metadata, onProgress, group);
    const total = plan.groups.flat().reduce((s, t) => s + t.byteLength, 0);
    const pending = [];
    let done = 0;
    let bytes = 0;
    try {
        for (const [i, group] of plan.groups.entries()) {
            const file = new AtomicFile(plan.files[i]);
            pending.push(file);
            const header = encodeHeader(group, metadata);
            const base = done;
            const writer = new PieceWriter(file, total, onProgress && ((d) => onProgress(base + d, total)));
            writer.writeBytes(header);
            for (const t of group)
                await writer.writeTensor(t);
            writer.flush();
            // Synced and closed now, named at the commit: one shard's descriptor open at a time, whatever the count.
            file.sync();
            done += group.reduce((s, t) => s + t.byteLength, 0) + header.byteLength;
            bytes += header.byteLength;
        }
        const index = new AtomicFile(plan.index);
        pending.push(index);
        const text = shardIndexText(plan, metadata, total);
        index.write(Buffer.from(text));
        // All shards and the index, or none of them: a reader never finds shards without an index.
        if (group) {
            for (const f of pending)
                f.sync();
            group.push(...pending);
        }
        else
            commitAll(pending);
        return total + bytes + text.length;
    }
    catch (e) {
        for (const f of pending)
            f.abort();
        throw e;
    }
}
