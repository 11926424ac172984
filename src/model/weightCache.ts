/**
 * generate's weight cache: a decode step reads every weight again (a forward call uses each
 * once and frees it, decoder.ts project), so for N new tokens each weight is read and widened
 * N + 1 times. This keeps the f32 tensors it has read, up to a byte budget, and hands out
 * clones (they share the kept values; callers may dispose what they get). Past the budget it
 * streams as before. The values are the ones a fresh read gives, so results do not change.
 */
import { tf } from './tf.js';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ModelParams } from './params.js';

/** The default budget of f32 bytes kept per form: 1 GiB (wasm's memory is at most 4 GiB a thread). */
export const DEFAULT_WEIGHT_CACHE_BYTES = 1 << 30;

export interface CachedParams extends ModelParams {
  /** Bytes of f32 values kept. */
  readonly keptBytes: () => number;
  dispose(): void;
}

export function cachedParams(params: ModelParams, budgetBytes = DEFAULT_WEIGHT_CACHE_BYTES): CachedParams {
  const kept = new Map<string, Tensor>();
  let used = 0;
  const through = (key: string, read: () => Tensor): Tensor => {
    const hit = kept.get(key);
    if (hit) return tf.clone(hit);
    const t = read();
    const bytes = t.size * 4;
    if (used + bytes > budgetBytes) return t;
    used += bytes;
    kept.set(key, tf.keep(t));
    return tf.clone(t);
  };
  const k = (...parts: (string | number | boolean | undefined)[]) => parts.join('\u0000');
  return {
    ...params,
    layer: (i) => (path, read) => through(k('layer', i, read?.transposed, ...path), () => params.layer(i)(path, read)),
    global: (path, read) => through(k('global', read?.transposed, ...path), () => params.global(path, read)),
    named: (name) => through(k('named', name), () => params.named(name)),
    rowRange: (name, start, count) => through(k('rows', name, start, count), () => params.rowRange(name, start, count)),
    columnRange: (name, start, count, read) => through(k('columns', name, start, count, read?.transposed), () => params.columnRange(name, start, count, read)),
    keptBytes: () => used,
    dispose: () => {
      tf.dispose([...kept.values()]);
      kept.clear();
      used = 0;
    },
  };
}
