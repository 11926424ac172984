/**
 * Library entry for `scanconv check` (pre-commit): structural validation without running a
 * model. Every format rule, consistent layer groups, no NaN/Inf, optionally the expected layout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BlockSizeUnknownError, LayoutError, ScanconvError } from './errors.js';
import { countNonfiniteBits, NONFINITE_BITS } from './format/floats.js';
import { openCheckpoint } from './format/open.js';
import { modelDirCheckpoint } from './format/modelDir.js';
import { isShardIndex as isShardIndexName, MAX_INDEX_SIZE } from './format/sharded.js';
import { readTextFile } from './format/files.js';
import { isJsonObject, parseJson } from './format/jsonParse.js';
import type { TensorRef } from './format/types.js';
import { zarrArrayOf } from './format/orbax/zarrArray.js';
import { countArrayNonfinite } from './format/orbax/integrity.js';
import { INVALID_LAYOUT_CODES } from './layout/metadata.js';
import { analyzeLayout, layerCount, type Layout, type LayoutOptions } from './layout/analyze.js';

export interface CheckOptions extends Partial<LayoutOptions> {
  allowNonfinite?: boolean;
  expectLayout?: Layout;
  sep?: string;
  /** Orbax/T5X: keep the optimizer state. */
  optimizerState?: boolean;
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
  // A zarr array chunk by chunk, each decoded once into a reused buffer (by byte range, a chunk
  // cache of 192 MB and the chunks it dropped: 718 MB peak on a 2 GB per-layer checkpoint).
  const array = zarrArrayOf(ref);
  if (array) return countArrayNonfinite(array);
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

/**
 * The checkpoints `files` belong to, each once, in the order first named: a shard stands for the
 * index beside it that lists it (a sharded checkpoint is checked whole, with its shards, however
 * many of them a pre-commit run passes), a model directory for its checkpoint file (modelDir.ts).
 */
export function checkpointsOf(files: readonly string[]): string[] {
  const indexes = new Map<string, Map<string, string>>();
  const owner = (file: string): string => {
    if (!/\.safetensors$/i.test(file)) return file;
    const dir = path.dirname(file);
    if (!indexes.has(dir)) indexes.set(dir, shardOwners(dir));
    return indexes.get(dir)!.get(path.basename(file)) ?? file;
  };
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of files) {
    let unit = f;
    try {
      unit = fs.statSync(f).isDirectory() ? modelDirCheckpoint(f).file : owner(f);
    } catch {
      /* checkFile names what is wrong with it */
    }
    const key = path.resolve(unit);
    if (!seen.has(key)) out.push(unit);
    seen.add(key);
  }
  return out;
}

/** Shard name -> the index in `dir` whose weight_map lists it (indexes that cannot be read list nothing). */
function shardOwners(dir: string): Map<string, string> {
  const owners = new Map<string, string>();
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).filter(isShardIndexName).sort();
  } catch {
    return owners;
  }
  for (const name of names) {
    try {
      const raw = parseJson(readTextFile(path.join(dir, name), MAX_INDEX_SIZE, 'a shard index'), { maxDepth: 128 });
      const map = isJsonObject(raw) ? raw.get('weight_map') : undefined;
      if (isJsonObject(map)) for (const v of map.values()) if (typeof v === 'string' && !owners.has(v)) owners.set(v, path.join(dir, name));
    } catch {
      /* checked on its own when it is named */
    }
  }
  return owners;
}

/** transformers reads model.safetensors before model.safetensors.index.json: both in one directory is a stale checkpoint. */
function staleTwin(file: string): string | undefined {
  const name = path.basename(file);
  const twin = name === 'model.safetensors' ? 'model.safetensors.index.json' : name === 'model.safetensors.index.json' ? 'model.safetensors' : undefined;
  return twin && fs.existsSync(path.join(path.dirname(file), twin)) ? twin : undefined;
}

export function checkFile(given: string, options: CheckOptions = {}): CheckResult {
  let index;
  let file = given;
  try {
    if (fs.statSync(given, { throwIfNoEntry: false })?.isDirectory()) file = modelDirCheckpoint(given).file;
    index = openCheckpoint(file, { sep: options.sep, optimizerState: options.optimizerState });
  } catch (e) {
    if (e instanceof ScanconvError) return { file, code: 2, message: naming(file, e.message), error: e.code };
    throw e;
  }
  try {
    const twin = staleTwin(file);
    if (twin) {
      const read = path.basename(file) === 'model.safetensors' ? 'this one' : twin;
      return { file, code: 1, message: `${file}: ${path.dirname(file)} also holds ${twin}, a second checkpoint (transformers' from_pretrained reads ${read}); remove the stale one`, error: 'TWO_CHECKPOINTS' };
    }
    const shards = index.format === 'sharded' && index.files && index.files.length > 1 ? ` with ${index.files.length - 1} shard${index.files.length > 2 ? 's' : ''}` : '';
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
      // MaxText's blocks of layers unscanned (Llama 4 Maverick) are a valid tree whose K the tree cannot tell.
      else if (e instanceof BlockSizeUnknownError) {
        layout = 'pyloop';
        summary = `pyloop, ${e.layers} layers that repeat every ${e.repeatsEvery} (MaxText's blocks of layers; convert --block-size K scans them)`;
      }
      else if (e.code !== 'NO_LAYOUT') return { file, code: 1, message: naming(file, e.message), error: e.code };
      else summary = 'no layer groups';
    }
    // Formats with checksums and chunks (Orbax): decode every chunk, check every CRC.
    try {
      const integrity = index.integrity?.();
      if (integrity) summary = `${summary}, ${integrity}`;
    } catch (e) {
      if (e instanceof ScanconvError) return { file, code: 2, message: naming(file, e.message), error: e.code };
      throw e;
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
    return { file, code: 0, message: `${file}: ${index.format}${shards}, ${summary}, ${index.tensors.size} tensors` };
  } finally {
    index.close();
  }
}
