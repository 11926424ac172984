/**
 * Orbax directory shapes beyond the real fixtures: composite step directories (one PyTree item,
 * or several: refused, listing them), big-endian zarr v2, fill values for absent chunks,
 * optimizer state on request, a key held by two per-process databases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { checkFile } from '../src/check.js';
import { tmpDir } from './helpers.js';
import { metadataJson, writeFiles, writeOcdbt, zarrV2, type ArrayData } from './orbaxWriter.js';

const F32: ArrayData = { dtype: 'F32', shape: [2, 3], bytes: new Uint8Array(new Float32Array([1, 2, 3, 4, 5, 6]).buffer) };

function pytree(dir: string, names: string[]): void {
  const kv = new Map<string, Uint8Array>();
  for (const n of names) for (const [k, v] of zarrV2(n, F32, [1, 3], 'zstd')) kv.set(k, v);
  writeOcdbt(dir, kv);
  fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson(names));
}

const floats = (dir: string, name: string, optimizerState = false) => {
  const index = openCheckpoint(dir, { optimizerState });
  try {
    const b = readAll(index.tensors.get(name)!);
    return [...new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength))];
  } finally {
    index.close();
  }
};

test('a composite step directory opens its one PyTree item; several are refused, listed', () => {
  const step = tmpDir();
  fs.writeFileSync(path.join(step, '_CHECKPOINT_METADATA'), '{}');
  pytree(path.join(step, 'items'), ['params.w']);
  fs.mkdirSync(path.join(step, 'metadata'));
  fs.writeFileSync(path.join(step, 'metadata', 'data.json'), '{}');
  assert.deepEqual(floats(step, 'params.w'), [1, 2, 3, 4, 5, 6]);
  pytree(path.join(step, 'state'), ['params.v']);
  assert.throws(() => openCheckpoint(step), { code: 'AMBIGUOUS_ITEM', message: `${step}: holds several PyTree items (items, state); pass one of ${path.join(step, 'items')}, ${path.join(step, 'state')}` });
  // item_handlers names the PyTree item: no ambiguity.
  fs.writeFileSync(path.join(step, '_CHECKPOINT_METADATA'), JSON.stringify({ item_handlers: { state: 'orbax.checkpoint._src.handlers.pytree_checkpoint_handler.PyTreeCheckpointHandler', items: 'JsonCheckpointHandler' } }));
  assert.deepEqual(floats(step, 'params.v'), [1, 2, 3, 4, 5, 6]);
});

test('big-endian zarr v2, and the fill value where a chunk is absent', () => {
  const dir = tmpDir();
  const be = new Uint8Array(F32.bytes.length);
  const dv = new DataView(be.buffer);
  new Float32Array(F32.bytes.buffer).forEach((v, i) => dv.setFloat32(4 * i, v, false));
  const kv = zarrV2('w', { ...F32, bytes: be }, [1, 3], null);
  kv.set('w/.zarray', Buffer.from(JSON.stringify({ chunks: [1, 3], compressor: null, dtype: '>f4', fill_value: 'NaN', filters: null, order: 'C', shape: [2, 3], zarr_format: 2 })));
  kv.delete('w/1.0');
  writeFiles(dir, kv);
  fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson(['w']));
  assert.deepEqual(floats(dir, 'w'), [1, 2, 3, NaN, NaN, NaN]);
});

test('optimizer state is left out unless asked for', () => {
  const dir = tmpDir();
  pytree(dir, ['params.w', 'opt_state.mu.w']);
  assert.deepEqual([...openCheckpoint(dir).tensors.keys()], ['params.w']);
  assert.deepEqual(floats(dir, 'opt_state.mu.w', true), [1, 2, 3, 4, 5, 6]);
});

test('a key in two unmerged per-process databases is refused', () => {
  const dir = tmpDir();
  pytree(path.join(dir, 'ocdbt.process_0'), ['w']);
  pytree(path.join(dir, 'ocdbt.process_1'), ['w']);
  assert.throws(() => openCheckpoint(dir), { code: 'DUPLICATE_KEY', message: /ocdbt\.process_1: key "w\/\.zarray" is in two per-process databases$/ });
});

test('check: an absent chunk reads as the fill value, unless _METADATA says every chunk was stored', () => {
  const dir = tmpDir();
  const kv = zarrV2('w', F32, [1, 3], 'zstd');
  kv.delete('w/1.0');
  writeOcdbt(dir, kv);
  fs.writeFileSync(path.join(dir, '_METADATA'), metadataJson(['w']));
  const ok = checkFile(dir);
  assert.equal(ok.code, 0, ok.message);
  assert.match(ok.message, /1 chunks of 1 zarr arrays decoded \(1 absent: fill value\)/);
  const meta = JSON.parse(metadataJson(['w'])) as Record<string, unknown>;
  fs.writeFileSync(path.join(dir, '_METADATA'), JSON.stringify({ ...meta, store_array_data_equal_to_fill_value: true }));
  const missing = checkFile(dir);
  assert.deepEqual([missing.code, missing.error, missing.message], [2, 'MISSING_CHUNK', `${dir}: w: chunk [1, 0] is missing, and _METADATA says every chunk was stored`]);
});
