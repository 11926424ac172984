/**
 * Which layout a checkpoint is in, and the plan that turns it into another: a list of
 * OutputTensors (name, dtype, shape, source pieces) that any writer can stream.
 */
import { LayoutError } from '../errors.js';
import { copyOf, outputAsRef } from '../format/stream.js';
import { compileLayerPattern, DEFAULT_LAYER_PATTERN, DEFAULT_STACK, findStacks, groupLayers, stackDepth } from './groups.js';
import { layerNamer } from './naming.js';
import { stackTensors, unstackTensor } from './pieces.js';
import { assertIdentical } from './identical.js';
export const LAYOUTS = ['pyloop', 'scan', 'shared'];
/** Metadata keys scanconv writes so the reverse conversion needs no flags. */
export const META = {
    version: 'scanconv.version',
    layout: 'scanconv.layout',
    stack: 'scanconv.stack',
    axis: 'scanconv.axis',
    pattern: 'scanconv.layer_pattern',
    layers: 'scanconv.layers',
};
/** Options given explicitly win; then what the checkpoint's own provenance says; then defaults. */
export function resolveOptions(metadata, given) {
    const metaAxis = metadata[META.axis] !== undefined ? Number(metadata[META.axis]) : undefined;
    const metaLayers = metadata[META.layers] !== undefined ? Number(metadata[META.layers]) : undefined;
    return {
        layerPattern: given.layerPattern ?? metadata[META.pattern] ?? DEFAULT_LAYER_PATTERN,
        stack: given.stack ?? metadata[META.stack] ?? DEFAULT_STACK,
        axis: given.axis ?? (Number.isInteger(metaAxis) ? metaAxis : 0),
        numLayers: given.numLayers ?? (Number.isInteger(metaLayers) ? metaLayers : undefined),
        from: given.from ?? (metadata[META.layout] === 'shared' ? 'shared' : undefined),
    };
}
export function analyzeLayout(index, given = {}) {
    const options = resolveOptions(index.metadata, given);
    const { sep } = index;
    const pattern = compileLayerPattern(options.layerPattern);
    const layerGroups = groupLayers(index.tensors, sep, pattern);
    const stackGroups = findStacks(index.tensors, sep, options.stack);
    const where = (parent) => (parent.length ? parent.join(sep) : '(root)');
    if (layerGroups.length && stackGroups.length) {
        throw new LayoutError(`${index.path}: found both layer children matching ${options.layerPattern} (under ${where(layerGroups[0].parent)}) and a "${options.stack}" node (under ${where(stackGroups[0].parent)}); convert one part at a time or rename with --layers/--stack`, 'AMBIGUOUS_LAYOUT');
    }
    if (!layerGroups.length && !stackGroups.length) {
        throw new LayoutError(`${index.path}: found no children matching ${options.layerPattern} and no "${options.stack}" node; name them with --layers REGEX or --stack NAME`, 'NO_LAYOUT');
    }
    const inGroups = new Set([...layerGroups.flatMap((g) => g.layers.flatMap((l) => l.refs)), ...stackGroups.flatMap((g) => g.leaves.map((l) => l.ref))]);
    const carried = [...index.tensors.values()].filter((r) => !inGroups.has(r));
    const layout = options.from ?? (layerGroups.length ? 'pyloop' : 'scan');
    if (layout === 'pyloop' && !layerGroups.length) {
        throw new LayoutError(`${index.path}: --from pyloop, but no children match ${options.layerPattern}`, 'NO_LAYOUT');
    }
    if (layout !== 'pyloop' && !stackGroups.length) {
        throw new LayoutError(`${index.path}: --from ${layout}, but there is no "${options.stack}" node`, 'NO_LAYOUT');
    }
    let layers;
    if (layout === 'pyloop') {
        layers = layerGroups[0].layers.length;
    }
    else if (layout === 'shared') {
        if (options.numLayers === undefined) {
            throw new LayoutError(`${index.path}: a shared checkpoint applies one set of weights L times, and L is not in its metadata (${META.layers}); pass --num-layers L`, 'NEED_NUM_LAYERS');
        }
        layers = options.numLayers;
    }
    else {
        layers = stackDepth(stackGroups[0], options.axis);
        for (const g of stackGroups.slice(1))
            stackDepth(g, options.axis);
    }
    return { layout, layers, layerGroups, stackGroups, carried, options, sep };
}
/** Plan the conversion of an analysed checkpoint to `to`. */
export function planConversion(a, to) {
    const { sep, options, layers } = a;
    const join = (...parts) => parts.flat().join(sep);
    const outputs = a.carried.map((r) => copyOf(r));
    // Same layout: a format change only (msgpack -> safetensors, sharded -> single...), every tensor copied.
    if (a.layout === to) {
        for (const g of a.layerGroups)
            for (const l of g.layers)
                for (const r of l.refs)
                    outputs.push(copyOf(r));
        for (const g of a.stackGroups)
            for (const { ref } of g.leaves)
                outputs.push(copyOf(ref));
    }
    const namer = to === 'pyloop' && a.layout !== 'pyloop' ? layerNamer(options.layerPattern) : undefined;
    for (const leaf of a.layout === to ? [] : blockLeaves(a)) {
        const stackName = join(leaf.parent, [options.stack], leaf.rel);
        const layerName = (i) => join(leaf.parent, [namer(i)], leaf.rel);
        const { source } = leaf;
        if (to === 'scan') {
            const rank = (source.kind === 'layers' ? source.refs[0] : source.ref).shape.length;
            if (options.axis > rank) {
                const name = source.kind === 'layers' ? source.refs[0].name : source.ref.name;
                throw new LayoutError(`${name}: has rank ${rank}, so it cannot be stacked on axis ${options.axis} (--axis)`, 'AXIS_OUT_OF_RANGE');
            }
            const refs = source.kind === 'layers' ? source.refs : Array.from({ length: layers }, () => source.ref);
            outputs.push(stackTensors(stackName, refs, options.axis));
        }
        else if (to === 'pyloop') {
            if (source.kind === 'layers')
                throw new Error('unreachable: pyloop -> pyloop copies every tensor above');
            for (let i = 0; i < layers; i++) {
                outputs.push(source.kind === 'stacked' ? unstackTensor(layerName(i), source.ref, options.axis, i) : copyOf(source.ref, layerName(i)));
            }
        }
        else if (source.kind === 'layers') {
            assertIdentical(source.refs, (i) => source.refs[i].name);
            outputs.push(copyOf(source.refs[0], stackName));
        }
        else {
            const slices = Array.from({ length: layers }, (_, i) => outputAsRef(unstackTensor(source.ref.name, source.ref, options.axis, i)));
            assertIdentical(slices, (i) => `${source.ref.name} (layer ${i} on axis ${options.axis})`);
            outputs.push(unstackTensor(stackName, source.ref, options.axis, 0));
        }
    }
    outputs.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (let i = 1; i < outputs.length; i++) {
        if (outputs[i].name === outputs[i - 1].name) {
            throw new LayoutError(`${outputs[i].name}: the converted checkpoint would hold this key twice; choose another --stack name`, 'NAME_CLASH');
        }
    }
    const metadata = { [META.layout]: to, [META.layers]: String(layers), [META.stack]: options.stack, [META.pattern]: options.layerPattern };
    if (to === 'scan')
        metadata[META.axis] = String(options.axis);
    return { from: a.layout, to, layers, outputs, metadata };
}
/** The checkpoint as it would be after conversion, without writing it (refs over byte pieces). */
export function convertedIndex(index, analysis, to) {
    const plan = planConversion(analysis, to);
    const tensors = new Map(plan.outputs.map((o) => [o.name, outputAsRef(o)]));
    return { ...index, tensors, metadata: { ...index.metadata, ...plan.metadata } };
}
/** Layout options that reproduce `analysis` on its converted form. */
export function carriedOptions(analysis) {
    const { layerPattern, stack, axis } = analysis.options;
    return { layerPattern, stack, axis, numLayers: analysis.layers, from: undefined };
}
/**
 * Per-layer tensors of every leaf of the block, keyed by the leaf's scan-layout name
 * (`params.blocks.Dense_0.kernel`) whatever the layout: stacked leaves are sliced lazily.
 */
export function blockLeafRefs(a) {
    const out = new Map();
    for (const { parent, rel, source } of blockLeaves(a)) {
        const key = [...parent, a.options.stack, ...rel].join(a.sep);
        const refs = source.kind === 'layers'
            ? [...source.refs]
            : Array.from({ length: a.layers }, (_, i) => (source.kind === 'stacked' ? outputAsRef(unstackTensor(source.ref.name, source.ref, a.options.axis, i)) : source.ref));
        out.set(key, { refs });
    }
    return out;
}
/** Every leaf of the repeated block, with where its per-layer values come from. */
function blockLeaves(a) {
    if (a.layout === 'pyloop') {
        return a.layerGroups.flatMap((g) => g.leaves.map((rel, j) => ({ parent: g.parent, rel, source: { kind: 'layers', refs: g.layers.map((l) => l.refs[j]) } })));
    }
    const kind = a.layout === 'scan' ? 'stacked' : 'shared';
    return a.stackGroups.flatMap((g) => g.leaves.map(({ rel, ref }) => ({ parent: g.parent, rel, source: { kind, ref } })));
}
