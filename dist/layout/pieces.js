/**
 * Byte-level recipes for stacking and unstacking, as OutputTensors whose pieces are runs of
 * source bytes. Stacking L tensors of shape s on axis a gives shape s[:a] + [L] + s[a:]; in C
 * order that is, for each of the prod(s[:a]) outer rows, layer 0's row, layer 1's row, ... So
 * axis 0 is L whole-tensor copies and any other axis is a strided interleave: never a copy of
 * the data in memory, only a walk over offsets.
 */
import { dtypeSize, numel } from '../format/dtype.js';
export function stackedShape(shape, count, axis) {
    return [...shape.slice(0, axis), count, ...shape.slice(axis)];
}
export function unstackedShape(shape, axis) {
    return [...shape.slice(0, axis), ...shape.slice(axis + 1)];
}
/** `refs` (same dtype and shape) stacked on a new `axis`. */
export function stackTensors(name, refs, axis) {
    const { dtype, shape } = refs[0];
    if (axis < 0 || axis > shape.length)
        throw new RangeError(`axis ${axis} out of range for rank ${shape.length}`);
    const outer = numel(shape.slice(0, axis));
    const inner = numel(shape.slice(axis)) * dtypeSize(dtype);
    return {
        name,
        dtype,
        shape: stackedShape(shape, refs.length, axis),
        byteLength: inner * outer * refs.length,
        *pieces() {
            if (inner === 0)
                return;
            for (let o = 0; o < outer; o++)
                for (const ref of refs)
                    yield { ref, offset: o * inner, length: inner };
        },
    };
}
/** Slice `index` of `ref` along `axis`, dropping that axis. */
export function unstackTensor(name, ref, axis, index) {
    const { dtype, shape } = ref;
    const count = shape[axis];
    const outer = numel(shape.slice(0, axis));
    const inner = numel(shape.slice(axis + 1)) * dtypeSize(dtype);
    return {
        name,
        dtype,
        shape: unstackedShape(shape, axis),
        byteLength: inner * outer,
        *pieces() {
            if (inner === 0)
                return;
            if (outer === 1) {
                yield { ref, offset: index * inner, length: inner };
                return;
            }
            for (let o = 0; o < outer; o++)
                yield { ref, offset: (o * count + index) * inner, length: inner };
        },
    };
}
