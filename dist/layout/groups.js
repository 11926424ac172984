/**
 * Finding the repeated structure in a checkpoint's key tree. Pure: works on TensorRefs' names,
 * shapes and dtypes, never reads bytes.
 *
 *  - a LayerGroup is a node whose children match the layer pattern (`layer_0 … layer_{L-1}`),
 *  - a StackGroup is a node named like the stack (`blocks`) whose leaves carry a layer axis.
 */
import { LayoutError } from '../errors.js';
export const DEFAULT_LAYER_PATTERN = '^layer_(\\d+)$';
export const DEFAULT_STACK = 'blocks';
export function compileLayerPattern(source) {
    let re;
    try {
        re = new RegExp(source);
    }
    catch (e) {
        throw new LayoutError(`--layers ${JSON.stringify(source)} is not a valid regular expression (${e.message})`, 'BAD_PATTERN');
    }
    if (new RegExp(`${source}|`).exec('').length !== 2) {
        throw new LayoutError(`--layers ${JSON.stringify(source)} must have exactly one capture group, for the layer index`, 'BAD_PATTERN');
    }
    return re;
}
const sameShape = (a, b) => a.length === b.length && a.every((d, i) => d === b[i]);
const describe = (r) => `[${r.shape.join(', ')}] ${r.dtype}`;
/** Split every key into path segments once. */
export function splitKeys(tensors, sep) {
    return [...tensors.values()].map((ref) => ({ path: ref.name.split(sep), ref }));
}
/**
 * Every node whose children match `pattern`, with its layers validated: indices exactly
 * 0..L-1 and every layer the same subtree with the same shapes and dtypes.
 */
export function groupLayers(tensors, sep, pattern) {
    const groups = new Map();
    for (const { path, ref } of splitKeys(tensors, sep)) {
        // The shallowest matching segment wins: layers nested inside a layer stay inside it.
        const at = path.findIndex((seg) => pattern.test(seg));
        if (at < 0)
            continue;
        const parent = path.slice(0, at);
        const segment = path[at];
        const index = Number.parseInt(pattern.exec(segment)[1], 10);
        if (!Number.isSafeInteger(index) || index < 0) {
            throw new LayoutError(`${ref.name}: layer index "${pattern.exec(segment)[1]}" is not a non-negative integer`, 'BAD_LAYER_INDEX');
        }
        const gkey = parent.join(sep);
        let g = groups.get(gkey);
        if (!g)
            groups.set(gkey, (g = { parent, layers: new Map() }));
        let layer = g.layers.get(index);
        if (!layer)
            g.layers.set(index, (layer = { segment, leaves: new Map() }));
        if (layer.segment !== segment) {
            throw new LayoutError(`${ref.name}: layer ${index} is named both "${layer.segment}" and "${segment}"`, 'DUPLICATE_LAYER');
        }
        const rel = path.slice(at + 1);
        layer.leaves.set(rel.join(sep), { rel, ref });
    }
    return [...groups.values()].map((g) => {
        const where = g.parent.length ? g.parent.join(sep) : '(root)';
        const indices = [...g.layers.keys()].sort((a, b) => a - b);
        indices.forEach((idx, pos) => {
            if (idx !== pos) {
                const seg = g.layers.get(idx).segment;
                throw new LayoutError(`${[...g.parent, seg].join(sep)}: layer indices under ${where} must be 0..L-1 without gaps, but layer ${pos} is missing (found ${indices.join(', ')})`, 'MISSING_LAYER');
            }
        });
        const first = g.layers.get(0);
        const leaves = [...first.leaves.values()].map((l) => l.rel);
        const layers = indices.map((idx) => {
            const layer = g.layers.get(idx);
            for (const [relKey, leaf] of layer.leaves) {
                if (!first.leaves.has(relKey)) {
                    throw new LayoutError(`${leaf.ref.name}: not present in ${[...g.parent, first.segment].join(sep)}; every layer must have the same tensors`, 'LAYER_MISMATCH');
                }
            }
            const refs = leaves.map((rel) => {
                const relKey = rel.join(sep);
                const mine = layer.leaves.get(relKey);
                const ref0 = first.leaves.get(relKey).ref;
                if (!mine) {
                    throw new LayoutError(`${[...g.parent, layer.segment, ...rel].join(sep)}: missing, but ${ref0.name} exists; every layer must have the same tensors`, 'LAYER_MISMATCH');
                }
                if (mine.ref.dtype !== ref0.dtype || !sameShape(mine.ref.shape, ref0.shape)) {
                    throw new LayoutError(`${mine.ref.name}: ${describe(mine.ref)} differs from ${ref0.name} ${describe(ref0)}; layers must match in shape and dtype`, 'LAYER_MISMATCH');
                }
                return mine.ref;
            });
            return { index: idx, segment: layer.segment, refs };
        });
        return { parent: g.parent, layers, leaves };
    });
}
/** Every node named `stackName` (shallowest on each path), with its leaves. */
export function findStacks(tensors, sep, stackName) {
    const groups = new Map();
    for (const { path, ref } of splitKeys(tensors, sep)) {
        const at = path.indexOf(stackName);
        if (at < 0)
            continue;
        const parent = path.slice(0, at);
        const gkey = parent.join(sep);
        let g = groups.get(gkey);
        if (!g)
            groups.set(gkey, (g = { parent, leaves: [] }));
        g.leaves.push({ rel: path.slice(at + 1), ref });
    }
    return [...groups.values()].map((g) => ({ parent: g.parent, name: stackName, leaves: g.leaves }));
}
/** The layer count of a stack: the size of `axis` in every leaf, which must agree. */
export function stackDepth(group, axis) {
    let depth;
    let firstName = '';
    for (const { ref } of group.leaves) {
        if (ref.shape.length <= axis) {
            throw new LayoutError(`${ref.name}: shape [${ref.shape.join(', ')}] has no axis ${axis} to unstack (--axis)`, 'NO_LAYER_AXIS');
        }
        const n = ref.shape[axis];
        if (depth === undefined) {
            depth = n;
            firstName = ref.name;
        }
        else if (n !== depth) {
            throw new LayoutError(`${ref.name}: has ${n} layers on axis ${axis} but ${firstName} has ${depth}; every stacked tensor must agree`, 'STACK_MISMATCH');
        }
    }
    if (!depth)
        throw new LayoutError(`${group.leaves[0]?.ref.name ?? group.name}: the stack has 0 layers on axis ${axis}`, 'STACK_MISMATCH');
    return depth;
}
