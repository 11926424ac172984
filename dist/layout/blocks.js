/**
 * MaxText's blocks of layers. Models whose layers repeat a pattern of K kinds (Gemma 3: five
 * sliding-window layers then a global one; Llama 4: NoPE every 4th layer, MoE every 1st or
 * 2nd) are scanned K layers at a time: `decoder.layers.layers_J.…` (J in 0..K-1), each stacked
 * over S = floor(L/K) on the scan axis, so slice s of `layers_J` is layer s*K+J. Gemma 3 keeps the
 * L mod K layers left over unscanned in `decoder.layers_remainder.layers_R` (layer S*K+R). The
 * per-layer (pyloop) form is MaxText's unscanned `decoder.layers_N`, whose layers need to agree
 * only with the layers K apart (Llama 4 Maverick alternates dense and MoE layers).
 * docs/MAXTEXT.md cites MaxText's source for each of these names.
 *
 * Pure, like the rest of layout/: tensors are planned as byte pieces, never read.
 */
import { LayoutError } from '../errors.js';
import { copyOf, outputAsRef } from '../format/stream.js';
import { collectLayers, describe, sameShape, stackedLength, validateGroup } from './groups.js';
import { MAX_LAYERS, META } from './metadata.js';
import { stackTensors, unstackedShape, unstackTensor } from './pieces.js';
/** The node holding the unscanned L mod K layers beside the stack (MaxText: `layers_remainder`). */
export const remainderNode = (stack) => `${stack}_remainder`;
/** K as a refusal names it, by its source (none: a caller's own, the flag), so the user fixes what the message names. */
export function blockSizeText(size, from) {
    if (from === 'metadata')
        return `the file's ${META.blockSize} ${size}`;
    if (from === 'blocks')
        return `the block size ${size} read from the stored blocks`;
    return `--block-size ${size}`;
}
/** A given K checked: an integer from 1 to MAX_LAYERS (the metadata's is checked by metaBlockSize). */
export function checkBlockSize(size, from) {
    if (!(Number.isInteger(size) && size >= 1 && size <= MAX_LAYERS)) {
        throw new LayoutError(`${blockSizeText(size, from)} is not a block size (layers per block, an integer from 1 to ${MAX_LAYERS})`, 'BAD_BLOCK_SIZE');
    }
}
/**
 * Stacks of blocks: of the `stack` nodes found (findStacks), those each of whose leaves lies under
 * a child named like a layer (`layers.layers_J.…`), validated (blocks 0..K-1, every block S slices
 * on `axis`, the remainder fewer than K layers each like its block). Empty when no stack holds blocks.
 */
export function findBlockGroups(tensors, sep, naming, stacks, stack, axis, file) {
    const groups = [];
    for (const g of stacks) {
        const at = g.parent.length + 1;
        const inBlock = g.leaves.map((l) => l.rel.length > 1 && naming.indexAt([...g.parent, stack, ...l.rel], at) !== undefined);
        if (!inBlock.some(Boolean))
            continue;
        const where = [...g.parent, stack].join(sep);
        const stray = g.leaves.find((_, i) => !inBlock[i]);
        if (stray) {
            throw new LayoutError(`${file}: ${stray.ref.name} lies in ${where} beside its blocks of layers (${naming.description}); a stack of blocks holds blocks only`, 'BLOCK_MISMATCH');
        }
        const found = collectLayers(new Map(g.leaves.map((l) => [l.ref.name, l.ref])), sep, naming);
        // A segment above the blocks named like a layer too would make other groups: not blocks scanconv can name back.
        const collected = found.length === 1 && found[0].parent.join(sep) === where ? found[0] : undefined;
        if (!collected)
            throw new LayoutError(`${file}: the blocks of layers in ${where} are not its direct children (${naming.description} matches above them); name them with --layers REGEX`, 'BLOCK_MISMATCH');
        // Each block is its own subtree: a period of K compares every block with itself only.
        const blocks = validateGroup(collected, sep, collected.layers.size, 'BLOCK_MISMATCH');
        const size = blocks.layers.length;
        const scanLength = blocksScanLength(blocks, axis, where);
        const remainder = remainderLayers(tensors, sep, naming, g.parent, stack, blocks, axis);
        const depth = scanLength * size + remainder.length;
        if (depth > MAX_LAYERS)
            throw new LayoutError(`${where}: ${size} blocks of ${scanLength} layers, more than the ${MAX_LAYERS} scanconv accepts in one group`, 'TOO_MANY_LAYERS');
        const leaves = blocks.layers.map((b) => leavesOf(b, blocks.parent.length + 1, sep));
        const name = naming.namer(g.parent);
        groups.push({
            parent: g.parent,
            size,
            scanLength,
            depth,
            form: 'blocks',
            leaves,
            layer(i) {
                const J = i % size;
                if (i >= scanLength * size)
                    return remainder[i - scanLength * size].refs;
                const s = Math.floor(i / size);
                return blocks.layers[J].refs.map((ref, j) => outputAsRef(unstackTensor([...g.parent, name(i), ...leaves[J][j]].join(sep), ref, axis, s)));
            },
            refs: [...blocks.layers.flatMap((b) => b.refs), ...remainder.flatMap((r) => r.refs)],
        });
    }
    return groups;
}
/** A layer entry's leaf paths below its own node, from its refs' names. */
function leavesOf(layer, depth, sep) {
    return layer.refs.map((r) => r.name.split(sep).slice(depth));
}
/** S: the size of `axis` in every tensor of every block, which must agree. */
function blocksScanLength(blocks, axis, where) {
    return stackedLength(blocks.layers.flatMap((b) => b.refs), axis, {
        code: 'BLOCK_MISMATCH',
        disagree: (ref, n, first, want) => `${ref.name}: holds ${n} layers on axis ${axis} but ${first.name} holds ${want}; the blocks of ${where} must be stacked over the same count to interleave`,
        empty: (first) => `${first?.name ?? where}: the blocks of ${where} hold 0 layers on axis ${axis}`,
    });
}
/** The remainder's layers (R < K), each holding its block's leaves at one layer's shape. */
function remainderLayers(tensors, sep, naming, parent, stack, blocks, axis) {
    const node = [...parent, remainderNode(stack)];
    const prefix = node.join(sep) + sep;
    const inside = [...tensors.values()].filter((r) => r.name.startsWith(prefix));
    if (!inside.length)
        return [];
    const where = node.join(sep);
    const collected = collectLayers(new Map(inside.map((r) => [r.name, r])), sep, naming).filter((c) => c.parent.join(sep) === where);
    const found = new Set(collected.flatMap((c) => [...c.layers.values()].flatMap((l) => [...l.leaves.values()].map((x) => x.ref))));
    const stray = inside.find((r) => !found.has(r));
    if (stray || !collected.length) {
        throw new LayoutError(`${(stray ?? inside[0]).name}: ${where} holds layers only (${naming.description})`, 'BLOCK_MISMATCH');
    }
    const rem = validateGroup(collected[0], sep, collected[0].layers.size, 'BLOCK_MISMATCH');
    const K = blocks.layers.length;
    if (rem.layers.length >= K) {
        throw new LayoutError(`${where}: holds ${rem.layers.length} layers, but the remainder of blocks of ${K} holds fewer than ${K}`, 'BLOCK_MISMATCH');
    }
    for (const r of rem.layers) {
        const block = blocks.layers[r.index];
        const want = new Map(block.refs.map((ref) => [ref.name.split(sep).slice(parent.length + 2).join(sep), ref]));
        const have = new Map(r.refs.map((ref) => [ref.name.split(sep).slice(node.length + 1).join(sep), ref]));
        for (const [rel, ref] of have) {
            const b = want.get(rel);
            const shape = b ? unstackedShape(b.shape, axis) : [];
            if (!b || b.dtype !== ref.dtype || !sameShape(shape, ref.shape)) {
                throw new LayoutError(b
                    ? `${ref.name}: ${describe(ref)} is not one layer of ${b.name} ${describe(b)} (remainder layer ${r.index} must match block ${r.index} without its axis ${axis})`
                    : `${ref.name}: block ${r.index} of the stack has no such tensor, so the remainder's layer ${r.index} cannot be its layer`, 'BLOCK_MISMATCH');
            }
        }
        const absent = [...want.keys()].find((rel) => !have.has(rel));
        if (absent !== undefined)
            throw new LayoutError(`${[...node, r.segment, absent].join(sep)}: missing, but ${want.get(absent).name} exists; the remainder's layer ${r.index} must hold block ${r.index}'s tensors`, 'BLOCK_MISMATCH');
    }
    // Leaves in block order, so layer(i) aligns with leaves[i % K].
    return rem.layers.map((r) => {
        const byRel = new Map(r.refs.map((ref) => [ref.name.split(sep).slice(node.length + 1).join(sep), ref]));
        const block = blocks.layers[r.index];
        return { ...r, refs: block.refs.map((ref) => byRel.get(ref.name.split(sep).slice(parent.length + 2).join(sep))) };
    });
}
/**
 * Per-layer groups read as blocks of `size`: layer i must match layer i mod K (not layer 0).
 * Each group's depth must be at least K.
 */
export function periodicGroups(tensors, sep, naming, size, from) {
    return collectLayers(tensors, sep, naming).map((c) => {
        const where = c.parent.join(sep) || '(root)';
        const L = c.layers.size;
        if (size > L)
            throw new LayoutError(`${blockSizeText(size, from)}: the group under ${where} has only ${L} layers, fewer than one block`, 'BAD_BLOCK_SIZE');
        const g = validateGroup(c, sep, size, 'BLOCK_MISMATCH');
        const leaves = g.layers.slice(0, size).map((l) => leavesOf(l, g.parent.length + 1, sep));
        return { parent: g.parent, size, scanLength: Math.floor(L / size), depth: L, form: 'layers', leaves, layer: (i) => g.layers[i].refs, refs: g.layers.flatMap((l) => l.refs) };
    });
}
/**
 * Whether every block holds the same tensors as block 0: the same leaves, each with the same
 * dtype and per-layer shape (Gemma 3, Llama 4 Scout; not Maverick). Then the blocks are one plain
 * group of L layers, comparable with a plain scan or pyloop form.
 */
export function blocksUniform(b) {
    const samePath = (x, y) => x.length === y.length && x.every((s, k) => s === y[k]);
    const [leaves0, layer0] = [b.leaves[0], b.layer(0)];
    for (let J = 1; J < b.size; J++) {
        const [leaves, layer] = [b.leaves[J], b.layer(J)];
        if (leaves.length !== leaves0.length || !leaves.every((rel, j) => samePath(rel, leaves0[j])))
            return false;
        if (!layer.every((r, j) => r.dtype === layer0[j].dtype && sameShape(r.shape, layer0[j].shape)))
            return false;
    }
    return true;
}
/** The same group as one uniform LayerGroup when every block holds the same tensors (blocksUniform), else undefined. */
export function uniformLayers(b, naming) {
    if (!blocksUniform(b))
        return undefined;
    const name = naming.namer(b.parent);
    return {
        parent: b.parent,
        leaves: b.leaves[0],
        layers: Array.from({ length: b.depth }, (_, i) => ({ index: i, segment: name(i), refs: b.layer(i) })),
    };
}
/**
 * The smallest K (2 to 64) under which a group's layers that differ from layer 0 repeat, if any.
 * Each layer is reduced once to a signature (its sorted leaves, shapes and dtypes), so the search
 * costs one pass over the tensors plus L comparisons per K, whatever the input.
 */
export function blockPeriod(collected, sep) {
    for (const c of collected) {
        const L = c.layers.size;
        const ids = [];
        const known = new Map();
        for (let i = 0; i < L; i++) {
            const layer = c.layers.get(i);
            if (!layer)
                return undefined;
            // In stored order: layers listing the same tensors in another order only miss the suggestion.
            let sig = '';
            for (const [rel, { ref }] of layer.leaves)
                sig += `${rel}\0${ref.dtype}\0${ref.shape.join(',')}\n`;
            let id = known.get(sig);
            if (id === undefined)
                known.set(sig, (id = known.size));
            ids.push(id);
        }
        if (known.size === 1)
            continue;
        for (let K = 2; K <= Math.min(64, Math.floor(L / 2)); K++) {
            if (ids.every((id, i) => id === ids[i % K]))
                return { where: c.parent.join(sep) || '(root)', size: K, layers: L };
        }
    }
    return undefined;
}
/** Stored tensors of a block group in the per-layer form: `parent.layers_N.…`. */
export function planLayers(b, sep, naming) {
    const name = naming.namer(b.parent);
    const outputs = [];
    for (let i = 0; i < b.depth; i++) {
        const refs = b.layer(i);
        b.leaves[i % b.size].forEach((rel, j) => outputs.push(copyOf(refs[j], [...b.parent, name(i), ...rel].join(sep))));
    }
    return outputs;
}
/** Stored tensors of a block group as MaxText's blocks: `parent.stack.layers_J.…` over S on `axis`, and the remainder. */
export function planBlocks(b, sep, naming, stack, axis) {
    const { size: K, scanLength: S } = b;
    const blockName = naming.namer([...b.parent, stack]);
    const outputs = [];
    for (let J = 0; J < K; J++) {
        b.leaves[J].forEach((rel, j) => {
            const refs = Array.from({ length: S }, (_, s) => b.layer(s * K + J)[j]);
            if (axis > refs[0].shape.length)
                throw new LayoutError(`${refs[0].name}: has rank ${refs[0].shape.length}, so it cannot be stacked on axis ${axis} (--axis)`, 'AXIS_OUT_OF_RANGE');
            outputs.push(stackTensors([...b.parent, stack, blockName(J), ...rel].join(sep), refs, axis));
        });
    }
    for (let r = 0; r < b.depth - S * K; r++) {
        const refs = b.layer(S * K + r);
        b.leaves[r].forEach((rel, j) => outputs.push(copyOf(refs[j], [...b.parent, remainderNode(stack), blockName(r), ...rel].join(sep))));
    }
    return outputs;
}
