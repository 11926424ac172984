/**
 * Which layout a checkpoint is in: its layer groups (layer children, or a stack node), each
 * group's depth, and the options that found them (given, else the file's validated provenance,
 * else defaults). plan.ts turns an analysis into a conversion plan.
 */
import { BlockSizeUnknownError, LayoutError } from '../errors.js';
import { collectLayers, DEFAULT_STACK, groupLayers, stackDepth, stacksByName, validateCollected } from './groups.js';
import { DEFAULT_NAMING, regexNaming } from './naming.js';
import { impliedOptions, MAXTEXT } from './frameworks.js';
import { blockPeriod, blockSizeText, checkBlockSize, findBlockGroups, periodicGroups, uniformLayers } from './blocks.js';
import { formatDepths, MAX_AXIS, MAX_LAYERS, META, metaAxis, metaBlockSize, metaDepths, metaLayout, metaNaming, metaStack } from './metadata.js';
export const LAYOUTS = ['pyloop', 'scan', 'shared'];
/** Options given explicitly win; then what the checkpoint's own provenance says (validated); then defaults. */
function resolveOptions(index, given) {
    const { path: file, metadata, sep } = index;
    if (given.axis !== undefined && !(Number.isInteger(given.axis) && given.axis >= 0 && given.axis <= MAX_AXIS)) {
        throw new LayoutError(`--axis ${given.axis} is not a layer axis (an integer from 0 to ${MAX_AXIS})`, 'BAD_AXIS');
    }
    if (given.numLayers !== undefined && !(Number.isInteger(given.numLayers) && given.numLayers >= 1 && given.numLayers <= MAX_LAYERS)) {
        throw new LayoutError(`--num-layers ${given.numLayers} is not a layer count from 1 to ${MAX_LAYERS}`, 'TOO_MANY_LAYERS');
    }
    // An empty name writes `params..w`, which the safetensors checker refuses; one holding the separator is two levels.
    if (given.stack !== undefined && (given.stack === '' || given.stack.includes(sep) || given.stack.length > 1024)) {
        throw new LayoutError(`--stack ${JSON.stringify(given.stack.slice(0, 60))} is not a node name: it must be 1 to 1024 characters without the separator "${sep}"`, 'BAD_STACK');
    }
    if (given.blockSize !== undefined)
        checkBlockSize(given.blockSize, given.blockSizeFrom);
    const recordedK = given.blockSize === undefined ? metaBlockSize(file, metadata) : undefined;
    const naming = given.layerPattern !== undefined ? regexNaming(given.layerPattern) : (metaNaming(file, metadata) ?? DEFAULT_NAMING);
    return {
        options: {
            layerPattern: naming.pattern,
            stack: given.stack ?? metaStack(file, metadata, sep) ?? DEFAULT_STACK,
            axis: given.axis ?? metaAxis(file, metadata) ?? 0,
            numLayers: given.numLayers,
            from: given.from ?? (metaLayout(file, metadata) === 'shared' ? 'shared' : undefined),
            blockSize: given.blockSize ?? recordedK,
            blockSizeFrom: given.blockSize !== undefined ? (given.blockSizeFrom ?? 'flag') : recordedK !== undefined ? 'metadata' : undefined,
        },
        naming,
        recorded: given.numLayers === undefined ? metaDepths(file, metadata) : undefined,
    };
}
/** `12`, or `32+2` for groups of different depths. */
export function layerCount(depths) {
    const values = [...depths];
    return values.every((d) => d === values[0]) ? String(values[0]) : values.join('+');
}
export function analyzeLayout(index, flags = {}) {
    const { sep } = index;
    // Every step below that looks for stacks asks this one: each stack name walks the keys once.
    const stacks = stacksByName(index.tensors, sep);
    const { options, naming, recorded } = resolveOptions(index, withImplied(index, flags, stacks));
    const where = (parent) => (parent.length ? parent.join(sep) : '(root)');
    // A stack of blocks is looked for where K is known or the naming is MaxText's (found in the
    // tree, --preset maxtext, or recorded): under any other pattern, layer-named sub-modules of a
    // plain stack would read as blocks and unscan into the wrong number of layers.
    const maxtextNaming = options.stack === MAXTEXT.stack && options.layerPattern === MAXTEXT.layerPattern;
    const blocks = maxtextNaming || options.blockSize !== undefined ? findBlockGroups(index.tensors, sep, naming, stacks(options.stack), options.stack, options.axis, index.path) : [];
    if (blocks.length)
        return blocksAnalysis(index, options, naming, recorded, blocks, stacks(options.stack));
    if (options.blockSize !== undefined && !stacks(options.stack).length) {
        const periodic = periodicGroups(index.tensors, sep, naming, options.blockSize, options.blockSizeFrom);
        if (periodic.length)
            return blocksAnalysis(index, options, naming, recorded, periodic, stacks(options.stack));
    }
    const layerGroups = groupLayersOrPeriod(index, naming, options.blockSize);
    const stackGroups = stacks(options.stack);
    if (options.blockSize !== undefined && stackGroups.length) {
        throw new LayoutError(`${index.path}: ${blockSizeText(options.blockSize, options.blockSizeFrom)}, but the "${options.stack}" node under ${where(stackGroups[0].parent)} holds stacked tensors, not blocks of layers (${naming.description})`, 'BLOCK_MISMATCH');
    }
    if (layerGroups.length && stackGroups.length) {
        throw new LayoutError(`${index.path}: found both layer children (${naming.description}) under ${where(layerGroups[0].parent)} and a "${options.stack}" node under ${where(stackGroups[0].parent)}; convert one part at a time or name them with --layers REGEX / --stack NAME`, 'AMBIGUOUS_LAYOUT');
    }
    if (!layerGroups.length && !stackGroups.length) {
        throw new LayoutError(`${index.path}: found no layer children (${naming.description}) and no "${options.stack}" node; name them with --layers REGEX or --stack NAME`, 'NO_LAYOUT');
    }
    const inGroups = new Set([...layerGroups.flatMap((g) => g.layers.flatMap((l) => l.refs)), ...stackGroups.flatMap((g) => g.leaves.map((l) => l.ref))]);
    const carried = [...index.tensors.values()].filter((r) => !inGroups.has(r));
    const layout = options.from ?? (layerGroups.length ? 'pyloop' : 'scan');
    if (layout === 'pyloop' && !layerGroups.length) {
        throw new LayoutError(`${index.path}: --from pyloop, but found no layer children (${naming.description})`, 'NO_LAYOUT');
    }
    if (layout !== 'pyloop' && !stackGroups.length) {
        throw new LayoutError(`${index.path}: --from ${layout}, but there is no "${options.stack}" node`, 'NO_LAYOUT');
    }
    const key = (parent) => parent.join(sep);
    const depths = new Map();
    if (layout === 'pyloop') {
        for (const g of layerGroups)
            depths.set(key(g.parent), g.layers.length);
    }
    else if (layout === 'scan') {
        for (const g of stackGroups)
            depths.set(key(g.parent), stackDepth(g, options.axis));
    }
    else {
        const source = options.numLayers ?? recorded;
        for (const g of stackGroups) {
            const d = typeof source === 'number' ? source : source?.get(key(g.parent));
            if (d === undefined) {
                throw new LayoutError(source === undefined
                    ? `${index.path}: a shared checkpoint applies one set of weights L times, and L is not in its metadata (${META.layers}); pass --num-layers L`
                    : `${index.path}: the metadata (${META.layers}) records no layer count for the group under ${where(g.parent)}; pass --num-layers L`, 'NEED_NUM_LAYERS');
            }
            depths.set(key(g.parent), d);
        }
    }
    if (recorded !== undefined)
        checkRecorded(index.path, recorded, depths, where, sep);
    const layers = [...depths.values()].reduce((a, b) => a + b, 0);
    return { layout, layers, depths, layerGroups, stackGroups, blocks: [], carried, options, naming, sep };
}
/** Layer groups, or, where layers differ but repeat every K (MaxText's blocks unscanned), a request for --block-size K. */
function groupLayersOrPeriod(index, naming, blockSize) {
    const collected = collectLayers(index.tensors, index.sep, naming);
    try {
        return validateCollected(collected, index.sep, naming);
    }
    catch (e) {
        if (!(e instanceof LayoutError) || blockSize !== undefined || (e.code !== 'LAYER_MISMATCH' && e.code !== 'UNSURE_LAYERS'))
            throw e;
        const period = blockPeriod(collected, index.sep);
        if (!period)
            throw e;
        throw new BlockSizeUnknownError(`${index.path}: the layers under ${period.where} differ, but repeat every ${period.size} layers, as MaxText's blocks of layers do (${e.message.replace(`${index.path}: `, '')}); pass --block-size K with K a multiple of ${period.size} (MaxText's inhomogeneous_layer_cycle_interval) to scan them as blocks`, period.layers, period.size);
    }
}
/** The analysis of MaxText's blocks of layers, stored as blocks (scan) or per layer with a known K (pyloop). */
function blocksAnalysis(index, options, naming, recorded, blocks, stackGroups) {
    const { sep, path: file } = index;
    const where = (parent) => (parent.length ? parent.join(sep) : '(root)');
    const stored = blocks[0].form === 'blocks' ? 'scan' : 'pyloop';
    const K = options.blockSize ?? blocks[0].size;
    const off = blocks.find((b) => b.size !== K);
    if (off) {
        throw new LayoutError(options.blockSize !== undefined && off.form === 'blocks'
            ? `${file}: ${blockSizeText(K, options.blockSizeFrom)}, but the stack under ${where(off.parent)} holds ${off.size} blocks of layers`
            : `${file}: the blocks under ${where(off.parent)} hold ${off.size} layers each and those under ${where(blocks[0].parent)} ${blocks[0].size}; scanconv records one block size: convert one part at a time`, 'BLOCK_MISMATCH');
    }
    if (options.from !== undefined && options.from !== stored) {
        throw new LayoutError(`${file}: --from ${options.from}, but ${where(blocks[0].parent)} holds MaxText's blocks of layers in the ${stored} layout`, 'NO_LAYOUT');
    }
    const inBlocks = new Set(blocks.flatMap((b) => b.refs));
    const carried = [...index.tensors.values()].filter((r) => !inBlocks.has(r));
    const rest = new Map(carried.map((r) => [r.name, r]));
    // The stacks already found, less the blocks' own: what findStacks would find among the carried tensors.
    const otherStacks = stackGroups.filter((g) => g.leaves.some((l) => !inBlocks.has(l.ref)));
    const others = [...groupLayers(rest, sep, naming).map((g) => g.parent), ...otherStacks.map((g) => g.parent)];
    if (others.length) {
        throw new LayoutError(`${file}: found MaxText's blocks of layers under ${where(blocks[0].parent)} and other layers under ${where(others[0])}; convert one part at a time or name them with --layers REGEX / --stack NAME`, 'AMBIGUOUS_LAYOUT');
    }
    const depths = new Map(blocks.map((b) => [b.parent.join(sep), b.depth]));
    if (recorded !== undefined)
        checkRecorded(file, recorded, depths, where, sep);
    const uniform = stored === 'pyloop' ? blocks.map((b) => uniformLayers(b, naming)) : [];
    const layerGroups = uniform.every((g) => g !== undefined) ? uniform : [];
    const layers = [...depths.values()].reduce((a, b) => a + b, 0);
    const blockSizeFrom = options.blockSizeFrom ?? 'blocks';
    return { layout: stored, layers, depths, layerGroups, stackGroups: [], blocks, carried, options: { ...options, blockSize: K, blockSizeFrom }, naming, sep };
}
/**
 * Without --layers and --stack, and when the file has no provenance of its own, a framework's
 * layout recognised in the tree (MaxText, Levanter: frameworks.ts) supplies the options; a
 * given --axis still wins.
 */
function withImplied(index, given, stacks) {
    // --layers or --stack means the user is naming the layout: nothing is implied (--axis alone may settle an ambiguous axis).
    if (given.layerPattern !== undefined || given.stack !== undefined)
        return given;
    if (Object.keys(index.metadata).some((k) => k.startsWith('scanconv.')))
        return given;
    const implied = impliedOptions(index.tensors, index.sep, index.path, given.axis !== undefined, stacks);
    if (!implied)
        return given;
    const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    return { ...implied, ...defined };
}
/** The file's recorded depths must describe its groups: a truncated or edited checkpoint is not what was written. */
function checkRecorded(file, recorded, depths, where, sep) {
    const shown = typeof recorded === 'number' ? String(recorded) : formatDepths(recorded);
    const fix = 'pass --num-layers L to read it with another count';
    for (const [group, depth] of depths) {
        const want = typeof recorded === 'number' ? recorded : recorded.get(group);
        if (want !== depth) {
            throw new LayoutError(`${file}: the group under ${where(group ? group.split(sep) : [])} has ${depth} layers, but the metadata records ${want ?? 'none'} (${META.layers} = ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}); the file is not what scanconv wrote (truncated or edited?); ${fix}`, 'LAYERS_DISAGREE');
        }
    }
    if (typeof recorded !== 'number') {
        for (const group of recorded.keys()) {
            if (!depths.has(group)) {
                throw new LayoutError(`${file}: the metadata (${META.layers}) records layers for ${JSON.stringify(group.slice(0, 80))}, which is not a layer group of this checkpoint; ${fix}`, 'LAYERS_DISAGREE');
            }
        }
    }
}
