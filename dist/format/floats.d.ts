export declare function bf16BitsToF32(bits: number): number;
export declare function f32ToBf16Bits(value: number): number;
export declare function f16BitsToF32(bits: number): number;
export declare function f32ToF16Bits(value: number): number;
/** Widen a floating tensor's bytes to f32 for compute (F32 input is viewed, not copied). Files are never changed. */
export declare function toFloat32(dtype: string, bytes: Uint8Array): Float32Array;
