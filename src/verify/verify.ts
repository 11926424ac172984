/**
 * Library entry for `scanconv verify`: param check -> both forms (two workers) -> per-layer
 * diffs -> optional comparison with Flax's golden outputs -> VerifyReport.
 */
import { UsageError } from '../errors.js';
import { openCheckpoint } from '../format/open.js';
import type { TensorIndex } from '../format/types.js';
import { analyzeLayout, carriedOptions, convertedIndex, type Layout, type LayoutAnalysis, type LayoutOptions } from '../layout/plan.js';
import { modelParams } from '../model/params.js';
import { detectModel, type ModelKind, type ModelSpec } from '../model/spec.js';
import type { BackendName } from './backend.js';
import { diffStats, maxAbsDiff as maxAbsDiffOf, relativeError } from './diff.js';
import type { FormRequest, FormResult, HostTensor } from './forms.js';
import { loadInput, randomInput, readHostTensor, resolveHeads } from './inputs.js';
import { paramCheck } from './paramCheck.js';
import type { ExpectResult, LayerRow, VerifyReport } from './report.js';
import { runForms } from './run.js';

export interface VerifyOptions extends Partial<LayoutOptions> {
  /** A second checkpoint in the other layout; without it the first is converted in memory. */
  other?: string;
  /** Form to run against a shared checkpoint (default pyloop). */
  against?: Layout;
  input?: string;
  expect?: string;
  threshold?: number;
  expectThreshold?: number;
  batch?: number;
  seq?: number;
  seed?: number;
  backend?: BackendName;
  model?: ModelKind;
  heads?: number;
  sep?: string;
  /** Run the two forms in worker threads (default) or one after the other in this thread. */
  parallel?: boolean;
}

export interface VerifyOutcome {
  report: VerifyReport;
  /** Both forms' traces, in report.forms order, for detail tables. */
  traces: FormResult[];
}

function otherForm(layout: Layout, against?: Layout): Layout {
  if (layout === 'shared') return against ?? 'pyloop';
  return layout === 'pyloop' ? 'scan' : 'pyloop';
}

/** Compare the golden outputs of Flax (`output`, `layer_{i}.x` or stacked `blocks.x`, `prefill_logits`). */
function compareExpect(file: string, result: FormResult, spec: ModelSpec, threshold: number): ExpectResult {
  const golden = openCheckpoint(file);
  try {
    const finalName = spec.kind === 'llm' ? 'prefill_logits' : 'output';
    const pairs: [ArrayLike<number>, ArrayLike<number>][] = [[result.final.data, checkedShape(golden, finalName, result.final.shape).data]];
    const layerSize = result.traceShape.reduce((a, b) => a * b, 1);
    result.layers.forEach((layer, i) => {
      for (const [name, data] of Object.entries(layer)) {
        if (golden.tensors.has(`layer_${i}.${name}`)) pairs.push([data, checkedShape(golden, `layer_${i}.${name}`, result.traceShape).data]);
        else if (golden.tensors.has(`blocks.${name}`)) {
          const stacked = checkedShape(golden, `blocks.${name}`, [spec.layers, ...result.traceShape]).data;
          pairs.push([data, stacked.subarray(i * layerSize, (i + 1) * layerSize)]);
        }
      }
    });
    let maxAbsDiff = 0;
    let relError = 0;
    for (const [actual, expected] of pairs) {
      const r = relativeError(actual, expected);
      maxAbsDiff = Math.max(maxAbsDiff, r.maxAbsDiff);
      relError = Math.max(relError, r.relError);
    }
    return { file, form: result.form, compared: pairs.length, maxAbsDiff, relError, threshold, passed: relError <= threshold };
  } finally {
    golden.close();
  }
}

function checkedShape(index: TensorIndex, name: string, shape: number[]): HostTensor {
  const t = readHostTensor(index, name);
  if (t.shape.join() !== shape.join()) {
    throw new UsageError(`${index.path}: "${name}" has shape [${t.shape.join(', ')}] but the model gives [${shape.join(', ')}]; was it made with this input?`, 'EXPECT_SHAPE');
  }
  return t;
}

export async function verify(checkpoint: string, options: VerifyOptions = {}): Promise<VerifyOutcome> {
  const started = performance.now();
  const threshold = options.threshold ?? 1e-6;
  const layoutOpts: Partial<LayoutOptions> = { layerPattern: options.layerPattern, stack: options.stack, axis: options.axis, numLayers: options.numLayers };
  const indexA = openCheckpoint(checkpoint, { sep: options.sep });
  const indexB = options.other ? openCheckpoint(options.other, { sep: options.sep }) : undefined;
  try {
    const a = analyzeLayout(indexA, layoutOpts);
    let b: LayoutAnalysis;
    let formB: Layout;
    if (indexB) {
      b = analyzeLayout(indexB, layoutOpts);
      if (a.layout === b.layout) throw new UsageError(`both checkpoints are in the ${a.layout} layout; verify compares one layout with another`, 'SAME_LAYOUT');
      formB = b.layout;
    } else {
      formB = otherForm(a.layout, options.against);
      b = analyzeLayout(convertedIndex(indexA, a, formB), { ...layoutOpts, ...carriedOptions(a) });
    }
    const heads = resolveHeads(checkpoint, indexA.metadata, options.heads);
    const spec = detectModel(modelParams(indexA, a.layout, layoutOpts), { model: options.model, heads });
    const inputFile = options.input ?? (options.expect && hasInput(options.expect, spec) ? options.expect : undefined);
    const input = inputFile ? loadInput(inputFile, spec) : randomInput(spec, options.batch ?? 12, options.seq ?? 32, options.seed ?? 0);
    const inputSource = inputFile ?? `random (seed ${options.seed ?? 0})`;

    const request = (file: string, form: Layout): FormRequest => ({
      checkpoint: file,
      sep: options.sep,
      layout: layoutOpts,
      form,
      backend: options.backend ?? 'wasm',
      spec,
      input,
    });
    const reqs = [request(checkpoint, a.layout), request(options.other ?? checkpoint, formB)];
    // The workers compute while this thread compares the parameters' bytes.
    const running = runForms(reqs, options.parallel ?? true);
    const params = paramCheck(a, b);
    const traces = await running;
    const [ta, tb] = traces;

    const final = diffStats(ta.final.data, tb.final.data, threshold);
    const perLayer: LayerRow[] = ta.layers.map((layer, i) => {
      const maxAbsDiff: Record<string, number> = {};
      for (const [name, data] of Object.entries(layer)) maxAbsDiff[name] = maxAbsDiffOf(data, tb.layers[i][name]);
      return { layer: i, maxAbsDiff, passed: Object.values(maxAbsDiff).every((d) => d <= threshold) };
    });
    const expect = options.expect ? compareExpect(options.expect, ta, spec, options.expectThreshold ?? 1e-4) : null;
    const passed = params.equal && final.passed && perLayer.every((r) => r.passed) && (expect?.passed ?? true);
    const report: VerifyReport = {
      passed,
      threshold,
      model: spec.kind,
      layers: spec.layers,
      backend: ta.backend,
      spec,
      forms: [
        { name: a.layout, checkpoint, converted: false, seconds: ta.seconds },
        { name: formB, checkpoint: options.other ?? checkpoint, converted: !options.other, seconds: tb.seconds },
      ],
      input: { shape: input.shape, source: inputSource },
      params,
      final,
      perLayer,
      expect,
      seconds: (performance.now() - started) / 1000,
    };
    return { report, traces };
  } finally {
    indexA.close();
    indexB?.close();
  }
}

function hasInput(file: string, spec: ModelSpec): boolean {
  const index = openCheckpoint(file);
  try {
    return index.tensors.has(spec.kind === 'llm' ? 'prompt' : 'input');
  } finally {
    index.close();
  }
}
