/**
 * How a model form gets its weights: `params.layer(i)(path)` for layer i's tensors and
 * `params.global(path)` for the rest. The pyloop, scan and shared forms differ ONLY here:
 *  - pyloop reads `layer_i.<path>`,
 *  - scan slices index i of the stacked `blocks.<path>` on the stacking axis (read lazily: one
 *    layer's bytes at a time, so a checkpoint larger than memory can still be run),
 *  - shared reads the one `blocks.<path>` for every layer.
 * A checkpoint in another layout is converted in memory (a plan of byte pieces, no copy).
 */
import * as tf from '@tensorflow/tfjs-core';
import { LayoutError } from '../errors.js';
import { COMPUTE_DTYPES } from '../format/dtype.js';
import { toFloat32 } from '../format/floats.js';
import { readAll, type TensorIndex, type TensorRef } from '../format/types.js';
import { outputAsRef } from '../format/stream.js';
import { unstackTensor } from '../layout/pieces.js';
import { analyzeLayout, carriedOptions, convertedIndex, type Layout, type LayoutOptions } from '../layout/plan.js';

/** Layer-relative or global tensor, by path segments (e.g. ['self_attention', 'query', 'kernel']). */
export type ParamGetter = (path: readonly string[]) => tf.Tensor;

export interface ModelParams {
  readonly form: Layout;
  readonly layers: number;
  /** Layer-relative leaf paths and their (per-layer) refs' shapes, for model detection. */
  readonly layerLeaves: ReadonlyMap<string, readonly number[]>;
  /** Tensors outside the block, relative to the block's parent, with shapes. */
  readonly globalLeaves: ReadonlyMap<string, readonly number[]>;
  layer(i: number): ParamGetter;
  global: ParamGetter;
}

/** Widen a stored tensor to an f32 tfjs tensor (exact for bf16/f16; files are never changed). */
export function refToTensor(ref: TensorRef, shape: readonly number[] = ref.shape): tf.Tensor {
  if (!COMPUTE_DTYPES.includes(ref.dtype)) {
    throw new LayoutError(`${ref.name}: dtype ${ref.dtype} cannot be used as a model parameter (need ${COMPUTE_DTYPES.join(', ')})`, 'BAD_PARAM_DTYPE');
  }
  return tf.tensor(toFloat32(ref.dtype, readAll(ref)), [...shape], 'float32');
}

/** The weights of `index` as seen by the `form` model, converting in memory when needed. */
export function modelParams(index: TensorIndex, form: Layout, options: Partial<LayoutOptions> = {}): ModelParams {
  let analysis = analyzeLayout(index, options);
  if (analysis.layout !== form) {
    analysis = analyzeLayout(convertedIndex(index, analysis, form), { ...options, ...carriedOptions(analysis) });
  }
  const { sep } = analysis;
  const groups = form === 'pyloop' ? analysis.layerGroups : analysis.stackGroups;
  if (groups.length !== 1) {
    throw new LayoutError(`${index.path}: models run one repeated block, but found ${groups.length} (${groups.map((g) => g.parent.join(sep) || '(root)').join(', ')})`, 'MANY_GROUPS');
  }
  const parent = groups[0].parent;
  const globalRefs = new Map<string, TensorRef>();
  for (const ref of analysis.carried) {
    const path = ref.name.split(sep);
    const inside = parent.every((seg, i) => path[i] === seg);
    if (inside) globalRefs.set(path.slice(parent.length).join('.'), ref);
  }
  const global: ParamGetter = (path) => {
    const ref = globalRefs.get(path.join('.'));
    if (!ref) throw new LayoutError(`${index.path}: missing parameter ${[...parent, ...path].join(sep)}`, 'MISSING_PARAM');
    return refToTensor(ref);
  };
  const globalLeaves = new Map([...globalRefs].map(([k, r]) => [k, r.shape]));

  if (form === 'pyloop') {
    const g = analysis.layerGroups[0];
    const slot = new Map(g.leaves.map((rel, j) => [rel.join('.'), j]));
    return {
      form,
      layers: g.layers.length,
      layerLeaves: new Map(g.leaves.map((rel, j) => [rel.join('.'), g.layers[0].refs[j].shape])),
      globalLeaves,
      global,
      layer: (i) => (path) => {
        const j = slot.get(path.join('.'));
        if (j === undefined) throw new LayoutError(`${index.path}: missing parameter ${[...parent, g.layers[i].segment, ...path].join(sep)}`, 'MISSING_PARAM');
        return refToTensor(g.layers[i].refs[j]);
      },
    };
  }
  const g = analysis.stackGroups[0];
  const byPath = new Map(g.leaves.map((l) => [l.rel.join('.'), l.ref]));
  const axis = analysis.options.axis;
  const perLayerShape = (ref: TensorRef) => (form === 'scan' ? [...ref.shape.slice(0, axis), ...ref.shape.slice(axis + 1)] : ref.shape);
  const cache = new Map<string, tf.Tensor>();
  return {
    form,
    layers: analysis.layers,
    layerLeaves: new Map(g.leaves.map((l) => [l.rel.join('.'), perLayerShape(l.ref)])),
    globalLeaves,
    global,
    layer: (i) => (path) => {
      const key = path.join('.');
      const ref = byPath.get(key);
      if (!ref) throw new LayoutError(`${index.path}: missing parameter ${[...parent, g.name, ...path].join(sep)}`, 'MISSING_PARAM');
      if (form === 'scan') return refToTensor(outputAsRef(unstackTensor(ref.name, ref, axis, i)));
      // Shared: one set of weights for every layer, read once and kept.
      let t = cache.get(key);
      if (!t) cache.set(key, (t = tf.keep(refToTensor(ref))));
      return t;
    },
  };
}
