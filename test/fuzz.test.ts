/**
 * Fuzzing the readers and the converter: thousands of mutated copies of valid checkpoints
 * (bytes flipped, truncated, header text edited). Every run must end in success or a typed
 * ScanconvError: never another exception, a hang, or a file left behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convert } from '../src/convert.js';
import { ScanconvError } from '../src/errors.js';
import { seededRandom } from '../src/verify/inputs.js';
import { fixture, tmpDir } from './helpers.js';

type Mutator = (b: Buffer, rand: () => number) => Buffer;

const pick = (rand: () => number, n: number) => Math.floor(rand() * n);

const MUTATORS: Mutator[] = [
  // Flip 1-4 random bytes, biased towards the first KB (headers, msgpack structure).
  (b, rand) => {
    const out = Buffer.from(b);
    for (let k = 1 + pick(rand, 4); k > 0; k--) {
      const at = rand() < 0.7 ? pick(rand, Math.min(1024, out.length)) : pick(rand, out.length);
      out[at] ^= 1 << pick(rand, 8);
    }
    return out;
  },
  // Truncate anywhere.
  (b, rand) => b.subarray(0, pick(rand, b.length)),
  // Append junk.
  (b, rand) => Buffer.concat([b, Buffer.from([pick(rand, 256), pick(rand, 256)])]),
  // Edit a digit in the header text (shapes, offsets, lengths).
  (b, rand) => {
    const out = Buffer.from(b);
    const limit = Math.min(out.length, 2048);
    for (let tries = 0; tries < 50; tries++) {
      const at = pick(rand, limit);
      if (out[at] >= 0x30 && out[at] <= 0x39) {
        out[at] = 0x30 + pick(rand, 10);
        break;
      }
    }
    return out;
  },
  // Overwrite a byte with a msgpack/JSON structural byte.
  (b, rand) => {
    const out = Buffer.from(b);
    const specials = [0x7b, 0x7d, 0x5b, 0x5d, 0x22, 0x2c, 0xc1, 0xdd, 0xdf, 0xc9, 0xc6, 0x93, 0xff, 0x00];
    out[pick(rand, Math.min(out.length, 4096))] = specials[pick(rand, specials.length)];
    return out;
  },
];

async function fuzz(source: string, ext: string, runs: number, seed: number): Promise<{ ok: number; typed: Record<string, number> }> {
  const dir = tmpDir();
  const original = fs.readFileSync(source);
  const rand = seededRandom(seed);
  const typed: Record<string, number> = {};
  let ok = 0;
  for (let i = 0; i < runs; i++) {
    const input = path.join(dir, `in${ext}`);
    fs.writeFileSync(input, MUTATORS[pick(rand, MUTATORS.length)](original, rand));
    const output = path.join(dir, `out${['.safetensors', '.msgpack', '.json'][i % 3]}`);
    try {
      await convert(input, output, { force: true });
      ok++;
    } catch (e) {
      if (!(e instanceof ScanconvError)) {
        fs.copyFileSync(input, path.join(dir, `crash${ext}`));
        assert.fail(`run ${i}: ${(e as Error).stack} (input kept in ${dir})`);
      }
      typed[e.code] = (typed[e.code] ?? 0) + 1;
    }
    const left = fs.readdirSync(dir).filter((f) => f.includes('scanconv-tmp'));
    assert.deepEqual(left, [], `run ${i} left a temporary file`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { ok, typed };
}

test('fuzz: 1500 mutated safetensors files end in success or a typed error', async () => {
  const r = await fuzz(fixture('llm_tiny', 'pyloop.safetensors'), '.safetensors', 1500, 1);
  // The mutations must actually exercise the validators, not only succeed.
  assert.ok(Object.keys(r.typed).length >= 6, JSON.stringify(r.typed));
  assert.ok(r.ok > 50, `only ${r.ok} successes`);
});

test('fuzz: 1200 mutated Flax msgpack files end in success or a typed error', async () => {
  const r = await fuzz(fixture('block_tiny', 'pyloop.msgpack'), '.msgpack', 1200, 2);
  assert.ok(Object.keys(r.typed).length >= 4, JSON.stringify(r.typed));
  assert.ok(r.ok > 50, `only ${r.ok} successes`);
});

test('fuzz: 600 mutated JSON checkpoints end in success or a typed error', async () => {
  const dir = tmpDir();
  const json = path.join(dir, 'llm.json');
  await convert(fixture('llm_tiny', 'pyloop.safetensors'), json, { to: 'pyloop' });
  const r = await fuzz(json, '.json', 600, 3);
  assert.ok(Object.keys(r.typed).length >= 2, JSON.stringify(r.typed));
});
