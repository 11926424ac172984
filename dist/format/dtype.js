/**
 * The safetensors dtype vocabulary (as in the Rust crate's `Dtype` enum) and element sizes.
 * Sub-byte types (F4, F6_*) are listed by the spec but have no whole-byte size; we reject them
 * with a clear error rather than guess a packing.
 */
export const DTYPE_SIZES = {
    BOOL: 1,
    U8: 1,
    I8: 1,
    F8_E5M2: 1,
    F8_E4M3: 1,
    F8_E8M0: 1,
    I16: 2,
    U16: 2,
    F16: 2,
    BF16: 2,
    I32: 4,
    U32: 4,
    F32: 4,
    C64: 8,
    F64: 8,
    I64: 8,
    U64: 8,
};
export function isDType(name) {
    return Object.prototype.hasOwnProperty.call(DTYPE_SIZES, name);
}
export function dtypeSize(dtype) {
    return DTYPE_SIZES[dtype];
}
/** Number of elements of a shape; the empty shape is a scalar (1 element). */
export function numel(shape) {
    let n = 1;
    for (const d of shape)
        n *= d;
    return n;
}
/** Floating dtypes the models can compute with (widened to f32; see model/params.ts). */
export const COMPUTE_DTYPES = ['F32', 'BF16', 'F16', 'F64'];
