/**
 * The safetensors dtype vocabulary (as in the Rust crate's `Dtype` enum) and element sizes.
 * Sub-byte types (F4, F6_*) are listed by the spec but have no whole-byte size; we reject them
 * with a clear error rather than guess a packing.
 */
export declare const DTYPE_SIZES: {
    readonly BOOL: 1;
    readonly U8: 1;
    readonly I8: 1;
    readonly F8_E5M2: 1;
    readonly F8_E4M3: 1;
    readonly F8_E8M0: 1;
    readonly I16: 2;
    readonly U16: 2;
    readonly F16: 2;
    readonly BF16: 2;
    readonly I32: 4;
    readonly U32: 4;
    readonly F32: 4;
    readonly C64: 8;
    readonly F64: 8;
    readonly I64: 8;
    readonly U64: 8;
};
export type DType = keyof typeof DTYPE_SIZES;
export declare function isDType(name: string): name is DType;
export declare function dtypeSize(dtype: DType): number;
/** Number of elements of a shape; the empty shape is a scalar (1 element). */
export declare function numel(shape: readonly number[]): number;
/** Floating dtypes the models can compute with (widened to f32; see model/params.ts). */
export declare const COMPUTE_DTYPES: readonly DType[];
