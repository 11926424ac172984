/**
 * A small MaxText-shaped scanned Orbax checkpoint for the chunk-by-chunk writers' tests
 * (orbaxScatter, orbaxStaging): layers on axis 1, every axis cut into several chunks, in OCDBT +
 * sharded zarr v3 or plain zarr v2 directories.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LayoutOptions } from '../src/layout/analyze.js';
import { randomBytes } from './helpers.js';
import { metadataJson, writeFiles, writeOcdbt, zarrV2, zarrV3, type ArrayData } from './orbaxWriter.js';

export const E = 6;
export const L = 4;
export const M = 10;
export const arr = (shape: number[], seed: number, dtype: ArrayData['dtype'] = 'BF16'): ArrayData => ({ dtype, shape, bytes: randomBytes(shape.reduce((a, b) => a * b, 1) * (dtype === 'F32' ? 4 : 2), seed) });

/** A MaxText-shaped scanned tree: layers on axis 1, every axis cut into several chunks. */
export function scanned(): Map<string, ArrayData> {
  return new Map([
    ['params.decoder.decoder_norm.scale', arr([E], 1)],
    ['params.decoder.layers.mlp.wi.kernel', arr([E, L, M], 2)],
    ['params.decoder.layers.mlp.wo.kernel', arr([M, L, E], 3)],
    ['params.decoder.layers.norm.scale', arr([E, L], 4, 'F32')],
    ['params.token_embedder.embedding', arr([7, E], 5, 'F32')],
  ]);
}

export const chunksOf = (shape: number[]) => shape.map((d, i) => Math.max(1, Math.ceil(d / (i === 1 ? 3 : 2))));

/** The tree in OCDBT + sharded zarr v3 (`v3`) or plain zarr v2 directories (`v2`). */
export function writeCheckpoint(dir: string, arrays: Map<string, ArrayData>, kind: 'v2' | 'v3'): string {
  fs.mkdirSync(dir, { recursive: true });
  if (kind === 'v3') {
    const kv = new Map<string, Uint8Array>();
    for (const [n, a] of arrays) for (const [k, v] of zarrV3(n, a, chunksOf(a.shape).map((c, i) => (i === 0 ? 2 * c : c)), chunksOf(a.shape))) kv.set(k, v);
    writeOcdbt(dir, kv, { fanout: 4, maxInline: 40 });
  } else for (const [n, a] of arrays) writeFiles(dir, zarrV2(n, a, chunksOf(a.shape)));
  fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson([...arrays.keys()]));
  return dir;
}

/** The layout flags of a tree without scanconv's provenance: MaxText's names and axis. */
export const FLAGS: Partial<LayoutOptions> = { layerPattern: '^layers_(\\d+)$', stack: 'layers', axis: 1 };
