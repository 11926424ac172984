/**
 * Library entry for `scanconv convert`: open -> analyse -> plan -> write, atomically.
 */
import path from 'node:path';
import { UsageError } from './errors.js';
import { formatFromPath, openCheckpoint, writeCheckpoint, WRITABLE_FORMATS, type WritableFormat } from './format/open.js';
import type { WriteProgress } from './format/stream.js';
import { planShards, writeSharded } from './format/sharded.js';
import { META, planConversion, withProvenance, type LayoutPlan } from './layout/plan.js';
import { analyzeLayout, type Layout, type LayoutOptions } from './layout/analyze.js';
import { assertReadsBack } from './layout/readBack.js';
import type { StaleTemps } from './format/staleTemps.js';
import { checkOutputs, guardInputs, sweepOutputDirs } from './outputs.js';
import { checkOrbaxOptions, checkOrbaxOutput, MAXTEXT_SCAN_AXIS, writeOrbax } from './format/orbax/orbaxWriter.js';
import { VERSION } from './version.js';

export interface ConvertOptions extends Partial<LayoutOptions> {
  /** Target layout; detected (pyloop <-> scan) when omitted. */
  to?: Layout;
  /** Output format; from the output's extension when omitted. */
  format?: WritableFormat;
  /** Key separator of the input; detected when omitted. */
  sep?: string;
  /** Replace an existing output (never an input, never a non-regular file such as a FIFO). */
  force?: boolean;
  /** Split safetensors output into shards of at most this many bytes (Hugging Face naming). */
  shardSize?: number;
  /** Orbax output: zstd level of the chunks (default 1), null for none. */
  zstdLevel?: number | null;
  /** Orbax output: largest chunk in bytes (default 64 MiB). */
  chunkBytes?: number;
  onProgress?: WriteProgress;
}

export interface ConvertResult {
  from: Layout;
  to: Layout;
  /** Layers over all groups. */
  layers: number;
  /** Each group's depth, by the group's path (the parent of its layers / stack node). */
  depths: Record<string, number>;
  tensors: number;
  bytes: number;
  seconds: number;
  output: string;
  /** Every file written: the output, or its shards and then its index. */
  files: string[];
  /** Temporary files of killed runs found in the output's directory (removed or left alone). */
  staleTemps: StaleTemps;
}

/** The output format, checked before any work. */
function outputFormat(output: string, options: ConvertOptions): WritableFormat {
  const format = options.format ?? formatFromPath(output);
  if (options.shardSize !== undefined && format !== 'safetensors') throw new UsageError('--shard-size applies to safetensors output only', 'SHARDS_NEED_SAFETENSORS');
  if (format !== 'orbax' && (options.zstdLevel !== undefined || options.chunkBytes !== undefined)) {
    throw new UsageError('--zstd-level and --chunk-size apply to --format orbax output only', 'ORBAX_OPTION');
  }
  if (format === 'orbax') checkOrbaxOptions(options.zstdLevel, options.chunkBytes);
  if (!format) {
    throw new UsageError(`cannot tell the output format from "${path.extname(output) || output}"; use .safetensors, .msgpack or .json, or pass --format ${WRITABLE_FORMATS.join('|')} (orbax: a checkpoint directory)`, 'UNKNOWN_FORMAT');
  }
  return format;
}

/** A plain record safe for any group path (`__proto__` included): no prototype. */
function depthsRecord(depths: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [k, v] of depths) out[k] = v;
  return out;
}

export function defaultTarget(from: Layout): Layout {
  if (from === 'pyloop') return 'scan';
  if (from === 'scan') return 'pyloop';
  throw new UsageError('the checkpoint is in the shared layout; say where to go with --to pyloop or --to scan', 'NEED_TARGET');
}

export async function convert(input: string, output: string, options: ConvertOptions = {}): Promise<ConvertResult> {
  const started = performance.now();
  // The input first: a missing input is the error to report, whatever the output's state.
  const index = openCheckpoint(input, { sep: options.sep });
  const release = guardInputs(index.files ?? [input]);
  try {
    const format = outputFormat(output, options);
    const inputs = index.files ?? [input];
    const planned = (files: string[]) => files.map((file) => ({ file, label: 'output', replace: options.force === true }));
    if (format === 'orbax') checkOrbaxOutput(output, inputs, options.force === true);
    else if (options.shardSize === undefined) checkOutputs(planned([output]), inputs);
    const analyzed = analyzeLayout(index, options);
    const to = options.to ?? defaultTarget(analyzed.layout);
    // Orbax output is for MaxText: layers stacked on its param_scan_axis unless --axis says otherwise.
    const stackOnMaxText = format === 'orbax' && analyzed.layout === 'pyloop' && to === 'scan' && options.axis === undefined;
    const analysis = stackOnMaxText ? { ...analyzed, options: { ...analyzed.options, axis: MAXTEXT_SCAN_AXIS } } : analyzed;
    const plan = planConversion(analysis, to);
    assertReadsBack(index, analysis, plan);
    // Provenance describes the output, so the input's own scanconv.* keys are replaced, not merged.
    const metadata = { ...withProvenance(index.metadata, plan), [META.version]: VERSION };
    let bytes: number;
    let written: string[];
    if (options.shardSize !== undefined) {
      const shards = planShards(output, plan.outputs, options.shardSize);
      written = shards.index ? [...shards.files, shards.index] : shards.files;
      checkOutputs(planned(written), inputs);
      const staleTemps = sweepOutputDirs(written);
      bytes = await writeSharded(shards, metadata, options.onProgress);
      return result(plan, to, bytes, written, staleTemps);
    }
    written = [output];
    const staleTemps = sweepOutputDirs(written);
    if (format === 'orbax') {
      bytes = await writeOrbax(output, plan.outputs, metadata, index.sep, { force: options.force, zstdLevel: options.zstdLevel, chunkBytes: options.chunkBytes, onProgress: options.onProgress });
      return result(plan, to, bytes, written, staleTemps);
    }
    bytes = await writeCheckpoint(output, format, plan.outputs, metadata, index.sep, options.onProgress);
    return result(plan, to, bytes, written, staleTemps);
  } finally {
    release();
    index.close();
  }

  function result(plan: LayoutPlan, to: Layout, bytes: number, files: string[], staleTemps: StaleTemps): ConvertResult {
    return { from: plan.from, to, layers: plan.layers, depths: depthsRecord(plan.depths), tensors: plan.outputs.length, bytes, seconds: (performance.now() - started) / 1000, output, files, staleTemps };
  }
}
