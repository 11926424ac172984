/**
 * Library entry for `scanconv convert`: open -> analyse -> plan -> write, atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { formatFromPath, openCheckpoint, writeCheckpoint, WRITABLE_FORMATS } from './format/open.js';
import { planShards, writeSharded } from './format/sharded.js';
import { analyzeLayout, META, planConversion, withProvenance } from './layout/plan.js';
import { VERSION } from './version.js';
function samePath(a, b) {
    const real = (p) => {
        try {
            return fs.realpathSync(p);
        }
        catch {
            return path.join(fs.realpathSync(path.dirname(path.resolve(p))), path.basename(p));
        }
    };
    return real(a) === real(b);
}
/** Check everything about the output before any work, so a bad request writes nothing. */
function checkOutput(input, output, options) {
    if (samePath(input, output))
        throw new UsageError(`output ${output} is the input; write the converted checkpoint elsewhere`, 'OUTPUT_IS_INPUT');
    const format = options.format ?? formatFromPath(output);
    if (options.shardSize !== undefined && format !== 'safetensors')
        throw new UsageError('--shard-size applies to safetensors output only', 'SHARDS_NEED_SAFETENSORS');
    if (!format) {
        throw new UsageError(`cannot tell the output format from "${path.extname(output) || output}"; use .safetensors, .msgpack or .json, or pass --format ${WRITABLE_FORMATS.join('|')}`, 'UNKNOWN_FORMAT');
    }
    if (fs.existsSync(output) && !options.force)
        throw new UsageError(`output ${output} exists; pass --force to overwrite it`, 'OUTPUT_EXISTS');
    const dir = path.dirname(path.resolve(output));
    if (!fs.existsSync(dir))
        throw new UsageError(`output directory ${dir} does not exist`, 'NO_OUTPUT_DIR');
    return format;
}
/** A plain record safe for any group path (`__proto__` included): no prototype. */
function depthsRecord(depths) {
    const out = Object.create(null);
    for (const [k, v] of depths)
        out[k] = v;
    return out;
}
export function defaultTarget(from) {
    if (from === 'pyloop')
        return 'scan';
    if (from === 'scan')
        return 'pyloop';
    throw new UsageError('the checkpoint is in the shared layout; say where to go with --to pyloop or --to scan', 'NEED_TARGET');
}
export async function convert(input, output, options = {}) {
    const started = performance.now();
    const format = checkOutput(input, output, options);
    const index = openCheckpoint(input, { sep: options.sep });
    try {
        const analysis = analyzeLayout(index, options);
        const to = options.to ?? defaultTarget(analysis.layout);
        const plan = planConversion(analysis, to);
        // Provenance describes the output, so the input's own scanconv.* keys are replaced, not merged.
        const metadata = { ...withProvenance(index.metadata, plan), [META.version]: VERSION };
        let bytes;
        if (options.shardSize !== undefined) {
            const shards = planShards(output, plan.outputs, options.shardSize);
            for (const f of [...shards.files, shards.index ?? output]) {
                if ((index.files ?? [input]).some((i) => samePath(i, f)))
                    throw new UsageError(`output ${f} is one of the input's files; write elsewhere`, 'OUTPUT_IS_INPUT');
                if (fs.existsSync(f) && !options.force)
                    throw new UsageError(`output ${f} exists; pass --force to overwrite it`, 'OUTPUT_EXISTS');
            }
            bytes = await writeSharded(shards, metadata, options.onProgress);
        }
        else {
            bytes = await writeCheckpoint(output, format, plan.outputs, metadata, index.sep, options.onProgress);
        }
        return { from: plan.from, to, layers: plan.layers, depths: depthsRecord(plan.depths), tensors: plan.outputs.length, bytes, seconds: (performance.now() - started) / 1000, output };
    }
    finally {
        index.close();
    }
}
