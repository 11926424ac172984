/**
 * Library entry for `scanconv convert`: open -> analyse -> plan -> write, atomically.
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { formatFromPath, openCheckpoint, writeCheckpoint, WRITABLE_FORMATS, type WritableFormat } from './format/open.js';
import type { WriteProgress } from './format/stream.js';
import { analyzeLayout, META, planConversion, type Layout, type LayoutOptions } from './layout/plan.js';
import { VERSION } from './version.js';

export interface ConvertOptions extends Partial<LayoutOptions> {
  /** Target layout; detected (pyloop <-> scan) when omitted. */
  to?: Layout;
  /** Output format; from the output's extension when omitted. */
  format?: WritableFormat;
  /** Key separator of the input; detected when omitted. */
  sep?: string;
  /** Overwrite an existing output. */
  force?: boolean;
  onProgress?: WriteProgress;
}

export interface ConvertResult {
  from: Layout;
  to: Layout;
  layers: number;
  tensors: number;
  bytes: number;
  seconds: number;
  output: string;
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.join(fs.realpathSync(path.dirname(path.resolve(p))), path.basename(p));
    }
  };
  return real(a) === real(b);
}

/** Check everything about the output before any work, so a bad request writes nothing. */
function checkOutput(input: string, output: string, options: ConvertOptions): WritableFormat {
  if (samePath(input, output)) throw new UsageError(`output ${output} is the input; write the converted checkpoint elsewhere`, 'OUTPUT_IS_INPUT');
  const format = options.format ?? formatFromPath(output);
  if (!format) {
    throw new UsageError(`cannot tell the output format from "${path.extname(output) || output}"; use .safetensors or .json, or pass --format ${WRITABLE_FORMATS.join('|')}`, 'UNKNOWN_FORMAT');
  }
  if (fs.existsSync(output) && !options.force) throw new UsageError(`output ${output} exists; pass --force to overwrite it`, 'OUTPUT_EXISTS');
  const dir = path.dirname(path.resolve(output));
  if (!fs.existsSync(dir)) throw new UsageError(`output directory ${dir} does not exist`, 'NO_OUTPUT_DIR');
  return format;
}

export function defaultTarget(from: Layout): Layout {
  if (from === 'pyloop') return 'scan';
  if (from === 'scan') return 'pyloop';
  throw new UsageError('the checkpoint is in the shared layout; say where to go with --to pyloop or --to scan', 'NEED_TARGET');
}

export async function convert(input: string, output: string, options: ConvertOptions = {}): Promise<ConvertResult> {
  const started = performance.now();
  const format = checkOutput(input, output, options);
  const index = openCheckpoint(input, { sep: options.sep });
  try {
    const analysis = analyzeLayout(index, options);
    const to = options.to ?? defaultTarget(analysis.layout);
    const plan = planConversion(analysis, to);
    // Provenance describes the output, so the input's own scanconv.* keys are replaced, not merged.
    const kept = Object.fromEntries(Object.entries(index.metadata).filter(([k]) => !k.startsWith('scanconv.')));
    const metadata = { ...kept, ...plan.metadata, [META.version]: VERSION };
    const bytes = await writeCheckpoint(output, format, plan.outputs, metadata, index.sep, options.onProgress);
    return { from: plan.from, to, layers: plan.layers, tensors: plan.outputs.length, bytes, seconds: (performance.now() - started) / 1000, output };
  } finally {
    index.close();
  }
}
