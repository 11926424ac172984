/**
 * verify and generate on MaxText's Llama tree (families/maxtext.ts): the shared Llama fixture
 * converted as MaxText's HF -> MaxText converter converts it (test/maxtextLlama.ts) and written
 * as Orbax checkpoints, scanned on axis 1 and per layer, runs against transformers' goldens.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../src/errors.js';
import { openCheckpoint } from '../src/format/open.js';
import { memoryRef, readAll, type TensorIndex } from '../src/format/types.js';
import { HfConfig } from '../src/model/config.js';
import { detectModel } from '../src/model/detect.js';
import { modelTree } from '../src/model/tree.js';
import { generate } from '../src/verify/generate.js';
import { verify } from '../src/verify/verify.js';
import { cli, fixture, tmpDir } from './helpers.js';
import { ChunkCache, ZarrArray } from '../src/format/orbax/zarrArray.js';
import { maxtextTree, writeMaxtextOrbax } from './maxtextLlama.js';

const LLAMA = fixture('arch/llama');
const SIZES = { D: 48, H: 6, KV: 3, DH: 8, L: 3 };
const golden = path.join(LLAMA, 'io.safetensors');
const config = path.join(LLAMA, 'config.json');

test('MaxText Llama, scanned on axis 1 and per layer: verify --expect within 1e-5 of transformers, both forms agree exactly, generate gives its tokens', async () => {
  const dir = tmpDir();
  try {
    const scanned = await writeMaxtextOrbax(path.join(LLAMA, 'hf_pt.safetensors'), SIZES, 'scanned', dir);
    const layers = await writeMaxtextOrbax(path.join(LLAMA, 'hf_pt.safetensors'), SIZES, 'layers', dir);
    const { report } = await verify(scanned, { other: layers, expect: golden, config, parallel: false });
    assert.equal(report.params.equal, true);
    assert.equal(report.final.maxAbsDiff, 0);
    assert.ok(report.perLayer.every((l) => Object.values(l.maxAbsDiff).every((d) => d === 0)));
    assert.ok(report.expect!.relError <= 1e-5, `scale-aware error against transformers ${report.expect!.relError}`);
    assert.equal(report.passed, true);
    const g = await generate(scanned, { expect: golden, config, parallel: false });
    const io = openCheckpoint(golden);
    const tokens = new Int32Array(readAll(io.tensors.get('generated')!).buffer.slice(0));
    io.close();
    assert.deepEqual(g.tokens.flat(), [...tokens]);
    assert.ok(g.checks.every((c) => c.passed), JSON.stringify(g.checks));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// One pair of checkpoints for the tests below: scanned (with the model's config.json inside, where
// MaxText users keep it) and per layer (config passed with --config).
let dir = '';
let scanned = '';
let layers = '';
before(async () => {
  dir = tmpDir();
  scanned = await writeMaxtextOrbax(path.join(LLAMA, 'hf_pt.safetensors'), SIZES, 'scanned', dir);
  layers = await writeMaxtextOrbax(path.join(LLAMA, 'hf_pt.safetensors'), SIZES, 'layers', dir);
  fs.copyFileSync(config, path.join(scanned, 'config.json'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** config.json with `changes` applied, written beside the checkpoints. */
function configWith(name: string, changes: Record<string, unknown>): string {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(config, 'utf8')), ...changes }));
  return file;
}

const failure = (f: () => unknown): { code: string; message: string } => {
  try {
    f();
  } catch (e) {
    if (e instanceof ScanconvError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
};

test("bf16, as MaxText's converter writes it: both forms agree exactly, and the outputs stay near transformers' f32 goldens", async () => {
  const hf = path.join(LLAMA, 'hf_pt.safetensors');
  const scan16 = await writeMaxtextOrbax(hf, SIZES, 'scanned', dir, 'BF16');
  const layers16 = await writeMaxtextOrbax(hf, SIZES, 'layers', dir, 'BF16');
  // bf16 weights move the logits by about 2.2e-2 (scale-aware) from the f32 goldens; the query
  // scaled twice, or not at all, moves them by 0.8 and more.
  const { report } = await verify(scan16, { other: layers16, expect: path.join(LLAMA, 'io.safetensors'), expectThreshold: 5e-2, config, parallel: false });
  assert.ok(report.expect!.relError > 1e-3 && report.expect!.relError <= 5e-2, `scale-aware error against transformers ${report.expect!.relError}`);
  assert.equal(report.params.equal, true);
  assert.equal(report.final.maxAbsDiff, 0);
  assert.ok(report.perLayer.every((l) => Object.values(l.maxAbsDiff).every((d) => d === 0)));
  assert.equal(report.passed, true);
});

test('the CLI: verify and generate on a scanned MaxText step directory with config.json inside, and on the per-layer one with --model llama --config', () => {
  const golden = path.join(LLAMA, 'io.safetensors');
  const v = cli(['verify', scanned, '--expect', golden]);
  assert.equal(v.status, 0, v.stderr);
  assert.match(v.stdout, /expect: scan form vs .*io\.safetensors \(6 tensors\).*✅/);
  const g = cli(['generate', scanned, '--expect', golden]);
  assert.equal(g.status, 0, g.stderr);
  const l = cli(['verify', layers, '--model', 'llama', '--config', config, '--expect', golden]);
  assert.equal(l.status, 0, l.stderr);
});

test('a MaxText tree whose shapes contradict config.json: exit 2, one line naming the tensor, in both layouts', () => {
  const bad = configWith('wide', { intermediate_size: 137 });
  const sizes = `(${bad}: hidden_size, num_attention_heads, num_key_value_heads, head width, intermediate_size, vocab_size: D 48, H 6, KV 3, DH 8, F 137, V 120)`;
  for (const [ckpt, name] of [[scanned, 'params.params.decoder.layers.mlp.wi_0.kernel'], [layers, 'params.params.decoder.layers_0.mlp.wi_0.kernel']]) {
    const r = cli(['verify', ckpt, '--config', bad]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `scanconv: error: ${name}: shape [48, 136], expected [48, 137] = [D, F] ${sizes}\n`);
    assert.equal(r.stdout, '');
  }
});

test("detectModel picks the llama family from MaxText's names (no --model), and --model llama reads them too", () => {
  const index: TensorIndex = openCheckpoint(scanned);
  try {
    for (const form of ['scan', 'pyloop'] as const) {
      const tree = modelTree(index, form);
      const cfg = HfConfig.find(scanned)!;
      const spec = detectModel(tree, { config: cfg });
      assert.equal(spec.kind, 'llama');
      assert.equal(spec.decoder!.naming, 'maxtext');
      assert.deepEqual(spec.decoder!.globals, { embed: 'params.params.token_embedder.embedding', norm: 'params.params.decoder.decoder_norm.scale', head: 'params.params.decoder.logits_dense.kernel' });
      assert.deepEqual(detectModel(tree, { model: 'llama', config: cfg }), spec);
      // Without config.json the names alone pick the family, which then asks for its sizes.
      assert.deepEqual(failure(() => detectModel(tree)), { code: 'NEED_CONFIG', message: 'a llama checkpoint needs its config.json (sizes, eps, rope_theta): put it beside the checkpoint or pass --config FILE' });
      assert.equal(failure(() => detectModel(tree, { model: 'gemma', config: cfg })).code, 'WRONG_MODEL');
    }
  } finally {
    index.close();
  }
});

test("what MaxText's Llama tree cannot tell, or scanconv does not compute, is refused with the reason", () => {
  const index = openCheckpoint(scanned);
  try {
    const tree = modelTree(index, 'scan');
    const refused = (changes: Record<string, unknown>) => {
      const file = configWith('changed', changes);
      return failure(() => detectModel(tree, { config: HfConfig.find(scanned, file) }));
    };
    const file = path.join(dir, 'changed.json');
    assert.deepEqual(refused({ rope_scaling: { rope_type: 'llama3', factor: 8 } }), {
      code: 'UNSUPPORTED_CONFIG',
      message: `${file}: "rope_scaling" is {"rope_type":"llama3","factor":8}; MaxText runs scaled RoPE (LLaMARotaryEmbedding) on query and key kernels its converter permuted into interleaved pairs for model sizes llama3.1-* only (llama_or_mistral_ckpt.py:764-766), and the tree does not say which it holds; scanconv refuses rather than guess`,
    });
    assert.deepEqual(refused({ tie_word_embeddings: true }), {
      code: 'UNSUPPORTED_CONFIG',
      message: `${file}: "tie_word_embeddings" is true; MaxText's Llama converter writes decoder.logits_dense (llama_or_mistral_ckpt.py:722-725); a head read from the embedding (logits_via_embedding) is not computed by scanconv`,
    });
    assert.deepEqual(refused({ model_type: 'qwen2' }), {
      code: 'UNSUPPORTED_CONFIG',
      message: `${file}: model_type "qwen2" with MaxText's parameter names: scanconv runs MaxText's llama2 and mistral decoder blocks (model_type llama, mistral) only`,
    });
    // Mistral: MaxText's block has no window, so none is computed, and a note says so.
    const mistral = configWith('mistral', { model_type: 'mistral', sliding_window: 4 });
    const spec = detectModel(tree, { config: HfConfig.find(scanned, mistral) });
    assert.equal(spec.decoder!.window, undefined);
    assert.deepEqual(spec.decoder!.notes, [`${mistral}: "sliding_window" 4 is not applied: MaxText's mistral decoder block attends to every earlier position (sliding_window_size 0), and scanconv computes MaxText's math for MaxText's names (docs/MAXTEXT.md)`]);
  } finally {
    index.close();
  }
});

test("a layer parameter MaxText's Llama block has no place for (a query bias) is refused, not ignored", () => {
  const refs = maxtextTree(path.join(LLAMA, 'hf_pt.safetensors'), SIZES, 'layers');
  refs.push(...[0, 1, 2].map((l) => memoryRef(`params.params.decoder.layers_${l}.self_attention.query.bias`, 'F32', [6, 8], new Uint8Array(6 * 8 * 4))));
  const index: TensorIndex = { path: 'biased', format: 'safetensors', metadata: {}, sep: '.', tensors: new Map(refs.map((r) => [r.name, r])), close: () => {} };
  const tree = modelTree(index, 'pyloop');
  assert.deepEqual(failure(() => detectModel(tree, { config: HfConfig.find(scanned) })), {
    code: 'UNSUPPORTED_PARAM',
    message: "params.params.decoder.layers_0.self_attention.query.bias: not a parameter of MaxText's llama2/mistral decoder layer (models/llama2.py), which scanconv computes; refused rather than ignored",
  });
});

test('verify of Orbax checkpoints runs the forms on copies decoded once in TMPDIR, removed after; a TMPDIR in memory is not used: the same result, read by byte range, with a note why', async () => {
  const staging = tmpDir();
  const was = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  const { storedChunk } = ZarrArray.prototype;
  const { get } = ChunkCache.prototype;
  const { statfsSync } = fs;
  const ids = new WeakMap<ZarrArray, number>();
  let nextId = 0;
  let decodes = new Map<string, number>();
  let cached = 0;
  ZarrArray.prototype.storedChunk = function (this: ZarrArray, c: readonly number[]) {
    if (!ids.has(this)) ids.set(this, nextId++);
    const key = `${this.name}@${ids.get(this)}#${c.join(',')}`;
    decodes.set(key, (decodes.get(key) ?? 0) + 1);
    return storedChunk.call(this, c);
  };
  ChunkCache.prototype.get = function (this: ChunkCache, key: string, load: () => Uint8Array) {
    cached++;
    return get.call(this, key, load);
  };
  try {
    const staged = (await verify(scanned, { other: layers, parallel: false })).report;
    assert.ok(decodes.size > 0);
    assert.deepEqual([...decodes].filter(([, n]) => n !== 1), [], 'each chunk decoded once');
    assert.equal(cached, 0, 'no chunk read by byte range');
    assert.equal(staged.staging, undefined);
    assert.deepEqual(fs.readdirSync(staging), [], 'the staged copies are removed');

    decodes = new Map();
    fs.statfsSync = ((p: fs.PathLike) => ({ ...statfsSync(p), type: 0x01021994 })) as typeof fs.statfsSync;
    const byRange = (await verify(scanned, { other: layers, parallel: false })).report;
    fs.statfsSync = statfsSync;
    assert.ok(cached > 0, 'read by byte range');
    assert.deepEqual(byRange.staging, [scanned, layers].map((f) => `${f}: read by byte range, each chunk decoded once per layer (${staging} is tmpfs, held in memory; set TMPDIR to a directory on disk with 0 MB free to decode each chunk once)`));
    assert.deepEqual(byRange.perLayer.map((r) => [r.maxAbsDiff, r.passed]), staged.perLayer.map((r) => [r.maxAbsDiff, r.passed]));
    assert.deepEqual([byRange.final.maxAbsDiff, byRange.params.equal], [staged.final.maxAbsDiff, staged.params.equal]);
    const text = cli(['verify', scanned, layers]);
    assert.equal(text.status, 0, text.stderr);
    assert.doesNotMatch(text.stdout, /note:/);
    assert.deepEqual(fs.readdirSync(staging), [], 'the CLI removes its staged copies too');
  } finally {
    fs.statfsSync = statfsSync;
    ZarrArray.prototype.storedChunk = storedChunk;
    ChunkCache.prototype.get = get;
    if (was === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = was;
  }
});
