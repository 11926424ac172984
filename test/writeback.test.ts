/**
 * Early writeback (format/writeback.ts): a round of fdatasync starts only after `every` bytes,
 * and a round's failure (a disk that cannot write) is not lost: settle() rethrows it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EarlyWriteback } from '../src/format/writeback.js';
import { tmpDir } from './helpers.js';

test('a round starts after `every` bytes, not before, and its error comes back from settle()', async () => {
  // No such descriptor (far above any open one): any round that runs fails with EBADF.
  const w = new EarlyWriteback([1 << 30], 100);
  w.written(60);
  w.written(39);
  await w.settle();
  w.written(1);
  await assert.rejects(w.settle(), { code: 'EBADF' });
  // A failed writeback starts no more rounds and keeps its error.
  w.written(1000);
  await assert.rejects(w.settle(), { code: 'EBADF' });
});

test('rounds on open files succeed, and the data is what was written', async () => {
  const file = path.join(tmpDir(), 'g');
  const fd = fs.openSync(file, 'w');
  const w = new EarlyWriteback([fd], 4);
  for (let i = 0; i < 8; i++) {
    fs.writeSync(fd, Uint8Array.of(i));
    w.written(1);
    await w.settle();
  }
  fs.closeSync(fd);
  assert.deepEqual([...fs.readFileSync(file)], [0, 1, 2, 3, 4, 5, 6, 7]);
});
