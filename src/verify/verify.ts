/**
 * Library entry for `scanconv verify`: param check -> both forms (two workers) -> per-layer
 * diffs -> optional comparison with Flax's golden outputs -> VerifyReport.
 */
import { UsageError } from '../errors.js';
import { openCheckpoint } from '../format/open.js';
import type { TensorIndex } from '../format/types.js';
import { analyzeLayout, carriedOptions, convertedIndex, type LayoutAnalysis } from '../layout/plan.js';
import type { ModelSpec } from '../model/spec.js';
import { diffStats, maxAbsDiff as maxAbsDiffOf, relativeError } from './diff.js';
import type { HostTensor, TraceResult } from './forms.js';
import { loadInput, randomInput, readHostTensor } from './inputs.js';
import { paramCheck } from './paramCheck.js';
import type { ExpectResult, LayerRow, VerifyReport } from './report.js';
import { expectKind, runForms } from './run.js';
import { openModel, type ModelOptions } from './session.js';

export interface VerifyOptions extends ModelOptions {
  /** A second checkpoint in the other layout; without it the first is converted in memory. */
  other?: string;
  input?: string;
  expect?: string;
  threshold?: number;
  expectThreshold?: number;
  batch?: number;
  seq?: number;
  seed?: number;
  /** Run the two forms in worker threads (default) or one after the other in this thread. */
  parallel?: boolean;
}

export interface VerifyOutcome {
  report: VerifyReport;
  /** Both forms' traces, in report.forms order, for detail tables. */
  traces: TraceResult[];
}

/** Compare the golden outputs of Flax (`output`, `layer_{i}.x` or stacked `blocks.x`, `prefill_logits`). */
function compareExpect(file: string, result: TraceResult, spec: ModelSpec, threshold: number): ExpectResult {
  const golden = openCheckpoint(file);
  try {
    const finalName = spec.kind === 'llm' ? 'prefill_logits' : 'output';
    const pairs: [ArrayLike<number>, ArrayLike<number>][] = [[result.final.data, checkedShape(golden, finalName, result.final.shape).data]];
    const layerSize = result.traceShape.reduce((a, b) => a * b, 1);
    // Stacked golden intermediates (L, ...) are read once each, then sliced per layer.
    const stacked = new Map<string, HostTensor['data']>();
    const stackedGolden = (name: string) => stacked.get(name) ?? stacked.set(name, checkedShape(golden, `blocks.${name}`, [spec.layers, ...result.traceShape]).data).get(name)!;
    result.layers.forEach((layer, i) => {
      for (const [name, data] of Object.entries(layer)) {
        if (golden.tensors.has(`layer_${i}.${name}`)) pairs.push([data, checkedShape(golden, `layer_${i}.${name}`, result.traceShape).data]);
        else if (golden.tensors.has(`blocks.${name}`)) pairs.push([data, stackedGolden(name).subarray(i * layerSize, (i + 1) * layerSize)]);
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
  const session = await openModel(checkpoint, options);
  const indexB = options.other ? openCheckpoint(options.other, { sep: options.sep }) : undefined;
  try {
    const { analysis: a, spec } = session;
    let b: LayoutAnalysis;
    let formB = session.forms[1];
    if (indexB) {
      b = analyzeLayout(indexB, { ...session.layout, from: undefined });
      if (a.layout === b.layout) throw new UsageError(`both checkpoints are in the ${a.layout} layout; verify compares one layout with another`, 'SAME_LAYOUT');
      formB = b.layout;
    } else {
      b = analyzeLayout(convertedIndex(session.index, a, formB), { ...session.layout, ...carriedOptions(a) });
    }

    const inputFile = options.input ?? (options.expect && hasInput(options.expect, spec) ? options.expect : undefined);
    const input = inputFile ? loadInput(inputFile, spec) : randomInput(spec, options.batch ?? 12, options.seq ?? 32, options.seed ?? 0);
    const inputSource = inputFile ?? `random (seed ${options.seed ?? 0})`;

    const task = { kind: 'trace' } as const;
    const reqs = [session.request(a.layout, input, task), session.request(formB, input, task, options.other ?? checkpoint)];
    // The workers compute while this thread compares the parameters' bytes.
    const running = runForms(reqs, options.parallel === false ? 'in-process' : 'parallel', options.onProgress);
    const params = paramCheck(a, b);
    const traces = (await running).map((r) => expectKind(r, 'trace'));
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
    session.close();
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
