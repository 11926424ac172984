/**
 * One fault reads as one fault. When layer N of one form diverges, every later layer gets a
 * different input and diverges too; listing them all as failures hides the cause. A run of
 * consecutive failing layers is one divergence: its first layer (whose input still agreed) and
 * first intermediate over the threshold are the cause, and the rest of the run is downstream.
 */
import type { DiffStats } from './diff.js';
import type { ParamCheck } from './paramCheck.js';
import type { LayerRow } from './report.js';

export interface Divergence {
  /** The layer where the forms start to disagree: its input agreed, an intermediate did not. */
  layer: number;
  /** Its first intermediate (in the model's order) over the threshold. */
  intermediate: string;
  maxAbsDiff: number;
  /** The last failing layer of the run that starts here (== layer when only it fails). */
  through: number;
  /** Parameter keys that differ between the two checkpoints at this layer. */
  paramsDiffer: string[];
}

/** Marks each failing row's `downstreamOf` and returns the divergences, in layer order. */
export function findDivergences(rows: LayerRow[], threshold: number, params?: ParamCheck): Divergence[] {
  const out: Divergence[] = [];
  let current: Divergence | undefined;
  for (const row of rows) {
    if (row.passed) {
      current = undefined;
      row.downstreamOf = null;
      continue;
    }
    if (current) {
      current.through = row.layer;
      row.downstreamOf = current.layer;
      continue;
    }
    const [intermediate, maxAbsDiff] = Object.entries(row.maxAbsDiff).find(([, d]) => !(d <= threshold)) ?? ['', NaN];
    const paramsDiffer = (params?.mismatches ?? []).filter((m) => m.layer === row.layer).map((m) => m.key);
    current = { layer: row.layer, intermediate, maxAbsDiff, through: row.layer, paramsDiffer };
    row.downstreamOf = null;
    out.push(current);
  }
  return out;
}

/** The layer whose divergence the final output inherits: the run that reaches the last layer. */
export function finalDownstreamOf(final: DiffStats, rows: readonly LayerRow[], divergences: readonly Divergence[]): number | null {
  const last = rows[rows.length - 1];
  if (final.passed || !last || last.passed) return null;
  return divergences.find((d) => d.through === last.layer)?.layer ?? null;
}

/** "11" or "11-41": the downstream layers of a divergence. */
export function downstreamRange(d: Divergence): string | null {
  if (d.through === d.layer) return null;
  return d.through === d.layer + 1 ? `layer ${d.through}` : `layers ${d.layer + 1}-${d.through}`;
}
