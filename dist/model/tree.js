/**
 * Where a model form finds its weights, as TensorRefs (no tfjs here, so the main thread can
 * detect the model without loading tfjs). The pyloop, scan and shared forms differ ONLY here:
 *  - pyloop reads `layer_i.<path>`,
 *  - scan slices index i of the stacked `blocks.<path>` on the stacking axis (read lazily: one
 *    layer's bytes at a time, so a checkpoint larger than memory can still be run),
 *  - shared reads the one `blocks.<path>` for every layer.
 * A checkpoint in another layout is converted in memory (a plan of byte pieces, no copy).
 */
import { LayoutError } from '../errors.js';
import { outputAsRef } from '../format/stream.js';
import { unstackTensor } from '../layout/pieces.js';
import { carriedOptions, convertedIndex } from '../layout/plan.js';
import { analyzeLayout } from '../layout/analyze.js';
export function modelTree(index, form, options = {}) {
    let analysis = analyzeLayout(index, options);
    if (analysis.layout !== form) {
        analysis = analyzeLayout(convertedIndex(index, analysis, form), { ...options, ...carriedOptions(analysis) });
    }
    const { sep } = analysis;
    const groups = form === 'pyloop' ? analysis.layerGroups : analysis.stackGroups;
    // MaxText's blocks run as K kinds of layer: no model form here computes them stacked, nor per layer when the kinds differ.
    if (analysis.blocks.length && !groups.length) {
        throw new LayoutError(`${index.path}: ${analysis.blocks[0].parent.join(sep)} holds MaxText's blocks of ${analysis.blocks[0].size} layers, which the model forms run only per layer and only when every block holds the same tensors; compare them with verify --params-only`, 'MANY_GROUPS');
    }
    if (groups.length !== 1) {
        throw new LayoutError(`${index.path}: models run one repeated block, but found ${groups.length} (${groups.map((g) => g.parent.join(sep) || '(root)').join(', ')})`, 'MANY_GROUPS');
    }
    const parent = groups[0].parent;
    const missing = (...path) => {
        throw new LayoutError(`${index.path}: missing parameter ${[...parent, ...path].join(sep)}`, 'MISSING_PARAM');
    };
    const missingTensor = (name) => {
        throw new LayoutError(`${index.path}: missing parameter ${name}`, 'MISSING_PARAM');
    };
    const globalRefs = new Map();
    for (const ref of analysis.carried) {
        const path = ref.name.split(sep);
        if (parent.every((seg, i) => path[i] === seg))
            globalRefs.set(path.slice(parent.length).join('.'), ref);
    }
    const carried = new Map(analysis.carried.map((r) => [r.name, r]));
    const common = {
        form,
        carriedLeaves: new Map([...carried].map(([k, r]) => [k, r.shape])),
        carriedRef: (name) => carried.get(name) ?? missingTensor(name),
        globalLeaves: new Map([...globalRefs].map(([k, r]) => [k, r.shape])),
        globalRef: (path) => globalRefs.get(path.join('.')) ?? missing(...path),
    };
    if (form === 'pyloop') {
        const g = analysis.layerGroups[0];
        const slot = new Map(g.leaves.map((rel, j) => [rel.join('.'), j]));
        return {
            ...common,
            layers: g.layers.length,
            layerLeaves: new Map(g.leaves.map((rel, j) => [rel.join('.'), g.layers[0].refs[j].shape])),
            layerLeafName: (path) => [...parent, g.layers[0].segment, ...path.split('.')].join(sep),
            layerRef: (i, path) => {
                const j = slot.get(path.join('.'));
                return j === undefined ? missing(g.layers[i].segment, ...path) : g.layers[i].refs[j];
            },
        };
    }
    const g = analysis.stackGroups[0];
    const byPath = new Map(g.leaves.map((l) => [l.rel.join('.'), l.ref]));
    const axis = analysis.options.axis;
    const perLayerShape = (ref) => (form === 'scan' ? [...ref.shape.slice(0, axis), ...ref.shape.slice(axis + 1)] : ref.shape);
    return {
        ...common,
        layers: analysis.depths.get(parent.join(sep)),
        layerLeaves: new Map(g.leaves.map((l) => [l.rel.join('.'), perLayerShape(l.ref)])),
        layerLeafName: (path) => byPath.get(path)?.name ?? [...parent, g.name, ...path.split('.')].join(sep),
        layerRef: (i, path) => {
            const ref = byPath.get(path.join('.')) ?? missing(g.name, ...path);
            return form === 'scan' ? outputAsRef(unstackTensor(ref.name, ref, axis, i)) : ref;
        },
    };
}
