/**
 * Library entry for `scanconv check` (pre-commit): structural validation without running a
 * model. Every format rule, consistent layer groups, no NaN/Inf, optionally the expected layout.
 */
import { LayoutError, ScanconvError } from './errors.js';
import { countNonfiniteBits, NONFINITE_BITS } from './format/floats.js';
import { openCheckpoint } from './format/open.js';
import type { TensorRef } from './format/types.js';
import { INVALID_LAYOUT_CODES } from './layout/metadata.js';
import { analyzeLayout, layerCount, type Layout, type LayoutOptions } from './layout/analyze.js';

export interface CheckOptions extends Partial<LayoutOptions> {
  allowNonfinite?: boolean;
  expectLayout?: Layout;
  sep?: string;
}

export interface CheckResult {
  file: string;
  /** 0 ok, 1 a check failed, 2 the file is not a valid checkpoint. */
  code: 0 | 1 | 2;
  /** One line that names the file. */
  message: string;
  /** The broken rule's stable code (a ScanconvError's, or NONFINITE / WRONG_LAYOUT), when not ok. */
  error?: string;
}

/** A message that names `file`, so a pre-commit run over many files says which one is bad. */
const naming = (file: string, message: string) => (message.includes(file) ? message : `${file}: ${message}`);

const CHUNK = 8 << 20;

/** Count of NaN/Inf elements, reading the raw bits chunk by chunk (no widening, no copy of the tensor). */
export function countNonfinite(ref: TensorRef): number {
  const bits = NONFINITE_BITS[ref.dtype];
  if (!bits) return 0;
  const buf = new Uint8Array(Math.min(CHUNK, ref.byteLength));
  const dv = new DataView(buf.buffer);
  let bad = 0;
  for (let off = 0; off < ref.byteLength; off += CHUNK) {
    const n = Math.min(CHUNK, ref.byteLength - off);
    ref.readInto(buf, 0, off, n);
    bad += countNonfiniteBits(bits, dv, n);
  }
  return bad;
}

export function checkFile(file: string, options: CheckOptions = {}): CheckResult {
  let index;
  try {
    index = openCheckpoint(file, { sep: options.sep });
  } catch (e) {
    if (e instanceof ScanconvError) return { file, code: 2, message: naming(file, e.message), error: e.code };
    throw e;
  }
  try {
    let summary: string;
    let layout: Layout | undefined;
    try {
      const a = analyzeLayout(index, options);
      layout = a.layout;
      summary = `${a.layout}, ${layerCount(a.depths.values())} layers`;
    } catch (e) {
      if (!(e instanceof LayoutError)) throw e;
      // Unreadable provenance or impossible layer counts make the file invalid; a bad tree fails the check.
      if (INVALID_LAYOUT_CODES.has(e.code)) return { file, code: 2, message: naming(file, e.message), error: e.code };
      // Numeric children the default rules took for layers but that differ (T5, DeepSeek) fail
      // no check: scanconv cannot convert them, and the file is as valid as before.
      if (e.code === 'UNSURE_LAYERS') summary = 'no layer groups (numeric children that are not one repeated block; --layers to check them as layers)';
      else if (e.code !== 'NO_LAYOUT') return { file, code: 1, message: naming(file, e.message), error: e.code };
      else summary = 'no layer groups';
    }
    if (options.expectLayout && layout !== options.expectLayout) {
      return { file, code: 1, message: `${file}: expected the ${options.expectLayout} layout, found ${layout ?? 'no layer groups'}`, error: 'WRONG_LAYOUT' };
    }
    if (!options.allowNonfinite) {
      for (const ref of index.tensors.values()) {
        const bad = countNonfinite(ref);
        if (bad) return { file, code: 1, message: `${file}: tensor "${ref.name}" has ${bad} NaN/Inf values (--allow-nonfinite to accept)`, error: 'NONFINITE' };
      }
    }
    return { file, code: 0, message: `${file}: ${index.format}, ${summary}, ${index.tensors.size} tensors` };
  } finally {
    index.close();
  }
}
