/** Library entry for `scanconv inspect`: what a checkpoint holds and which layout it is in. */
import fs from 'node:fs';
import { BlockSizeUnknownError, LayoutError } from './errors.js';
import { numel } from './format/dtype.js';
import { openCheckpoint } from './format/open.js';
import { modelDirCheckpoint } from './format/modelDir.js';
import { analyzeLayout } from './layout/analyze.js';
export function inspect(file, options = {}) {
    const index = openCheckpoint(file, { sep: options.sep, optimizerState: options.optimizerState });
    try {
        const parameters = {};
        let tensorBytes = 0;
        for (const t of index.tensors.values()) {
            parameters[t.dtype] = (parameters[t.dtype] ?? 0) + numel(t.shape);
            tensorBytes += t.byteLength;
        }
        const files = [...(index.files ?? [index.path])];
        const report = {
            path: file,
            read: index.path,
            notRead: fs.statSync(file).isDirectory() ? modelDirCheckpoint(file).notRead : [],
            format: index.format,
            files,
            fileBytes: files.reduce((s, f) => s + fs.statSync(f).size, 0),
            sep: index.sep,
            layout: 'unknown',
            layers: 0,
            groups: [],
            tensors: index.tensors.size,
            parameters,
            tensorBytes,
            metadata: { ...index.metadata },
            ...(index.storage ? { storage: { ...index.storage } } : {}),
        };
        try {
            const a = analyzeLayout(index, options);
            const join = (parts) => parts.join(index.sep);
            report.layout = a.layout;
            report.layers = a.layers;
            const depthOf = (parent) => a.depths.get(join(parent)) ?? 0;
            if (a.layout === 'scan')
                report.axis = a.options.axis;
            for (const g of a.layerGroups) {
                const first = g.layers[0].segment;
                const range = first.replace(/\d+/, `{0..${g.layers.length - 1}}`);
                report.groups.push({ where: join([...g.parent, range]), kind: 'layers', layers: g.layers.length, tensorsPerLayer: g.leaves.length });
            }
            for (const g of a.stackGroups) {
                report.groups.push({ where: join([...g.parent, g.name]), kind: 'stack', layers: depthOf(g.parent), tensorsPerLayer: g.leaves.length });
            }
            for (const b of a.blocks) {
                const stacked = b.form === 'blocks';
                const count = stacked ? b.size : b.depth;
                const node = stacked ? [...b.parent, a.options.stack] : b.parent;
                const range = a.naming.namer(node)(0).replace(/\d+/, `{0..${count - 1}}`);
                const summary = { where: join([...node, range]), kind: stacked ? 'blocks' : 'layers', layers: b.depth, tensorsPerLayer: b.leaves[0].length, blockSize: b.size };
                // A pyloop group of blocks that all hold the same tensors is listed above already, without its K.
                const listed = report.groups.find((g) => g.kind === 'layers' && g.where === summary.where);
                if (listed)
                    listed.blockSize = b.size;
                else
                    report.groups.push(summary);
            }
        }
        catch (err) {
            if (!(err instanceof LayoutError))
                throw err;
            report.layoutProblem = err.message;
            if (err.code === 'NEED_NUM_LAYERS')
                report.layout = 'shared';
            // A valid per-layer tree whose block size only the user knows: pyloop, as check says.
            if (err instanceof BlockSizeUnknownError) {
                report.layout = 'pyloop';
                report.layers = err.layers;
                report.repeatsEvery = err.repeatsEvery;
            }
        }
        return report;
    }
    finally {
        index.close();
    }
}
