/**
 * Which layout a checkpoint is in: its layer groups (layer children, or a stack node), each
 * group's depth, and the options that found them (given, else the file's validated provenance,
 * else defaults). plan.ts turns an analysis into a conversion plan.
 */
import { LayoutError } from '../errors.js';
import { DEFAULT_STACK, findStacks, groupLayers, stackDepth } from './groups.js';
import { DEFAULT_NAMING, regexNaming } from './naming.js';
import { impliedOptions } from './frameworks.js';
import { formatDepths, MAX_AXIS, MAX_LAYERS, META, metaAxis, metaDepths, metaLayout, metaNaming, metaStack } from './metadata.js';
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
    const naming = given.layerPattern !== undefined ? regexNaming(given.layerPattern) : (metaNaming(file, metadata) ?? DEFAULT_NAMING);
    return {
        options: {
            layerPattern: naming.pattern,
            stack: given.stack ?? metaStack(file, metadata, sep) ?? DEFAULT_STACK,
            axis: given.axis ?? metaAxis(file, metadata) ?? 0,
            numLayers: given.numLayers,
            from: given.from ?? (metaLayout(file, metadata) === 'shared' ? 'shared' : undefined),
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
    const { options, naming, recorded } = resolveOptions(index, withImplied(index, flags));
    const { sep } = index;
    const layerGroups = groupLayers(index.tensors, sep, naming);
    const stackGroups = findStacks(index.tensors, sep, options.stack);
    const where = (parent) => (parent.length ? parent.join(sep) : '(root)');
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
    return { layout, layers, depths, layerGroups, stackGroups, carried, options, naming, sep };
}
/**
 * Without --layers and --stack, and when the file has no provenance of its own, a framework's
 * layout recognised in the tree (MaxText, Levanter: frameworks.ts) supplies the options; a
 * given --axis still wins.
 */
function withImplied(index, given) {
    // --layers or --stack means the user is naming the layout: nothing is implied (--axis alone may settle an ambiguous axis).
    if (given.layerPattern !== undefined || given.stack !== undefined)
        return given;
    if (Object.keys(index.metadata).some((k) => k.startsWith('scanconv.')))
        return given;
    const implied = impliedOptions(index.tensors, index.sep, index.path, given.axis !== undefined);
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
