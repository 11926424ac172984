/**
 * Where a view's bytes come from. An in-memory conversion is a tree of views (a layer slice of
 * a stacked view of per-layer tensors); flattening it gives the runs of stored tensors' bytes
 * it reads. Two tensors whose runs are identical hold identical bytes, so a comparison can
 * skip reading them: verify's parameter check of a checkpoint against its own in-memory
 * conversion then costs no I/O, yet still proves every slice maps back to the right layer.
 */
import type { Piece, TensorRef } from './types.js';
/** The stored-tensor byte runs `ref` reads, merged; null when finding them would cost more than reading. */
export declare function sourceRuns(ref: TensorRef): Piece[] | null;
/** True when both tensors read exactly the same stored bytes (so they are equal without reading). */
export declare function sameSource(a: TensorRef, b: TensorRef): boolean;
