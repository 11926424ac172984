/**
 * The parameter check between two checkpoints of any layouts (pyloop, scan, shared; the same or
 * not), in bytes, without tfjs: every layer's tensor (a slice of a stacked one) must equal the
 * other's bit for bit, and every tensor outside the block must be identical. Each mismatching
 * key and layer is reported with how much it differs (tensorDiff.ts).
 */
import { LayoutError } from '../errors.js';
import { sameSource } from '../format/sources.js';
import { firstDifference } from '../format/types.js';
import { blockLeafRefs } from '../layout/plan.js';
import { tensorDiff } from './tensorDiff.js';
/** Equal dtype, shape and bytes; a view that reads the very bytes of the other is equal unread. */
export function sameBytes(a, b) {
    return a.dtype === b.dtype && a.shape.join() === b.shape.join() && (sameSource(a, b) || firstDifference(a, b) < 0);
}
const DEFAULT_NAMES = { first: 'the first checkpoint', second: 'the second' };
/**
 * Both checkpoints hold the same model: the same parameter names, depth and shapes (dtypes may
 * differ: that is a parameter mismatch, not another model). Reads no tensor bytes, so it runs
 * before any form starts; a pair that fails it is bad input (exit 2), not a failed check.
 */
export function checkSameModel(a, b, names = DEFAULT_NAMES) {
    const fail = (what) => {
        throw new LayoutError(`${names.first} and ${names.second} are not the same model: ${what}`, 'TREES_DIFFER');
    };
    const shape = (r) => `[${r.shape.join(', ')}]`;
    const leavesA = blockLeafRefs(a);
    const leavesB = blockLeafRefs(b);
    const depthA = leavesA.values().next().value?.refs.length ?? 0;
    const depthB = leavesB.values().next().value?.refs.length ?? 0;
    if (depthA !== depthB)
        fail(`${depthA} layers in ${names.first}, ${depthB} in ${names.second}`);
    for (const [key, la] of leavesA) {
        const lb = leavesB.get(key);
        if (!lb)
            fail(`${key} is in ${names.first}'s layers but not in ${names.second}'s`);
        else if (la.refs.length !== lb.refs.length)
            fail(`${key} has ${la.refs.length} layers in ${names.first}, ${lb.refs.length} in ${names.second}`);
        else if (shape(la.refs[0]) !== shape(lb.refs[0]))
            fail(`${key} is ${shape(la.refs[0])} per layer in ${names.first}, ${shape(lb.refs[0])} in ${names.second}`);
    }
    for (const key of leavesB.keys())
        if (!leavesA.has(key))
            fail(`${key} is in ${names.second}'s layers but not in ${names.first}'s`);
    const carriedB = new Map(b.carried.map((r) => [r.name, r]));
    for (const ref of a.carried) {
        const other = carriedB.get(ref.name);
        if (!other)
            fail(`${ref.name} is in ${names.first} but not in ${names.second}`);
        else if (shape(ref) !== shape(other))
            fail(`${ref.name} is ${shape(ref)} in ${names.first}, ${shape(other)} in ${names.second}`);
        carriedB.delete(ref.name);
    }
    const extra = carriedB.keys().next();
    if (!extra.done)
        fail(`${extra.value} is in ${names.second} but not in ${names.first}`);
}
export function paramCheck(a, b, names) {
    checkSameModel(a, b, names);
    const mismatches = [];
    let checked = 0;
    const leavesB = blockLeafRefs(b);
    for (const [key, la] of blockLeafRefs(a)) {
        const lb = leavesB.get(key);
        la.refs.forEach((ref, layer) => {
            checked++;
            if (!sameBytes(ref, lb.refs[layer]))
                mismatches.push({ key, layer, diff: tensorDiff(ref, lb.refs[layer]) });
        });
    }
    const carriedB = new Map(b.carried.map((r) => [r.name, r]));
    for (const ref of a.carried) {
        checked++;
        const other = carriedB.get(ref.name);
        if (!sameBytes(ref, other))
            mismatches.push({ key: ref.name, layer: null, diff: tensorDiff(ref, other) });
    }
    return { checked, equal: mismatches.length === 0, mismatches };
}
