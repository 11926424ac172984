/**
 * The plan that turns an analysed checkpoint (analyze.ts) into another layout: a list of
 * OutputTensors (name, dtype, shape, source pieces) that any writer can stream.
 */
import { LayoutError } from '../errors.js';
import { copyOf, outputAsRef } from '../format/stream.js';
import { canonicalPattern, DEFAULT_LAYER_PATTERN, invertPattern } from './naming.js';
import { defaultNamesMatch, formatDepths, META } from './metadata.js';
import { stackTensors, unstackTensor } from './pieces.js';
import { assertIdentical } from './identical.js';
import { blocksUniform, planBlocks, planLayers } from './blocks.js';
import { layerCount } from './analyze.js';
export { META, MAX_LAYERS } from './metadata.js';
/**
 * Most tensors a conversion may plan (each planned tensor is an object in memory before the
 * first byte is written); a real checkpoint has thousands. Larger plans come from a layer count
 * nothing in the file backs (a zero-size or shared stack), and are refused.
 */
export const MAX_OUTPUT_TENSORS = 1_000_000;
/** Plan the conversion of an analysed checkpoint to `to`. */
export function planConversion(a, to) {
    if (a.blocks.length)
        return planBlockConversion(a, to);
    const { sep, options } = a;
    const join = (...parts) => parts.flat().join(sep);
    const leaves = a.layout === to ? [] : blockLeaves(a);
    // Count before building anything per layer: a depth no bytes back (zero-size or shared) cannot exhaust memory.
    const inGroups = a.layerGroups.reduce((n, g) => n + g.layers.length * g.leaves.length, 0) + a.stackGroups.reduce((n, g) => n + g.leaves.length, 0);
    const planned = a.carried.length + (a.layout === to ? inGroups : leaves.reduce((n, l) => n + (to === 'pyloop' ? l.depth : 1), 0));
    if (planned > MAX_OUTPUT_TENSORS) {
        throw new LayoutError(`the ${to} form would hold ${planned} tensors (${layerCount(a.depths.values())} layers), more than the ${MAX_OUTPUT_TENSORS} scanconv plans at once`, 'TOO_MANY_TENSORS');
    }
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
    const namers = new Map();
    const namerFor = (parent) => {
        const k = parent.join(sep);
        let n = namers.get(k);
        if (!n)
            namers.set(k, (n = a.naming.namer(parent)));
        return n;
    };
    for (const { parent, rel, depth, source } of leaves) {
        const stackName = join(parent, [options.stack], rel);
        if (to === 'scan') {
            const rank = (source.kind === 'layers' ? source.refs[0] : source.ref).shape.length;
            if (options.axis > rank) {
                const name = source.kind === 'layers' ? source.refs[0].name : source.ref.name;
                throw new LayoutError(`${name}: has rank ${rank}, so it cannot be stacked on axis ${options.axis} (--axis)`, 'AXIS_OUT_OF_RANGE');
            }
            const refs = source.kind === 'layers' ? source.refs : Array.from({ length: depth }, () => source.ref);
            outputs.push(stackTensors(stackName, refs, options.axis));
        }
        else if (to === 'pyloop') {
            if (source.kind === 'layers')
                throw new Error('unreachable: pyloop -> pyloop copies every tensor above');
            const name = namerFor(parent);
            for (let i = 0; i < depth; i++) {
                const layerName = join(parent, [name(i)], rel);
                outputs.push(source.kind === 'stacked' ? unstackTensor(layerName, source.ref, options.axis, i) : copyOf(source.ref, layerName));
            }
        }
        else if (source.kind === 'layers') {
            assertIdentical(source.refs, (i) => source.refs[i].name);
            outputs.push(copyOf(source.refs[0], stackName));
        }
        else {
            const slices = Array.from({ length: depth }, (_, i) => outputAsRef(unstackTensor(source.ref.name, source.ref, options.axis, i)));
            assertIdentical(slices, (i) => `${source.ref.name} (layer ${i} on axis ${options.axis})`);
            outputs.push(unstackTensor(stackName, source.ref, options.axis, 0));
        }
    }
    return finishPlan(a, to, outputs);
}
/** Sorted outputs (a key planned twice refused) and the provenance that describes them. */
function finishPlan(a, to, outputs) {
    const { sep, options } = a;
    outputs.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (let i = 1; i < outputs.length; i++) {
        if (outputs[i].name === outputs[i - 1].name) {
            throw new LayoutError(`${outputs[i].name}: the converted checkpoint would hold this key twice; choose another --stack name`, 'NAME_CLASH');
        }
    }
    const metadata = { [META.layout]: to, [META.layers]: formatDepths(a.depths), [META.stack]: options.stack };
    const pattern = recordedPattern(a);
    if (pattern !== undefined)
        metadata[META.pattern] = pattern;
    // Unstacked layers remember the axis they came from, so scanning them back without flags puts
    // them there again (MaxText's axis 1 included), not on the default axis 0.
    if (to === 'scan' || a.layout === 'scan')
        metadata[META.axis] = String(options.axis);
    // Blocks unscanned remember K, so scanning them back needs no --block-size.
    if (a.blocks.length && options.blockSize !== undefined)
        metadata[META.blockSize] = String(options.blockSize);
    if (sep !== '.')
        metadata[META.sep] = sep;
    return { from: a.layout, to, layers: a.layers, depths: a.depths, outputs, metadata };
}
/** MaxText's blocks of layers: unscanned to `layers_N`, scanned back into blocks, or copied in their own layout. */
function planBlockConversion(a, to) {
    if (to === 'shared') {
        throw new LayoutError(`the shared layout holds one layer's weights, and ${a.blocks[0].parent.join(a.sep)} holds blocks of ${a.blocks[0].size} different layers; convert to pyloop or scan`, 'BLOCKS_NOT_SHARED');
    }
    // Count first, as above: the depth, not the bytes, sets how many tensors a plan builds.
    const perBlockLayer = (b) => b.leaves.reduce((n, l, J) => n + l.length * (b.scanLength + (J < b.depth - b.scanLength * b.size ? 1 : 0)), 0);
    const planned = a.carried.length + a.blocks.reduce((n, b) => n + (a.layout === to ? b.refs.length : to === 'pyloop' ? perBlockLayer(b) : b.refs.length / Math.max(1, b.scanLength)), 0);
    if (planned > MAX_OUTPUT_TENSORS) {
        throw new LayoutError(`the ${to} form would hold ${Math.ceil(planned)} tensors (${layerCount(a.depths.values())} layers), more than the ${MAX_OUTPUT_TENSORS} scanconv plans at once`, 'TOO_MANY_TENSORS');
    }
    const outputs = a.carried.map((r) => copyOf(r));
    for (const b of a.blocks) {
        // One at a time, not push(...many): hundreds of thousands of arguments overflow the stack.
        const ofBlock = a.layout === to ? b.refs.map((r) => copyOf(r)) : to === 'pyloop' ? planLayers(b, a.sep, a.naming) : planBlocks(b, a.sep, a.naming, a.options.stack, a.options.axis);
        for (const o of ofBlock)
            outputs.push(o);
    }
    return finishPlan(a, to, outputs);
}
/**
 * The layer pattern to record so the reverse conversion names the layers as they are now:
 * a --layers pattern in the one shape scanconv reads back (literal prefix/suffix around
 * `(\d+)`; any other is recorded as given, and reading it back asks for --layers rather than
 * compile it), and for the default rules nothing, unless a `layer_N` group sits under a node
 * whose default children are numeric.
 */
function recordedPattern(a) {
    if (a.naming.source === 'metadata')
        return a.naming.pattern;
    const given = a.options.layerPattern;
    if (given !== undefined) {
        if (!a.layerGroups.length) {
            // scan/shared -> pyloop: the layers are named from the pattern (layerNamer refuses one it cannot invert).
            try {
                const { prefix, suffix } = invertPattern(given);
                return canonicalPattern(prefix, suffix);
            }
            catch {
                return given;
            }
        }
        return givenBackPattern(a, given);
    }
    const off = a.layerGroups.filter((g) => !defaultNamesMatch(g.parent, g.layers.map((l) => l.segment)));
    if (!off.length)
        return undefined;
    const numeric = a.layerGroups.find((g) => g.layers[0].segment === '0');
    if (numeric) {
        const where = (g) => g.parent.join(a.sep) || '(root)';
        throw new LayoutError(`layer children are named ${off[0].layers[0].segment}… under ${where(off[0])} and ${numeric.layers[0].segment}… under ${where(numeric)}; one pattern must name every group: pass --layers REGEX, or convert one part at a time`, 'MIXED_NAMING');
    }
    return DEFAULT_LAYER_PATTERN;
}
/**
 * The pattern recorded for layers found with `--layers`: it must name every layer of every group
 * exactly as it is named now, or a conversion back would rename tensors (`^\w_(\d+)$` found
 * `a_0`, `a_1` and would have given back `w_0`, `w_1`). What cannot be given back is refused here,
 * before a byte is written, rather than recorded.
 */
function givenBackPattern(a, given) {
    const where = (g) => g.parent.join(a.sep) || '(root)';
    const refuse = (why) => {
        throw new LayoutError(`--layers ${JSON.stringify(given)}: ${why}, so converting back would rename layers; use a pattern with a literal prefix and suffix around one (\\d+) group that names every layer, e.g. ^layer_(\\d+)$`, 'NAMES_NOT_RECOVERABLE');
    };
    let inverse;
    try {
        inverse = invertPattern(given);
    }
    catch (e) {
        return refuse(e.message.replace(/^cannot derive layer names from --layers "(?:[^"\\]|\\.)*": /, ''));
    }
    const { prefix, suffix } = inverse;
    for (const g of a.layerGroups) {
        const off = g.layers.find((l) => l.segment !== `${prefix}${l.index}${suffix}`);
        if (off)
            refuse(`layer ${off.index} under ${where(g)} is named ${JSON.stringify(off.segment)}, and the pattern gives back ${JSON.stringify(`${prefix}${off.index}${suffix}`)}`);
    }
    return canonicalPattern(prefix, suffix);
}
/** The checkpoint's metadata with its own provenance replaced by the plan's: provenance describes the output. */
export function withProvenance(metadata, plan) {
    const kept = Object.fromEntries(Object.entries(metadata).filter(([k]) => !k.startsWith('scanconv.')));
    return { ...kept, ...plan.metadata };
}
/** The checkpoint as it would be after conversion, without writing it (refs over byte pieces). */
export function convertedIndex(index, analysis, to) {
    return plannedIndex(index, planConversion(analysis, to));
}
/** The index a plan's output will have once written (with its provenance metadata). */
export function plannedIndex(index, plan) {
    const tensors = new Map(plan.outputs.map((o) => [o.name, outputAsRef(o)]));
    return { ...index, tensors, metadata: withProvenance(index.metadata, plan) };
}
/**
 * Layout options that reproduce `analysis` on its converted form, whose metadata records the
 * depths and the pattern (a pattern from a file stays there: it is read back as plain strings).
 */
export function carriedOptions(analysis) {
    const { layerPattern, stack, axis, blockSize, blockSizeFrom } = analysis.options;
    const k = analysis.blocks.length ? { blockSize, blockSizeFrom } : { blockSize: undefined, blockSizeFrom: undefined };
    return { layerPattern: analysis.naming.source === 'flag' ? layerPattern : undefined, stack, axis, numLayers: undefined, from: undefined, ...k };
}
/**
 * Per-layer tensors of every leaf of the block, keyed by the leaf's scan-layout name
 * (`params.blocks.Dense_0.kernel`) whatever the layout: stacked leaves are sliced lazily.
 */
export function blockLeafRefs(a) {
    const out = new Map();
    if (a.blocks.length)
        return blocksLeafRefs(a);
    const leaves = blockLeaves(a);
    const perLayer = leaves.reduce((n, l) => n + l.depth, 0);
    if (perLayer > MAX_OUTPUT_TENSORS) {
        throw new LayoutError(`the block holds ${perLayer} per-layer tensors (${layerCount(a.depths.values())} layers), more than the ${MAX_OUTPUT_TENSORS} scanconv plans at once`, 'TOO_MANY_TENSORS');
    }
    for (const { parent, rel, depth, source } of leaves) {
        const key = [...parent, a.options.stack, ...rel].join(a.sep);
        const refs = source.kind === 'layers'
            ? [...source.refs]
            : Array.from({ length: depth }, (_, i) => (source.kind === 'stacked' ? outputAsRef(unstackTensor(source.ref.name, source.ref, a.options.axis, i)) : source.ref));
        out.set(key, { refs });
    }
    return out;
}
/** Every leaf of the repeated blocks, with its group's depth and where its per-layer values come from. */
function blockLeaves(a) {
    const depthOf = (parent) => a.depths.get(parent.join(a.sep));
    if (a.layout === 'pyloop') {
        return a.layerGroups.flatMap((g) => g.leaves.map((rel, j) => ({ parent: g.parent, rel, depth: g.layers.length, source: { kind: 'layers', refs: g.layers.map((l) => l.refs[j]) } })));
    }
    const kind = a.layout === 'scan' ? 'stacked' : 'shared';
    return a.stackGroups.flatMap((g) => g.leaves.map(({ rel, ref }) => ({ parent: g.parent, rel, depth: depthOf(g.parent), source: { kind, ref } })));
}
/**
 * blockLeafRefs for MaxText's blocks: by `parent.stack.rel` over all L layers when every block
 * holds the same tensors (so a plain scan or pyloop form compares with it), else by
 * `parent.stack.layers_J.rel` over the layers of block J.
 */
function blocksLeafRefs(a) {
    const out = new Map();
    const perLayer = a.blocks.reduce((n, b) => n + b.depth * b.leaves[0].length, 0);
    if (perLayer > MAX_OUTPUT_TENSORS) {
        throw new LayoutError(`the blocks hold ${perLayer} per-layer tensors (${layerCount(a.depths.values())} layers), more than the ${MAX_OUTPUT_TENSORS} scanconv plans at once`, 'TOO_MANY_TENSORS');
    }
    for (const b of a.blocks) {
        const uniform = blocksUniform(b);
        const blockName = a.naming.namer([...b.parent, a.options.stack]);
        for (let i = 0; i < b.depth; i++) {
            const J = i % b.size;
            const refs = b.layer(i);
            b.leaves[J].forEach((rel, j) => {
                const key = [...b.parent, a.options.stack, ...(uniform ? [] : [blockName(J)]), ...rel].join(a.sep);
                let entry = out.get(key);
                if (!entry)
                    out.set(key, (entry = { refs: [] }));
                entry.refs.push(refs[j]);
            });
        }
    }
    return out;
}
