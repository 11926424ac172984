/**
 * Library entry for `scanconv convert`: open -> analyse -> plan -> write, atomically. A model
 * directory (convertTarget.ts) is written the same way: every file of it put in place together
 * (`commitAll`), the directory's other checkpoint forms removed with the commit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { formatFromPath, openCheckpoint, writeCheckpoint } from './format/open.js';
import { planShards, writeSharded } from './format/sharded.js';
import { commitAll, writeAtomically } from './format/atomic.js';
import { describeForms, otherForms, readSmallFile } from './format/modelDir.js';
import { META, planConversion, withProvenance } from './layout/plan.js';
import { analyzeLayout } from './layout/analyze.js';
import { assertReadsBack } from './layout/readBack.js';
import { withAbortSignal } from './format/unfinished.js';
import { checkConvertOptions } from './convertOptions.js';
import { checkOutputs, guardInputs, sweepOutputDirs } from './outputs.js';
import { planTarget } from './convertTarget.js';
import { checkOrbaxOptions, checkOrbaxOutput, MAXTEXT_SCAN_AXIS, writeOrbax } from './format/orbax/orbaxWriter.js';
import { VERSION } from './version.js';
import { writePlanned, writeScattered } from './format/scatter.js';
import { msgpackLayout } from './format/msgpackWriter.js';
import { decodeThreadsFor } from './format/orbax/decodePool.js';
/** A model directory that holds another checkpoint form: writing beside it would leave two. */
export class OtherCheckpointError extends UsageError {
    dir;
    others;
    writing;
    constructor(dir, others, writing, flag = 'force: true') {
        super(`${dir} already holds ${describeForms(others)}; writing ${writing} beside it would leave two checkpoints that disagree; pass ${flag} to replace it (those files are removed)`, 'OTHER_CHECKPOINT');
        this.dir = dir;
        this.others = others;
        this.writing = writing;
    }
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
const identity = (f) => {
    const s = fs.statSync(f, { throwIfNoEntry: false });
    return s ? `${s.dev}:${s.ino}` : undefined;
};
/** The other forms the write replaces: refused when one is read by this run, or without `force`. */
function formsToRetire(weights, written, inputs, force) {
    const others = otherForms(path.dirname(weights), written);
    if (!others.length)
        return others;
    const read = new Set(inputs.map(identity));
    const input = others.find((f) => read.has(identity(f)));
    if (input)
        throw new UsageError(`${input} is part of the input; writing ${path.basename(weights)} beside it would leave ${path.dirname(weights)} with two checkpoints; write to another directory`, 'OUTPUT_IS_INPUT');
    if (!force)
        throw new OtherCheckpointError(path.dirname(weights), others, path.basename(weights));
    return others;
}
/** Create the output directory (its parent must exist); returns whether it was created here. */
function makeDirectory(dir) {
    if (fs.existsSync(dir))
        return false;
    const parent = path.dirname(path.resolve(dir));
    if (!fs.statSync(parent, { throwIfNoEntry: false })?.isDirectory())
        throw new UsageError(`cannot write directory ${dir}: directory ${parent} does not exist`, 'NO_OUTPUT_DIR');
    fs.mkdirSync(dir);
    return true;
}
export async function convert(input, output, options = {}) {
    const started = performance.now();
    // Like the command line's flags, before anything is read or written.
    checkConvertOptions(options);
    // The input first: a missing input is the error to report, whatever the output's state.
    const index = openCheckpoint(input, { sep: options.sep, optimizerState: options.optimizerState });
    const inputs = index.files ?? [index.path];
    const release = guardInputs(inputs);
    let created = false;
    try {
        if ((options.format ?? formatFromPath(output)) === 'orbax')
            return await convertToOrbax(index, [...inputs]);
        if (options.zstdLevel !== undefined || options.chunkBytes !== undefined || options.compressThreads !== undefined) {
            throw new UsageError('--zstd-level, --chunk-size and --compress-threads apply to --format orbax output only', 'ORBAX_OPTION');
        }
        const target = planTarget(input, index, output, options);
        const copies = target.companions.copy.map((from) => ({ from, to: path.join(target.directory ?? '.', path.basename(from)) }));
        const planned = (files) => files.map((file) => ({ file, label: 'output', replace: options.force === true }));
        if (target.shardSize === undefined && !target.directory)
            checkOutputs(planned([target.weights]), inputs);
        const analysis = analyzeLayout(index, options);
        const to = options.to ?? defaultTarget(analysis.layout);
        const plan = planConversion(analysis, to);
        assertReadsBack(index, analysis, plan);
        // Provenance describes the output, so the input's own scanconv.* keys are replaced, not merged.
        const withMeta = withProvenance(index.metadata, plan);
        const metadata = options.provenance === false ? withProvenance(index.metadata, { metadata: {} }) : { ...withMeta, [META.version]: VERSION };
        const shards = target.shardSize !== undefined ? planShards(target.weights, plan.outputs, target.shardSize) : undefined;
        const written = shards ? (shards.index ? [...shards.files, shards.index] : shards.files) : [target.weights];
        if (target.directory)
            created = makeDirectory(target.directory);
        checkOutputs(planned([...written, ...copies.map((c) => c.to)]), [...inputs, ...copies.map((c) => c.from)]);
        const retire = target.format === 'json' ? [] : formsToRetire(target.weights, written, inputs, options.force === true);
        const staleTemps = sweepOutputDirs(written);
        let bytes;
        if (target.format === 'json')
            bytes = await withAbortSignal(options.signal, () => writeCheckpoint(target.weights, 'json', plan.outputs, metadata, index.sep, options.onProgress));
        else {
            const group = [];
            // Orbax output took its own path (convertToOrbax) before the target was planned.
            const format = target.format;
            try {
                bytes = await withAbortSignal(options.signal, async () => {
                    // From Orbax, chunk by chunk: each chunk decoded once, its pieces written where they go (scatter.ts).
                    const scatter = { onProgress: options.onProgress, decodeThreads: options.decodeThreads ?? decodeThreadsFor(index.tensors.values()) };
                    const fromOrbax = index.format === 'orbax';
                    let n;
                    if (fromOrbax && format === 'safetensors')
                        n = await writeScattered(shards ?? { files: [target.weights], groups: [[...plan.outputs]] }, metadata, scatter, group);
                    else if (fromOrbax && format === 'msgpack' && !shards)
                        n = await writePlanned([{ path: target.weights, segments: msgpackLayout(plan.outputs, index.sep) }], scatter, group);
                    else if (shards)
                        n = await writeSharded(shards, metadata, options.onProgress, group);
                    else
                        n = await writeCheckpoint(target.weights, format, plan.outputs, metadata, index.sep, options.onProgress, group);
                    for (const c of copies)
                        await writeAtomically(c.to, (f) => f.write(readSmallFile(c.from)), group);
                    return n;
                });
                commitAll(group, retire);
            }
            catch (e) {
                for (const f of group)
                    f.abort();
                throw e;
            }
        }
        created = false;
        return result(plan, to, bytes, target.directory ?? output, written, copies.map((c) => c.to), target.companions.skipped, retire, staleTemps);
    }
    finally {
        release();
        index.close();
        // A directory made for an output that never came is removed again (only while empty).
        if (created) {
            try {
                fs.rmdirSync(output);
            }
            catch {
                /* not empty: another process wrote there meanwhile; left as it is */
            }
        }
    }
    /** An Orbax checkpoint directory (OCDBT + zarr v3), put in place at once by its writer. */
    async function convertToOrbax(index, inputs) {
        checkOrbaxOptions(options.zstdLevel, options.chunkBytes);
        checkOrbaxOutput(output, inputs, options.force === true);
        const analyzed = analyzeLayout(index, options);
        const to = options.to ?? defaultTarget(analyzed.layout);
        // Orbax output is for MaxText: layers stacked on its param_scan_axis unless --axis says otherwise.
        const stackOnMaxText = analyzed.layout === 'pyloop' && to === 'scan' && options.axis === undefined;
        const analysis = stackOnMaxText ? { ...analyzed, options: { ...analyzed.options, axis: MAXTEXT_SCAN_AXIS } } : analyzed;
        const plan = planConversion(analysis, to);
        assertReadsBack(index, analysis, plan);
        const metadata = options.provenance === false ? withProvenance(index.metadata, { metadata: {} }) : { ...withProvenance(index.metadata, plan), [META.version]: VERSION };
        const staleTemps = sweepOutputDirs([output]);
        const bytes = await withAbortSignal(options.signal, () => writeOrbax(output, plan.outputs, metadata, index.sep, {
            force: options.force,
            zstdLevel: options.zstdLevel,
            chunkBytes: options.chunkBytes,
            onProgress: options.onProgress,
            compressThreads: options.compressThreads,
            // From Orbax: staged decoded first, each chunk decoded once (staging.ts).
            stage: index.format === 'orbax' ? { decodeThreads: options.decodeThreads ?? decodeThreadsFor(index.tensors.values()) } : undefined,
        }));
        return result(plan, to, bytes, output, [output], [], [], [], staleTemps);
    }
    function result(plan, to, bytes, out, files, copied, notCopied, removed, staleTemps) {
        return { from: plan.from, to, layers: plan.layers, depths: depthsRecord(plan.depths), tensors: plan.outputs.length, bytes, seconds: (performance.now() - started) / 1000, output: out, files, copied, notCopied, removed, staleTemps };
    }
}
