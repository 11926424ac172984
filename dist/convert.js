/**
 * Library entry for `scanconv convert`: open -> analyse -> plan -> write, atomically.
 */
import path from 'node:path';
import { UsageError } from './errors.js';
import { formatFromPath, openCheckpoint, writeCheckpoint, WRITABLE_FORMATS } from './format/open.js';
import { planShards, writeSharded } from './format/sharded.js';
import { META, planConversion, withProvenance } from './layout/plan.js';
import { analyzeLayout } from './layout/analyze.js';
import { assertReadsBack } from './layout/readBack.js';
import { checkOutputs, guardInputs, sweepOutputDirs } from './outputs.js';
import { VERSION } from './version.js';
/** The output format, checked before any work. */
function outputFormat(output, options) {
    const format = options.format ?? formatFromPath(output);
    if (options.shardSize !== undefined && format !== 'safetensors')
        throw new UsageError('--shard-size applies to safetensors output only', 'SHARDS_NEED_SAFETENSORS');
    if (!format) {
        throw new UsageError(`cannot tell the output format from "${path.extname(output) || output}"; use .safetensors, .msgpack or .json, or pass --format ${WRITABLE_FORMATS.join('|')}`, 'UNKNOWN_FORMAT');
    }
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
    // The input first: a missing input is the error to report, whatever the output's state.
    const index = openCheckpoint(input, { sep: options.sep });
    const release = guardInputs(index.files ?? [input]);
    try {
        const format = outputFormat(output, options);
        const inputs = index.files ?? [input];
        const planned = (files) => files.map((file) => ({ file, label: 'output', replace: options.force === true }));
        if (options.shardSize === undefined)
            checkOutputs(planned([output]), inputs);
        const analysis = analyzeLayout(index, options);
        const to = options.to ?? defaultTarget(analysis.layout);
        const plan = planConversion(analysis, to);
        assertReadsBack(index, analysis, plan);
        // Provenance describes the output, so the input's own scanconv.* keys are replaced, not merged.
        const metadata = { ...withProvenance(index.metadata, plan), [META.version]: VERSION };
        let bytes;
        let written;
        if (options.shardSize !== undefined) {
            const shards = planShards(output, plan.outputs, options.shardSize);
            written = shards.index ? [...shards.files, shards.index] : shards.files;
            checkOutputs(planned(written), inputs);
            const staleTemps = sweepOutputDirs(written);
            bytes = await writeSharded(shards, metadata, options.onProgress);
            return result(plan, to, bytes, written, staleTemps);
        }
        written = [output];
        const staleTemps = sweepOutputDirs(written);
        bytes = await writeCheckpoint(output, format, plan.outputs, metadata, index.sep, options.onProgress);
        return result(plan, to, bytes, written, staleTemps);
    }
    finally {
        release();
        index.close();
    }
    function result(plan, to, bytes, files, staleTemps) {
        return { from: plan.from, to, layers: plan.layers, depths: depthsRecord(plan.depths), tensors: plan.outputs.length, bytes, seconds: (performance.now() - started) / 1000, output, files, staleTemps };
    }
}
