/**
 * What every model-running command starts with: open the checkpoint, pick the two forms,
 * detect the model, and build form requests. Shared by verify, generate and profile.
 */
import { UsageError } from '../errors.js';
import { checkpointFile, openCheckpoint } from '../format/open.js';
import { analyzeLayout } from '../layout/analyze.js';
import { modelTree } from '../model/tree.js';
import { HfConfig } from '../model/config.js';
import { detectModel } from '../model/detect.js';
import { takesTokens } from '../model/spec.js';
import { resolveBackend } from './backend.js';
import { resolveHeads } from './inputs.js';
import { StagedCheckpoints } from '../format/orbax/stagedIndex.js';
export function otherForm(layout, against) {
    if (layout === 'shared')
        return against ?? 'pyloop';
    return layout === 'pyloop' ? 'scan' : 'pyloop';
}
/** `tokens`: the command runs token models only (generate). */
export async function openModel(checkpoint, options, need) {
    const backend = await resolveBackend(options.backend);
    const layout = { layerPattern: options.layerPattern, stack: options.stack, axis: options.axis, numLayers: options.numLayers, from: options.from };
    // An Orbax checkpoint is decoded once into a temporary safetensors file (stagedIndex.ts) that
    // the forms open: they read a scanned tensor layer by layer, which decodes each chunk once per
    // layer from the checkpoint itself.
    const staged = new StagedCheckpoints();
    let index = openCheckpoint(checkpoint, { sep: options.sep });
    try {
        let analysis = analyzeLayout(index, layout);
        // A model directory's config.json is inside it, beside its model file.
        const file = checkpointFile(checkpoint);
        const heads = resolveHeads(file, index.metadata, options.heads);
        const config = HfConfig.find(file, options.config);
        const spec = detectModel(modelTree(index, analysis.layout, layout), { model: options.model, heads, config });
        if (need && !takesTokens(spec))
            throw new UsageError(`this command decodes tokens, but ${checkpoint} holds the ${spec.kind} model, which takes hidden states`, 'WRONG_MODEL');
        // Staged only once the model is known: a checkpoint that cannot run is refused before minutes of decoding.
        const original = index;
        index = await staged.open(checkpoint, index);
        if (index !== original)
            analysis = analyzeLayout(index, layout);
        const opened = index;
        return {
            index,
            analysis,
            spec,
            forms: [analysis.layout, otherForm(analysis.layout, options.against)],
            layout,
            // --from describes the first checkpoint only; a second one is analysed on its own.
            request: (form, input, task, file = checkpoint) => ({ checkpoint: staged.fileFor(file), sep: options.sep, layout: file === checkpoint ? layout : { ...layout, from: undefined }, form, backend, spec, input, task }),
            openOther: async (other) => {
                const second = openCheckpoint(other, { sep: options.sep });
                try {
                    return await staged.open(other, second);
                }
                catch (e) {
                    second.close();
                    throw e;
                }
            },
            staging: staged.notes,
            close: () => {
                opened.close();
                staged.removeAll();
            },
        };
    }
    catch (e) {
        index.close();
        staged.removeAll();
        throw e;
    }
}
