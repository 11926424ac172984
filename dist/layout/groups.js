/**
 * Finding the repeated structure in a checkpoint's key tree. Pure: works on TensorRefs' names,
 * shapes and dtypes, never reads bytes.
 *
 *  - a LayerGroup is a node whose children are layers by the naming (`layer_0 … layer_{L-1}`,
 *    `model.layers.0 …`),
 *  - a StackGroup is a node named like the stack (`blocks`) whose leaves carry a layer axis.
 */
import { LayoutError } from '../errors.js';
import { MAX_LAYERS } from './metadata.js';
import { DEFAULT_NAMING } from './naming.js';
export const DEFAULT_STACK = 'blocks';
export const sameShape = (a, b) => a.length === b.length && a.every((d, i) => d === b[i]);
/** A tensor's shape and dtype, as messages show them: `[12, 3, 8] BF16`. */
export const describe = (r) => `[${r.shape.join(', ')}] ${r.dtype}`;
/** Message tail for a periodic group: which layers must match. */
const along = (period) => (period > 1 ? ` as layer i mod ${period} (blocks of ${period} layers)` : '');
/** Split every key into path segments once. */
export function splitKeys(tensors, sep) {
    return [...tensors.values()].map((ref) => ({ path: ref.name.split(sep), ref }));
}
/**
 * Every node whose children are layers by `naming`, with its layers validated: indices exactly
 * 0..L-1 and every layer the same subtree with the same shapes and dtypes.
 */
export function groupLayers(tensors, sep, naming) {
    return validateCollected(collectLayers(tensors, sep, naming), sep, naming);
}
/** groupLayers' validation of groups already collected (so a caller that looks further after a failure collects once). */
export function validateCollected(collected, sep, naming) {
    return collected.map((g) => {
        try {
            return validateGroup(g, sep);
        }
        catch (e) {
            // Numeric children found by the default rules may not be one repeated block at all (T5's
            // first block holds an extra tensor, DeepSeek's first layers are dense): say how to decide.
            if (!(e instanceof LayoutError) || naming !== DEFAULT_NAMING || !/^\d+$/.test(g.layers.values().next().value?.segment ?? ''))
                throw e;
            throw new LayoutError(`${e.message} (the numeric children of ${g.parent.join(sep)} were taken as layers without --layers; if they are not one repeated block, name the layer children with --layers REGEX)`, 'UNSURE_LAYERS');
        }
    });
}
/** Every node whose children are layers by `naming`, with each layer's leaves; indices checked one by one. */
export function collectLayers(tensors, sep, naming) {
    const groups = new Map();
    for (const { path, ref } of splitKeys(tensors, sep)) {
        // The shallowest matching segment wins: layers nested inside a layer stay inside it.
        let at = 0;
        let digits;
        for (; at < path.length; at++)
            if ((digits = naming.indexAt(path, at)) !== undefined)
                break;
        if (digits === undefined)
            continue;
        const parent = path.slice(0, at);
        const segment = path[at];
        const index = /^\d+$/.test(digits) ? Number(digits) : NaN;
        if (!Number.isSafeInteger(index)) {
            throw new LayoutError(`${ref.name}: layer index "${digits}" is not a non-negative integer`, 'BAD_LAYER_INDEX');
        }
        if (digits !== String(index)) {
            // layer_01 would come back as layer_1: a renamed tensor is a changed checkpoint.
            throw new LayoutError(`${ref.name}: layer index "${digits}" has a leading zero, which a round trip would not keep; name the layers with --layers REGEX`, 'BAD_LAYER_INDEX');
        }
        if (index >= MAX_LAYERS) {
            throw new LayoutError(`${ref.name}: layer index ${index} is beyond the ${MAX_LAYERS} layers scanconv accepts in one group`, 'TOO_MANY_LAYERS');
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
    return [...groups.values()];
}
/**
 * Indices exactly 0..L-1, and every layer the same subtree with the same shapes and dtypes as
 * layer `i mod period` (period 1: as layer 0; MaxText's blocks of layers repeat every K layers).
 * With a period, the returned `leaves` are layer 0's and each layer's refs follow its own
 * residue's leaves: `residueLeaves` in blocks.ts.
 */
export function validateGroup(g, sep, period = 1, mismatchCode = 'LAYER_MISMATCH') {
    const where = g.parent.length ? g.parent.join(sep) : '(root)';
    const indices = [...g.layers.keys()].sort((a, b) => a - b);
    indices.forEach((idx, pos) => {
        if (idx !== pos) {
            const seg = g.layers.get(idx).segment;
            throw new LayoutError(`${[...g.parent, seg].join(sep)}: layer indices under ${where} must be 0..L-1 without gaps, but layer ${pos} is missing (found ${indices.join(', ')})`, 'MISSING_LAYER');
        }
    });
    // Each residue's leaf paths, listed once (not once per layer: a million tensors made that the cost).
    const residueLeaves = indices.slice(0, period).map((idx) => [...g.layers.get(idx).leaves.values()].map((l) => l.rel));
    const leaves = residueLeaves[0];
    const layers = indices.map((idx) => {
        const layer = g.layers.get(idx);
        const first = g.layers.get(idx % period);
        const ownLeaves = residueLeaves[idx % period];
        for (const [relKey, leaf] of layer.leaves) {
            if (!first.leaves.has(relKey)) {
                throw new LayoutError(`${leaf.ref.name}: not present in ${[...g.parent, first.segment].join(sep)}; every layer must have the same tensors${along(period)}`, mismatchCode);
            }
        }
        const refs = ownLeaves.map((rel) => {
            const relKey = rel.join(sep);
            const mine = layer.leaves.get(relKey);
            const ref0 = first.leaves.get(relKey).ref;
            if (!mine) {
                throw new LayoutError(`${[...g.parent, layer.segment, ...rel].join(sep)}: missing, but ${ref0.name} exists; every layer must have the same tensors${along(period)}`, mismatchCode);
            }
            if (mine.ref.dtype !== ref0.dtype || !sameShape(mine.ref.shape, ref0.shape)) {
                throw new LayoutError(`${mine.ref.name}: ${describe(mine.ref)} differs from ${ref0.name} ${describe(ref0)}; layers must match in shape and dtype${along(period)}`, mismatchCode);
            }
            return mine.ref;
        });
        return { index: idx, segment: layer.segment, refs };
    });
    return { parent: g.parent, layers, leaves };
}
/** Every node named `stackName` (shallowest on each path), with its leaves. */
export function findStacks(tensors, sep, stackName) {
    const groups = new Map();
    for (const ref of tensors.values()) {
        // Most names hold no such segment: looked for before splitting (a million keys split twice cost seconds).
        if (!ref.name.includes(stackName))
            continue;
        const path = ref.name.split(sep);
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
/**
 * One analysis asks for the same stacks several times (the framework's axis, blocks, plain
 * stacks, what lies beside the blocks): each is a walk over every key, so each name walks once.
 */
export function stacksByName(tensors, sep) {
    const found = new Map();
    return (stackName) => {
        let groups = found.get(stackName);
        if (!groups)
            found.set(stackName, (groups = findStacks(tensors, sep, stackName)));
        return groups;
    };
}
/** The layer count of stacked tensors: the size of `axis` in every one of `refs`, which must agree and not be 0. */
export function stackedLength(refs, axis, refuse) {
    let first;
    for (const ref of refs) {
        if (ref.shape.length <= axis) {
            throw new LayoutError(`${ref.name}: shape [${ref.shape.join(', ')}] has no axis ${axis} to unstack (--axis)`, 'NO_LAYER_AXIS');
        }
        if (!first)
            first = ref;
        else if (ref.shape[axis] !== first.shape[axis])
            throw new LayoutError(refuse.disagree(ref, ref.shape[axis], first, first.shape[axis]), refuse.code);
    }
    const length = first?.shape[axis];
    if (!length)
        throw new LayoutError(refuse.empty(first), refuse.code);
    return length;
}
/** The layer count of a stack: the size of `axis` in every leaf, which must agree. */
export function stackDepth(group, axis) {
    const depth = stackedLength(group.leaves.map((l) => l.ref), axis, {
        code: 'STACK_MISMATCH',
        disagree: (ref, n, first, want) => `${ref.name}: has ${n} layers on axis ${axis} but ${first.name} has ${want}; every stacked tensor must agree`,
        empty: (first) => `${first?.name ?? group.name}: the stack has 0 layers on axis ${axis}`,
    });
    if (depth > MAX_LAYERS) {
        throw new LayoutError(`${group.leaves[0].ref.name}: claims ${depth} layers on axis ${axis}, more than the ${MAX_LAYERS} scanconv accepts in one group`, 'TOO_MANY_LAYERS');
    }
    return depth;
}
