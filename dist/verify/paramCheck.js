/**
 * The parameter check between a pyloop and a scan checkpoint, in bytes, without tfjs: every
 * slice of every stacked tensor must equal its layer's tensor bit for bit, and every tensor
 * outside the block must be identical. Each mismatching key and layer is reported.
 */
import { LayoutError } from '../errors.js';
import { sameSource } from '../format/sources.js';
import { firstDifference } from '../format/types.js';
import { blockLeafRefs } from '../layout/plan.js';
/** Equal dtype, shape and bytes; a view that reads the very bytes of the other is equal unread. */
export function sameBytes(a, b) {
    return a.dtype === b.dtype && a.shape.join() === b.shape.join() && (sameSource(a, b) || firstDifference(a, b) < 0);
}
export function paramCheck(a, b) {
    const mismatches = [];
    let checked = 0;
    const leavesA = blockLeafRefs(a);
    const leavesB = blockLeafRefs(b);
    for (const [key, la] of leavesA) {
        const lb = leavesB.get(key);
        if (!lb)
            throw new LayoutError(`${key}: in the first checkpoint's block but not the second's; the two are not the same model`, 'TREES_DIFFER');
        if (la.refs.length !== lb.refs.length) {
            throw new LayoutError(`${key}: ${la.refs.length} layers in the first checkpoint, ${lb.refs.length} in the second`, 'TREES_DIFFER');
        }
        la.refs.forEach((ref, layer) => {
            checked++;
            if (!sameBytes(ref, lb.refs[layer]))
                mismatches.push({ key, layer });
        });
    }
    for (const key of leavesB.keys()) {
        if (!leavesA.has(key))
            throw new LayoutError(`${key}: in the second checkpoint's block but not the first's; the two are not the same model`, 'TREES_DIFFER');
    }
    const carriedB = new Map(b.carried.map((r) => [r.name, r]));
    for (const ref of a.carried) {
        const other = carriedB.get(ref.name);
        if (!other)
            throw new LayoutError(`${ref.name}: in the first checkpoint but not the second`, 'TREES_DIFFER');
        checked++;
        if (!sameBytes(ref, other))
            mismatches.push({ key: ref.name, layer: null });
        carriedB.delete(ref.name);
    }
    const extra = carriedB.keys().next();
    if (!extra.done)
        throw new LayoutError(`${extra.value}: in the second checkpoint but not the first`, 'TREES_DIFFER');
    return { checked, equal: mismatches.length === 0, mismatches };
}
