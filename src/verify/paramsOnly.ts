/**
 * `verify A B --params-only`: the bit-exact parameter check of a pair alone, for any tree,
 * known to a model family or not, and any two layouts (pyloop, scan or shared, the same or
 * not: a round trip A -> B -> A is checked as A against A'). No model runs, so nothing about
 * the architecture is needed: layer by layer (a slice of a stacked tensor against its layer's
 * tensor), everything else by name. Metadata (provenance included) is not compared: only tensors.
 * Trees without layer groups are compared tensor by tensor by name.
 */
import type { ChalkInstance } from 'chalk';
import { LayoutError } from '../errors.js';
import { openCheckpoint } from '../format/open.js';
import { countNonfinite } from '../check.js';
import type { TensorIndex } from '../format/types.js';
import { analyzeLayout, type Layout, type LayoutAnalysis, type LayoutOptions } from '../layout/analyze.js';
import { checkSameModel, paramCheck, sameBytes, type PairNames, type ParamCheck } from './paramCheck.js';
import { StagedCheckpoints } from '../format/orbax/stagedIndex.js';
import { renderParamLines } from './render.js';
import { tensorDiff, type TensorDiff } from './tensorDiff.js';

export interface ParamsOnlyReport {
  passed: boolean;
  paramsOnly: true;
  /** Each checkpoint's layout; 'none' for a tree without layer groups. */
  forms: { name: Layout | 'none'; checkpoint: string }[];
  layers: number;
  params: ParamCheck;
  /**
   * Tensors holding NaN or infinity, in either checkpoint (the first few): a failure even when the
   * two are bit-identical, since a NaN never counts as agreement.
   */
  nonfinite: NonfiniteTensor[];
  /** Orbax checkpoints that were not decoded once into a temporary file, and why (slower, as exact). */
  staging?: string[];
  seconds: number;
}

export interface NonfiniteTensor {
  checkpoint: string;
  tensor: string;
  /** NaN and infinite values in it. */
  count: number;
}

/** Tensors listed in a report; the scan still reads every tensor of both checkpoints. */
const MAX_NONFINITE_LISTED = 20;

/** NaN/Inf in every tensor of `index`, by raw bits (check's scan: every float dtype, F8 and complex too). */
function nonfiniteTensors(index: TensorIndex, checkpoint: string, into: NonfiniteTensor[]): void {
  for (const ref of index.tensors.values()) {
    const count = countNonfinite(ref);
    if (count && into.length < MAX_NONFINITE_LISTED) into.push({ checkpoint, tensor: ref.name, count });
  }
}

export interface ParamsOnlyOptions extends Partial<LayoutOptions> {
  sep?: string;
  /** Orbax/T5X inputs: keep the optimizer state. */
  optimizerState?: boolean;
  /** false: read Orbax checkpoints by byte range, decoding nothing ahead (tests compare both ways). */
  stage?: boolean;
}

/** Layer groups, or none (a tree with no repeated block is compared by name). */
function analyzeOrNone(index: TensorIndex, layout: Partial<LayoutOptions>): LayoutAnalysis | undefined {
  try {
    return analyzeLayout(index, layout);
  } catch (e) {
    if (e instanceof LayoutError && (e.code === 'NO_LAYOUT' || e.code === 'UNSURE_LAYERS')) return undefined;
    throw e;
  }
}

/** Two trees without layers: the same names and shapes, every tensor compared. */
function byName(a: TensorIndex, b: TensorIndex, names: PairNames): ParamCheck {
  const fail = (what: string): never => {
    throw new LayoutError(`${names.first} and ${names.second} are not the same model: ${what}`, 'TREES_DIFFER');
  };
  const mismatches: ParamCheck['mismatches'] = [];
  for (const [name, ra] of a.tensors) {
    const rb = b.tensors.get(name);
    if (!rb) return fail(`${name} is in ${names.first} but not in ${names.second}`);
    if (ra.shape.join() !== rb.shape.join()) fail(`${name} is [${ra.shape.join(', ')}] in ${names.first}, [${rb.shape.join(', ')}] in ${names.second}`);
    if (!sameBytes(ra, rb)) mismatches.push({ key: name, layer: null, diff: tensorDiff(ra, rb) });
  }
  for (const name of b.tensors.keys()) if (!a.tensors.has(name)) fail(`${name} is in ${names.second} but not in ${names.first}`);
  return { checked: a.tensors.size, equal: mismatches.length === 0, mismatches };
}

/**
 * Compare two checkpoints parameter by parameter. Orbax checkpoints are first decoded once into
 * a temporary file (orbax/stagedIndex.ts) unless `stage` is false or the temporary directory
 * cannot take them; `staging` in the report says why one was not.
 */
export async function verifyParamsOnly(checkpoint: string, other: string, options: ParamsOnlyOptions = {}): Promise<ParamsOnlyReport> {
  const started = performance.now();
  const layout: Partial<LayoutOptions> = { layerPattern: options.layerPattern, stack: options.stack, axis: options.axis, numLayers: options.numLayers, from: options.from, blockSize: options.blockSize };
  const names = { first: checkpoint, second: other };
  const opened: TensorIndex[] = [];
  const staged = new StagedCheckpoints();
  try {
    const indexA = openCheckpoint(checkpoint, { sep: options.sep, optimizerState: options.optimizerState });
    opened.push(indexA);
    const indexB = openCheckpoint(other, { sep: options.sep, optimizerState: options.optimizerState });
    opened.push(indexB);
    // The trees are matched from metadata first: a pair that is not one model is refused before
    // minutes of decoding.
    const a = analyzeOrNone(indexA, layout);
    // --from describes the first checkpoint only.
    const b = analyzeOrNone(indexB, { ...layout, from: undefined });
    if (!a !== !b) {
      const [with_, without] = a ? [checkpoint, other] : [other, checkpoint];
      throw new LayoutError(`${checkpoint} and ${other} are not the same model: ${with_} has layer groups, ${without} has none`, 'TREES_DIFFER');
    }
    if (a && b) checkSameModel(a, b, names);
    const decoded = async (index: TensorIndex, name: string, analysis: LayoutAnalysis | undefined, from: Partial<LayoutOptions>) => {
      if (options.stage === false) return { index, analysis };
      const now = await staged.open(name, index);
      if (now === index) return { index, analysis };
      opened[opened.indexOf(index)] = now;
      return { index: now, analysis: analysis && analyzeLayout(now, from) };
    };
    const A = await decoded(indexA, checkpoint, a, layout);
    const B = await decoded(indexB, other, b, { ...layout, from: undefined });
    const params = A.analysis && B.analysis ? paramCheck(A.analysis, B.analysis, names) : byName(A.index, B.index, names);
    const nonfinite: NonfiniteTensor[] = [];
    nonfiniteTensors(A.index, checkpoint, nonfinite);
    nonfiniteTensors(B.index, other, nonfinite);
    return {
      passed: params.equal && !nonfinite.length,
      paramsOnly: true,
      forms: [
        { name: a?.layout ?? 'none', checkpoint },
        { name: b?.layout ?? 'none', checkpoint: other },
      ],
      layers: a?.layers ?? 0,
      params,
      nonfinite,
      ...(staged.notes.length ? { staging: staged.notes } : {}),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const index of opened) index.close();
    staged.removeAll();
  }
}

/** `1.2e-3`, `0`: short and exact enough for a table. */
const num = (x: number | null) => (x === null ? 'n/a' : x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(4))) : x.toExponential(2));

/** One line per differing tensor: how much, where first, and whether a cast explains it. */
export function diffLine(key: string, layer: number | null, d: TensorDiff): string {
  const where = layer === null ? key : `layer ${layer} ${key}`;
  const dtypes = d.dtypes[0] === d.dtypes[1] ? d.dtypes[0] : `${d.dtypes[0]} vs ${d.dtypes[1]}`;
  const why = d.roundingExplains ? `; only the rounding to ${narrower(d)} explains it` : d.dtypes[0] !== d.dtypes[1] ? '; more than a rounding' : '';
  if (!d.differing) return `  ${where} (${dtypes}): equal values in another dtype${why}`;
  return `  ${where} (${dtypes}): max |diff| ${num(d.maxAbsDiff)}, ${d.differing} of ${d.elements} values differ, first at index ${d.firstIndex}${why}`;
}

const BITS: Record<string, number> = { BF16: 8, F16: 11, F32: 24, F64: 53 };
const narrower = (d: TensorDiff) => ((BITS[d.dtypes[0]] ?? 0) < (BITS[d.dtypes[1]] ?? 0) ? d.dtypes[0] : d.dtypes[1]);

/** Differing tensors shown in the text output; the JSON report has them all. */
const SHOWN = 20;

/** Why a params-only run failed, in a few words (the text and the HTML report). */
export function paramsOnlyVerdict(report: ParamsOnlyReport): string {
  const n = report.nonfinite.length;
  const nan = n ? `NaN/Inf in ${n} tensor${n === 1 ? '' : 's'}` : '';
  const params = report.params.equal ? '' : `params (${report.params.mismatches.length} mismatches)`;
  return [params, nan].filter(Boolean).join('; ');
}

export function renderParamsOnly(report: ParamsOnlyReport, c: ChalkInstance): string {
  const [a, b] = report.forms;
  const diffs = report.params.mismatches.filter((m) => m.diff);
  return [
    c.bold(`scanconv verify --params-only: ${a.name} ${a.checkpoint} vs ${b.name} ${b.checkpoint}, ${report.layers} layers (no model run; tensors only, metadata not compared)`),
    ...renderParamLines(report.params, c),
    ...report.nonfinite.map((n) => c.red(`non-finite values (NaN/Inf): ${n.count} in ${n.tensor} of ${n.checkpoint}; a NaN never counts as agreement`)),
    ...(report.staging ?? []).map((line) => c.dim(`note: ${line}`)),
    ...(diffs.length ? ['', 'how each differing tensor differs:', ...diffs.slice(0, SHOWN).map((m) => c.red(diffLine(m.key, m.layer, m.diff!))), ...(diffs.length > SHOWN ? [`  ... and ${diffs.length - SHOWN} more (see --report)`] : [])] : []),
    '',
    report.passed ? c.green.bold(`PASSED in ${report.seconds.toFixed(2)} s`) : c.red.bold(`FAILED: ${paramsOnlyVerdict(report)}`),
  ].join('\n');
}
