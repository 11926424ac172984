/**
 * Bit-level conversions between the half-precision formats and f32. Widening (bf16/f16 -> f32)
 * is exact; narrowing rounds to nearest-even and is exact for values the narrow type can hold,
 * which is all that a JSON round trip of a bf16/f16 tensor ever produces.
 */
import type { DType } from './dtype.js';
export declare function bf16BitsToF32(bits: number): number;
export declare function f32ToBf16Bits(value: number): number;
export declare function f16BitsToF32(bits: number): number;
export declare function f32ToF16Bits(value: number): number;
/** Widen a floating tensor's bytes to f32 for compute (F32 input is viewed, not copied). Files are never changed. */
export declare function toFloat32(dtype: string, bytes: Uint8Array): Float32Array;
/**
 * NaN and infinity by their bits, per floating dtype: an element of `size` bytes is non-finite
 * when, for one of its little-endian words of `width` bytes at `offsets`, `(word & mask) === mask`
 * (an exponent of all ones). Integer and bool dtypes have neither and are absent. The 8-bit
 * floats are the OCP formats safetensors names (as PyTorch and ml_dtypes define them): F8_E4M3 is
 * E4M3FN, with no infinity and NaN at S.1111.111; F8_E5M2 is IEEE-like (exponent all ones:
 * infinity or NaN); F8_E8M0 (E8M0FNU, an exponent only) has NaN at 0xff. A C64 is two F32s.
 */
export interface NonfiniteBits {
    size: number;
    width: 1 | 2 | 4;
    offsets: readonly number[];
    mask: number;
}
export declare const NONFINITE_BITS: Readonly<Partial<Record<DType, NonfiniteBits>>>;
/** Non-finite elements among `n` bytes of `dv` (whole elements of `bits`): one plain loop per word width, since this sees every byte `check` reads. */
export declare function countNonfiniteBits(bits: NonfiniteBits, dv: DataView, n: number): number;
