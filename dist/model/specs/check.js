/**
 * Checking a parameter tree against a model's sizes before anything runs: a tensor of the wrong
 * shape (a 33x32 kernel, a norm of length 3, a rank-2 query kernel) is an exit-2 error naming
 * the tensor and the shape it should have, never a tfjs crash halfway through a forward pass.
 */
import { LayoutError } from '../../errors.js';
export class ShapeCheck {
    tree;
    sizes;
    source;
    constructor(tree, 
    /** Size names to values, e.g. { D: 48, H: 6 }. */
    sizes, 
    /** Where the sizes come from, for messages ("config.json: ..."). */
    source) {
        this.tree = tree;
        this.sizes = sizes;
        this.source = source;
    }
    resolve(dims) {
        return dims.map((d) => (typeof d === 'number' ? d : d.split('*').reduce((p, n) => p * this.sizes[n], 1)));
    }
    legend() {
        return Object.entries(this.sizes).map(([k, v]) => `${k} ${v}`).join(', ');
    }
    compare(name, found, dims) {
        const want = this.resolve(dims);
        if (found.join() !== want.join()) {
            const symbolic = dims.some((d) => typeof d === 'string') ? ` = [${dims.join(', ')}]` : '';
            throw new LayoutError(`${name}: shape [${found.join(', ')}], expected [${want.join(', ')}]${symbolic} (${this.source}: ${this.legend()})`, 'BAD_SHAPE');
        }
    }
    /** A layer-relative leaf (per-layer shape); `optional` leaves may be absent. Returns presence. */
    layer(rel, dims, optional = false) {
        const found = this.tree.layerLeaves.get(rel);
        if (!found) {
            if (optional)
                return false;
            throw new LayoutError(`missing parameter ${this.tree.layerLeafName(rel)} (every layer needs ${rel})`, 'MISSING_PARAM');
        }
        this.compare(this.tree.layerLeafName(rel), found, dims);
        return true;
    }
    /** A tensor outside the block, by full name. */
    carried(name, dims) {
        this.compare(name, this.tree.carriedLeaves.get(name), dims);
    }
    /** A tensor outside the block, relative to the block's parent (the notebook's models). */
    global(rel, dims) {
        const found = this.tree.globalLeaves.get(rel);
        if (!found)
            throw new LayoutError(`missing parameter ${rel} (outside the layers)`, 'MISSING_PARAM');
        this.compare(rel, found, dims);
    }
}
/** A rank-`rank` tensor's dims, each at least 1, before they are used as sizes. */
export function sizesOf(name, shape, rank, what) {
    if (!shape)
        throw new LayoutError(`missing parameter ${name}`, 'MISSING_PARAM');
    if (shape.length !== rank)
        throw new LayoutError(`${name}: rank ${shape.length} (shape [${shape.join(', ')}]), expected rank ${rank} (${what})`, 'BAD_SHAPE');
    const zero = shape.indexOf(0);
    if (zero >= 0)
        throw new LayoutError(`${name}: shape [${shape.join(', ')}] has a zero size (${what})`, 'BAD_SHAPE');
    return [...shape];
}
/** The one tensor outside the layers whose name ends with one of `suffixes` (any prefix: model., transformer., none). */
export function findCarried(tree, suffixes) {
    const dotted = (n) => n.split('/').join('.');
    for (const suffix of suffixes) {
        const hits = [...tree.carriedLeaves.keys()].filter((n) => dotted(n) === suffix || dotted(n).endsWith(`.${suffix}`));
        if (hits.length > 1)
            throw new LayoutError(`found ${hits.length} tensors named like ${suffix} outside the layers (${hits.slice(0, 3).join(', ')}); the model is ambiguous`, 'AMBIGUOUS_PARAM');
        if (hits.length === 1)
            return hits[0];
    }
    return undefined;
}
export function requireCarried(tree, suffixes) {
    const name = findCarried(tree, suffixes);
    if (!name)
        throw new LayoutError(`missing parameter ${suffixes.join(' or ')} (outside the layers)`, 'MISSING_PARAM');
    return name;
}
