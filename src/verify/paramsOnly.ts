/**
 * `verify A B --params-only`: the bit-exact parameter check of a pair alone, for any tree,
 * known to a model family or not. No model runs, so nothing about the architecture is needed:
 * every slice of every stacked tensor against its layer's tensor, everything else byte for byte.
 */
import type { ChalkInstance } from 'chalk';
import { UsageError } from '../errors.js';
import { openCheckpoint } from '../format/open.js';
import { analyzeLayout, type Layout, type LayoutOptions } from '../layout/analyze.js';
import { paramCheck, type ParamCheck } from './paramCheck.js';
import { renderParamLines } from './render.js';

export interface ParamsOnlyReport {
  passed: boolean;
  paramsOnly: true;
  forms: { name: Layout; checkpoint: string }[];
  layers: number;
  params: ParamCheck;
  seconds: number;
}

export interface ParamsOnlyOptions extends Partial<LayoutOptions> {
  sep?: string;
  /** Orbax/T5X inputs: keep the optimizer state. */
  optimizerState?: boolean;
}

export function verifyParamsOnly(checkpoint: string, other: string, options: ParamsOnlyOptions = {}): ParamsOnlyReport {
  const started = performance.now();
  const layout: Partial<LayoutOptions> = { layerPattern: options.layerPattern, stack: options.stack, axis: options.axis, numLayers: options.numLayers, from: options.from };
  const indexA = openCheckpoint(checkpoint, { sep: options.sep, optimizerState: options.optimizerState });
  try {
    const indexB = openCheckpoint(other, { sep: options.sep, optimizerState: options.optimizerState });
    try {
      const a = analyzeLayout(indexA, layout);
      // --from describes the first checkpoint only.
      const b = analyzeLayout(indexB, { ...layout, from: undefined });
      if (a.layout === b.layout) throw new UsageError(`both checkpoints are in the ${a.layout} layout; verify compares one layout with another`, 'SAME_LAYOUT');
      const params = paramCheck(a, b, { first: checkpoint, second: other });
      return {
        passed: params.equal,
        paramsOnly: true,
        forms: [
          { name: a.layout, checkpoint },
          { name: b.layout, checkpoint: other },
        ],
        layers: a.layers,
        params,
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      indexB.close();
    }
  } finally {
    indexA.close();
  }
}

export function renderParamsOnly(report: ParamsOnlyReport, c: ChalkInstance): string {
  const [a, b] = report.forms;
  return [
    c.bold(`scanconv verify --params-only: ${a.name} ${a.checkpoint} vs ${b.name} ${b.checkpoint}, ${report.layers} layers (no model run)`),
    ...renderParamLines(report.params, c),
    '',
    report.passed ? c.green.bold(`PASSED in ${report.seconds.toFixed(2)} s`) : c.red.bold(`FAILED: params (${report.params.mismatches.length} mismatches)`),
  ].join('\n');
}

