/**
 * A form's weights as f32 tfjs tensors: `params.layer(i)(path)` and `params.global(path)`,
 * read through the form's ModelTree (tree.ts says where each form finds them).
 */
import { backendCopiesValues, tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayoutError } from '../errors.js';
import { COMPUTE_DTYPES } from '../format/dtype.js';
import { toFloat32 } from '../format/floats.js';
import { readAll, type TensorIndex, type TensorRef } from '../format/types.js';
import type { Layout, LayoutOptions } from '../layout/analyze.js';
import { modelTree, type ModelTree } from './tree.js';

/** Layer-relative or global tensor, by path segments (e.g. ['self_attention', 'query', 'kernel']). */
export type ParamGetter = (path: readonly string[]) => Tensor;

export interface ModelParams extends Pick<ModelTree, 'form' | 'layers' | 'layerLeaves' | 'globalLeaves'> {
  layer(i: number): ParamGetter;
  global: ParamGetter;
  /** A tensor outside the block, by its full name. */
  named(name: string): Tensor;
  /** Rows `ids` of a 2-D tensor outside the block, (ids.length, cols): an embedding lookup that reads only those rows. */
  rows(name: string, ids: ArrayLike<number>): Tensor;
  /** Rows start..start+count-1 of a 2-D tensor outside the block: a vocabulary chunk of a (V, D) head. */
  rowRange(name: string, start: number, count: number): Tensor;
}

/**
 * One read buffer per thread for f32 weights, reused when the backend copies a tensor's values
 * as it is made (backendCopiesValues). That spares the page faults of a fresh allocation for
 * every weight (221 MB per form at the notebook's size).
 */
let scratch = new Uint8Array(0);

function readWeightBytes(ref: TensorRef): Uint8Array {
  if ((ref.dtype !== 'F32' && ref.dtype !== 'BF16') || !backendCopiesValues()) return readAll(ref);
  if (scratch.byteLength < ref.byteLength) scratch = new Uint8Array(ref.byteLength);
  const bytes = scratch.subarray(0, ref.byteLength);
  ref.readInto(bytes, 0, 0, ref.byteLength);
  return bytes;
}

/**
 * bf16 widened into a second reused buffer (same condition as the read buffer): at a 1B model's
 * size the fresh 46 MB arrays per weight were a fifth of verify's time. bf16 -> f32 is the 16
 * bits shifted up. Two values are read as one little-endian u32 (safetensors' byte order, and
 * every host here): the first is its low half shifted up, the second its high half masked,
 * which V8 runs in 19 ms per 11.5M values against 33 ms one u16 at a time.
 */
let wide = new Uint32Array(0);

function weightValues(ref: TensorRef): Float32Array {
  const bytes = readWeightBytes(ref);
  if (ref.dtype !== 'BF16' || !backendCopiesValues() || bytes.byteOffset % 4 !== 0) return toFloat32(ref.dtype, bytes);
  const n = bytes.byteLength / 2;
  if (wide.length < n) wide = new Uint32Array(n);
  widenBf16Pairs(new Uint32Array(bytes.buffer, bytes.byteOffset, n >>> 1), wide);
  if (n % 2) wide[n - 1] = new Uint16Array(bytes.buffer, bytes.byteOffset, n)[n - 1] << 16;
  return new Float32Array(wide.buffer, 0, n);
}

function widenBf16Pairs(pairs: Uint32Array, out: Uint32Array): void {
  for (let i = 0, j = 0; i < pairs.length; i++, j += 2) {
    const w = pairs[i];
    out[j] = w << 16;
    out[j + 1] = w & 0xffff0000;
  }
}

/** Widen a stored tensor to an f32 tfjs tensor (exact for bf16/f16; files are never changed). */
export function refToTensor(ref: TensorRef, shape: readonly number[] = ref.shape): Tensor {
  computeDtype(ref);
  return tf.tensor(weightValues(ref), [...shape], 'float32');
}

function computeDtype(ref: TensorRef): void {
  if (!COMPUTE_DTYPES.includes(ref.dtype)) {
    throw new LayoutError(`${ref.name}: dtype ${ref.dtype} cannot be used as a model parameter (need ${COMPUTE_DTYPES.join(', ')})`, 'BAD_PARAM_DTYPE');
  }
}

/** Rows of a 2-D ref (a list, or start..start+count-1 in one read), widened to f32: (rows, cols). */
function readRows(ref: TensorRef, rows: ArrayLike<number> | { start: number; count: number }): Tensor {
  computeDtype(ref);
  if (ref.shape.length !== 2) throw new LayoutError(`${ref.name}: expected a 2-D table, found shape [${ref.shape.join(', ')}]`, 'BAD_SHAPE');
  const [count, cols] = ref.shape;
  const rowBytes = ref.byteLength / count;
  const check = (row: number) => {
    if (!(Number.isInteger(row) && row >= 0 && row < count)) throw new LayoutError(`${ref.name}: row ${row} is outside 0..${count - 1}`, 'BAD_INPUT');
  };
  const n = 'start' in rows ? rows.count : rows.length;
  const bytes = new Uint8Array(n * rowBytes);
  if ('start' in rows) {
    check(rows.start);
    check(rows.start + rows.count - 1);
    ref.readInto(bytes, 0, rows.start * rowBytes, n * rowBytes);
  } else {
    for (let r = 0; r < n; r++) {
      check(rows[r]);
      ref.readInto(bytes, r * rowBytes, rows[r] * rowBytes, rowBytes);
    }
  }
  return tf.tensor(toFloat32(ref.dtype, bytes), [n, cols], 'float32');
}

/** The weights of `index` as seen by the `form` model, converting in memory when needed. */
export function modelParams(index: TensorIndex, form: Layout, options: Partial<LayoutOptions> = {}): ModelParams {
  const tree = modelTree(index, form, options);
  // Shared: the same ref for every layer, so its tensor is read once and kept.
  const kept = new Map<TensorRef, Tensor>();
  return {
    form: tree.form,
    layers: tree.layers,
    layerLeaves: tree.layerLeaves,
    globalLeaves: tree.globalLeaves,
    global: (path) => refToTensor(tree.globalRef(path)),
    named: (name) => refToTensor(tree.carriedRef(name)),
    rows: (name, ids) => readRows(tree.carriedRef(name), ids),
    rowRange: (name, start, count) => readRows(tree.carriedRef(name), { start, count }),
    layer: (i) => (path) => {
      const ref = tree.layerRef(i, path);
      if (form !== 'shared') return refToTensor(ref);
      let t = kept.get(ref);
      if (!t) kept.set(ref, (t = tf.keep(refToTensor(ref))));
      // A clone shares the kept values; callers may dispose what they are given (decoder.ts project).
      return tf.clone(t);
    },
  };
}
