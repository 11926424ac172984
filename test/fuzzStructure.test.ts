/**
 * Structure-aware fuzzing (issues 11, 19): valid checkpoints of every format and layout, generated
 * from a seed, then mutated in their structure (names, nesting, shapes, dtypes, metadata, layer
 * group depths, duplicate and colliding keys; layer names of regex and separator characters with
 * --layers patterns spelling them as classes; FIFOs, devices, directories and LFS pointers as the
 * input or a shard; headers padded to megabytes or claiming the cap; more shards than open files;
 * fuzzModel.ts), converted in-process through the
 * library. For every case, either:
 *  - success, and the output passes `check`, in the layout reported, and converts back to the
 *    input's tensors bit for bit; or
 *  - a typed ScanconvError;
 * never another exception, a case over 10 s, a change to Object.prototype, or a temp file left.
 *
 * SCANCONV_FUZZ_CASES (default 10000) and SCANCONV_FUZZ_SEED (default 11) run more or other cases;
 * a failure names its case number, seed and mutations, so `SCANCONV_FUZZ_SEED=<seed>` replays it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convert, type ConvertOptions } from '../src/convert.js';
import { checkFile } from '../src/check.js';
import { ScanconvError } from '../src/errors.js';
import { openCheckpoint } from '../src/format/open.js';
import { analyzeLayout, type LayoutOptions } from '../src/layout/analyze.js';
import { readAll } from '../src/format/types.js';
import { seededRandom } from '../src/verify/inputs.js';
import { generate, leafHasNonfinite, MUTATION_NAMES, MUTATIONS, writeInput, pick, type FuzzCase } from './fuzzModel.js';

const CASES = Number(process.env.SCANCONV_FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.SCANCONV_FUZZ_SEED ?? 11);
const CASE_LIMIT_MS = 10_000;
/** SCANCONV_FUZZ_COLLECT=1: run every case and print failures grouped by signature (triage). */
const COLLECT = process.env.SCANCONV_FUZZ_COLLECT === '1';
const collected = new Map<string, { count: number; example: string }>();

/** tmpfs when there is one: every output is fsync'ed, which on a disk would dominate the run. */
function fuzzDir(): string {
  const base = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').isDirectory() ? '/dev/shm' : os.tmpdir();
  try {
    return fs.mkdtempSync(path.join(base, 'scanconv-fuzz-'));
  } catch {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-fuzz-'));
  }
}

/** Tensors of a checkpoint as name -> "dtype shape hex", in sorted name order. */
function tensors(file: string, sep: string | undefined): string[] {
  const index = openCheckpoint(file, { sep });
  try {
    return [...index.tensors].map(([name, ref]) => `${name} ${ref.dtype} [${ref.shape.join(',')}] ${Buffer.from(readAll(ref)).toString('hex')}`).sort();
  } finally {
    index.close();
  }
}

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort().join();

interface Outcome {
  ok: number;
  typed: Map<string, number>;
  slowestMs: number;
}

/** Run one case; returns the error code, or 'ok'. Throws (an assertion) on any violation. */
async function runCase(c: FuzzCase, dir: string, r: () => number): Promise<string> {
  const input = writeInput(c, dir, r);
  const inputSep = c.format === 'msgpack' || c.format === 'json' ? c.sep : undefined;
  const options: ConvertOptions = { ...c.options, sep: inputSep, force: true };
  const out = path.join(dir, `out${c.output.ext}`);
  if (c.output.shardSize) options.shardSize = c.output.shardSize;
  let result;
  try {
    result = await convert(input, out, options);
  } catch (e) {
    if (e instanceof ScanconvError) return e.code;
    throw e;
  }
  // What the conversion resolved (separator, pattern, stack, axis), to check and reverse it.
  const index = openCheckpoint(input, { sep: inputSep });
  const { sep } = index;
  const { layerPattern, stack, axis } = analyzeLayout(index, c.options).options;
  index.close();
  // Msgpack keeps no metadata: the options say what its provenance would have said.
  const depths = [...new Set(Object.values(result.depths))];
  // Only msgpack needs the depth said (safetensors and JSON keep each group's in their provenance).
  const shared = result.to === 'shared' && c.output.ext === '.msgpack' ? { from: 'shared' as const, numLayers: depths[0] } : {};
  const layout: Partial<LayoutOptions> = { layerPattern, stack, axis, ...shared };
  // A shared msgpack output of groups with different depths keeps them nowhere (msgpack has no
  // metadata and --num-layers is one number): it checks, but cannot be reversed without them.
  const reversible = !(c.output.ext === '.msgpack' && result.to === 'shared' && depths.length > 1);
  const written = fs.existsSync(`${out}.index.json`) ? `${out}.index.json` : out;
  const outSep = c.output.ext === '.safetensors' ? undefined : sep;
  const checked = checkFile(written, { allowNonfinite: true, expectLayout: result.to, sep: outSep, ...layout });
  assert.equal(checked.code, 0, `the output of a successful conversion fails check: ${checked.message}`);
  // NaN and infinities survive the conversion and check finds them; a finite checkpoint stays finite.
  const nonfinite = checkFile(written, { expectLayout: result.to, sep: outSep, ...layout });
  assert.equal(nonfinite.error === 'NONFINITE', c.leaves.some(leafHasNonfinite), `check of the output: ${nonfinite.message}`);
  if (!reversible) return 'ok';
  const back = path.join(dir, `back${c.output.ext}`);
  try {
    await convert(written, back, { ...layout, to: result.from, sep: outSep, force: true });
  } catch (e) {
    assert.fail(`the output of a successful conversion does not convert back: ${(e as Error).message}`);
  }
  assert.deepEqual(tensors(back, outSep), tensors(input, inputSep), 'converting back does not give the input tensors');
  return 'ok';
}

async function campaign(cases: number, seed: number): Promise<Outcome> {
  const r = seededRandom(seed);
  const dir = fuzzDir();
  const before = prototypeNames();
  const outcome: Outcome = { ok: 0, typed: new Map(), slowestMs: 0 };
  try {
    for (let i = 0; i < cases; i++) {
      const c = generate(r);
      const n = r() < 0.2 ? 0 : 1 + Math.floor(r() * 2);
      for (let k = 0; k < n; k++) {
        const name = pick(r, MUTATION_NAMES);
        MUTATIONS[name](c, r);
        c.mutations.push(name);
      }
      const started = performance.now();
      let code: string;
      const describe = () => `case ${i} (SCANCONV_FUZZ_SEED=${seed}): ${c.format} ${c.layout} -> ${c.options.to ?? 'default'} ${c.output.ext}${c.output.shardSize ? ' sharded' : ''}, mutations [${c.mutations.join(', ')}] raw [${c.raw.join(', ')}], names ${JSON.stringify(c.leaves.map((l) => l.path.join(c.sep)).slice(0, 12))}, options ${JSON.stringify(c.options)}, metadata ${JSON.stringify(c.metadata)}`;
      try {
        code = await runCase(c, dir, r);
      } catch (e) {
        if (!COLLECT) assert.fail(`${describe()}\n${(e as Error).stack}`);
        // Triage mode: group failures by their first line (paths and numbers blanked).
        const sig = `${(e as Error).constructor.name}: ${(e as Error).message.split('\n')[0].replace(/\/[^\s:]*\//g, '/…/').replace(/\d+/g, 'N')}`;
        const seen = collected.get(sig);
        if (seen) seen.count++;
        else collected.set(sig, { count: 1, example: `${describe()}\n${process.env.SCANCONV_FUZZ_FULL ? (e as Error).message : (e as Error).stack?.split("\n").slice(0, 6).join("\n")}` });
        code = 'FAILED';
      }
      const ms = performance.now() - started;
      outcome.slowestMs = Math.max(outcome.slowestMs, ms);
      assert.ok(ms < CASE_LIMIT_MS, `${describe()}: took ${ms.toFixed(0)} ms`);
      for (const k in {}) assert.fail(`${describe()}: Object.prototype gained the enumerable key ${k}`);
      assert.equal(prototypeNames(), before, `${describe()}: Object.prototype changed`);
      const left = fs.readdirSync(dir);
      assert.deepEqual(left.filter((f) => f.includes('scanconv-tmp')), [], `${describe()}: a temporary file was left`);
      for (const f of left) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
      if (code === 'ok') outcome.ok++;
      else outcome.typed.set(code, (outcome.typed.get(code) ?? 0) + 1);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return outcome;
}

test(`structure-aware fuzz: ${CASES} generated and mutated checkpoints end in a checked, reversible output or a typed error`, { timeout: 600_000 }, async (t) => {
  const started = performance.now();
  const o = await campaign(CASES, SEED);
  const seconds = (performance.now() - started) / 1000;
  const codes = [...o.typed].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  for (const [sig, { count, example }] of collected) t.diagnostic(`FAILED ${count}x ${sig}\n  e.g. ${example}`);
  assert.equal(collected.size, 0, `${collected.size} failure signatures`);
  t.diagnostic(`${CASES} cases (seed ${SEED}) in ${seconds.toFixed(1)} s, slowest ${o.slowestMs.toFixed(0)} ms: ${o.ok} converted and round-tripped; typed errors: ${codes}`);
  // The campaign must exercise both sides: real conversions and many distinct refusals.
  assert.ok(o.ok > CASES * 0.15, `only ${o.ok} successes`);
  assert.ok(o.typed.size >= 20, `only ${o.typed.size} distinct error codes: ${codes}`);
});
