/**
 * Byte-level fuzzing of the Orbax reader: valid OCDBT checkpoints (zarr v2 or v3, deep or flat
 * B+trees, inline or out-of-line values, zstd or plain nodes) from test/orbaxWriter.ts, then one
 * file flipped, truncated or extended at a random place. Opening, reading every tensor and
 * `check` must end in success or a typed ScanconvError (exit 2), never another exception, and
 * in bounded time. Where a CRC guards the bytes (OCDBT nodes, manifests, shard indexes), a
 * flipped byte must never read back as a silent success with different values.
 */
import { exitCodeOf } from '../src/cli/exitCodes.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ScanconvError } from '../src/errors.js';
import { openCheckpoint } from '../src/format/open.js';
import { readAll } from '../src/format/types.js';
import { tmpDir } from './helpers.js';
import { writeOcdbt, zarrV2, zarrV3, type ArrayData } from './orbaxWriter.js';

const CASES = Number(process.env.SCANCONV_FUZZ_CASES ?? 300);
const SEED = Number(process.env.SCANCONV_FUZZ_SEED ?? 20);

function readEverything(dir: string): string {
  const index = openCheckpoint(dir);
  try {
    const parts = [...index.tensors].map(([n, r]) => `${n}:${Buffer.from(readAll(r)).toString('hex')}`);
    index.integrity?.();
    return parts.join('|');
  } finally {
    index.close();
  }
}

test('mutated OCDBT checkpoints: success or a typed error, never a crash or a hang', () => {
  const root = tmpDir();
  let n = 0;
  fc.assert(
    fc.property(
      fc.record({
        v3: fc.boolean(),
        zstd: fc.boolean(),
        fanout: fc.integer({ min: 2, max: 6 }),
        maxInline: fc.constantFrom(0, 16, 1000),
        rows: fc.integer({ min: 1, max: 6 }),
        file: fc.constantFrom('manifest.ocdbt', 'd/nodes', 'd/values'),
        kind: fc.constantFrom('flip', 'truncate', 'extend'),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        bit: fc.integer({ min: 0, max: 7 }),
      }),
      (c) => {
        const dir = path.join(root, String(n++));
        const a: ArrayData = { dtype: 'BF16', shape: [c.rows, 4], bytes: Uint8Array.from({ length: c.rows * 8 }, (_, i) => (i * 37) & 0xff) };
        const kv = c.v3 ? zarrV3('p.w', a, [2, 4], [1, 2]) : zarrV2('p.w', a, [2, 2], 'zstd');
        writeOcdbt(dir, kv, { zstd: c.zstd, fanout: c.fanout, maxInline: c.maxInline });
        const before = readEverything(dir);
        const file = path.join(dir, c.file);
        const bytes = fs.readFileSync(file);
        if (bytes.length === 0 && c.kind !== 'extend') return;
        const at = Math.min(bytes.length - 1, Math.floor(c.at * bytes.length));
        if (c.kind === 'flip') bytes[at] ^= 1 << c.bit;
        fs.writeFileSync(file, c.kind === 'truncate' ? bytes.subarray(0, at) : c.kind === 'extend' ? Buffer.concat([bytes, Buffer.alloc(1 + at % 64, 0x80)]) : bytes);
        const started = performance.now();
        let after: string | undefined;
        try {
          after = readEverything(dir);
        } catch (e) {
          if (!(e instanceof ScanconvError)) throw e;
          assert.equal(exitCodeOf(e), 2);
          assert.ok(!e.message.includes('\n'));
        }
        assert.ok(performance.now() - started < 2000, 'bounded time');
        // Manifests and nodes are CRC-guarded: a flip there never reads back changed values.
        if (after !== undefined && c.kind === 'flip' && c.file !== 'd/values') assert.equal(after, before);
        fs.rmSync(dir, { recursive: true });
      },
    ),
    { numRuns: CASES, seed: SEED },
  );
});
