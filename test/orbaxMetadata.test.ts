/**
 * What an Orbax checkpoint directory brings besides its arrays: `_METADATA`'s custom_metadata
 * string entries as the checkpoint's metadata (scanconv's provenance), and a config.json inside
 * the step directory found like one beside a checkpoint file.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { customMetadata as customMetadataOf, readTreeMetadata } from '../src/format/orbax/tree.js';
import { configBeside } from '../src/model/config.js';
import { openCheckpoint } from '../src/format/open.js';
import { fixture, tmpDir } from './helpers.js';

const customMetadata = (dir: string) => customMetadataOf(readTreeMetadata(dir));

test('custom_metadata: string entries kept, others left out, a non-object or too many entries refused (BAD_METADATA)', () => {
  const dir = tmpDir();
  const meta = path.join(dir, '_METADATA');
  assert.deepEqual({ ...customMetadata(dir) }, {});
  fs.writeFileSync(meta, JSON.stringify({ tree_metadata: {}, custom_metadata: { 'scanconv.block_size': '6', step: 3, nested: { a: 'b' }, __proto__x: 'y' } }));
  assert.deepEqual({ ...customMetadata(dir) }, { 'scanconv.block_size': '6', __proto__x: 'y' });
  fs.writeFileSync(meta, '{"tree_metadata": {}, "custom_metadata": {"__proto__": "p"}}');
  const proto = customMetadata(dir);
  assert.equal(Object.getPrototypeOf(proto), null);
  assert.equal(Object.prototype.hasOwnProperty.call(proto, '__proto__'), true);
  fs.writeFileSync(meta, JSON.stringify({ tree_metadata: {}, custom_metadata: ['scanconv.layout'] }));
  assert.throws(() => customMetadata(dir), { code: 'BAD_METADATA', message: `${meta}: has a custom_metadata that is not an object` });
  fs.writeFileSync(meta, JSON.stringify({ tree_metadata: {}, custom_metadata: Object.fromEntries(Array.from({ length: 1025 }, (_, i) => [`k${i}`, 'v'])) }));
  assert.throws(() => customMetadata(dir), { code: 'BAD_METADATA', message: `${meta}: has 1025 custom_metadata entries, more than the 1024 scanconv reads` });
});

test('_METADATA is read and parsed once per open, integrity() included (it was 3 times: leaves, custom metadata, chunk policy)', (t) => {
  const opened: string[] = [];
  const openSync = fs.openSync;
  t.mock.method(fs, 'openSync', (...args: Parameters<typeof fs.openSync>) => {
    if (String(args[0]).endsWith(`${path.sep}_METADATA`)) opened.push(String(args[0]));
    return openSync(...args);
  });
  // OCDBT with tree_metadata (leaves, custom metadata, chunk policy), and a legacy msgpack checkpoint (custom metadata, chunk policy).
  for (const [dir, item] of [
    [fixture('orbax', 'orbax_v1_composite_ocdbt_zarr3'), 'state'],
    [fixture('orbax', 'orbax_legacy_aggregate_some'), ''],
  ]) {
    opened.length = 0;
    const index = openCheckpoint(dir);
    try {
      index.integrity!();
    } finally {
      index.close();
    }
    assert.deepEqual(opened, [path.join(dir, item, '_METADATA')], dir);
  }
});

test('config.json is looked for inside a checkpoint directory, then beside the checkpoint', () => {
  const dir = tmpDir();
  const step = path.join(dir, '0');
  fs.mkdirSync(step);
  assert.equal(configBeside(step), path.join(dir, 'config.json'));
  fs.writeFileSync(path.join(step, 'config.json'), '{}');
  assert.equal(configBeside(step), path.join(step, 'config.json'));
  const file = path.join(dir, 'model.safetensors');
  assert.equal(configBeside(file), path.join(dir, 'config.json'));
});
