/**
 * The Hugging Face decoder families (llama, qwen2 as llama with q/k/v biases, gemma, gpt2)
 * against transformers 4.40.2's own outputs (fixtures/arch/<family>/io.safetensors), in both
 * namings and both forms; shape validation against config.json; --params-only on any tree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { convert } from '../src/convert.js';
import { openCheckpoint } from '../src/format/open.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { copyOf, outputAsRef, type OutputTensor } from '../src/format/stream.js';
import { memoryRef, readAll, type TensorRef } from '../src/format/types.js';
import { stackTensors, unstackTensor } from '../src/layout/pieces.js';
import { generate } from '../src/verify/generate.js';
import { verify } from '../src/verify/verify.js';
import { cli, fixture, tmpDir, writeSynthetic } from './helpers.js';

const HF_LAYERS = '^(\\d+)$';
const FAMILIES = ['llama', 'qwen2', 'gemma', 'gpt2'] as const;
const NAMINGS = ['hf_pt', 'flax_pyloop'] as const;
const arch = (family: string, file: string) => fixture('arch', family, file);

/** A temp dir holding `config.json` (the family's, edited) next to the checkpoints a test writes. */
function withConfig(dir: string, family: string, edit: (c: Record<string, unknown>) => void = () => {}): void {
  const c = JSON.parse(fs.readFileSync(arch(family, 'config.json'), 'utf8')) as Record<string, unknown>;
  edit(c);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(c));
}

/** Rewrite a checkpoint tensor by tensor, transforming what `edit` touches. */
async function rewrite(src: string, dst: string, edit: (name: string, ref: TensorRef) => OutputTensor | undefined): Promise<void> {
  const index = openCheckpoint(src);
  try {
    await writeSafetensors(dst, [...index.tensors.values()].map((ref) => edit(ref.name, ref) ?? copyOf(ref)), index.metadata);
  } finally {
    index.close();
  }
}

for (const family of FAMILIES) {
  for (const naming of NAMINGS) {
    test(`${family} ${naming}: the pair check passes, both forms agree exactly, transformers' outputs and tokens are reproduced`, async () => {
      const dir = tmpDir();
      try {
        withConfig(dir, family);
        const pyloop = path.join(dir, 'pyloop.safetensors');
        const scan = path.join(dir, 'scan.safetensors');
        fs.copyFileSync(arch(family, `${naming}.safetensors`), pyloop);
        await convert(pyloop, scan);
        const golden = arch(family, 'io.safetensors');
        const { report } = await verify(pyloop, { other: scan, expect: golden, parallel: false });
        assert.equal(report.model, family === 'qwen2' ? 'llama' : family);
        assert.equal(report.params.equal, true);
        assert.equal(report.final.maxAbsDiff, 0);
        assert.deepEqual(Object.keys(report.perLayer[0].maxAbsDiff), ['+attention', '+mlp']);
        assert.ok(report.perLayer.every((l) => Object.values(l.maxAbsDiff).every((d) => d === 0)));
        // logits, hidden.0..2, embed_out, final_norm_out
        assert.equal(report.expect!.compared, 6);
        assert.ok(report.expect!.relError <= 1e-5, `scale-aware error against transformers ${report.expect!.relError}`);
        assert.equal(report.passed, true);
        // generate from the scan checkpoint: both forms, the recompute check, transformers' tokens.
        const g = await generate(scan, { expect: golden, parallel: false });
        const goldenTokens = new Int32Array(readAll(openCheckpoint(golden).tensors.get('generated')!).buffer);
        assert.deepEqual(g.tokens.flat(), [...goldenTokens]);
        assert.equal(g.tokens[0].length, 8); // --max-new-tokens taken from the golden file
        assert.ok(g.checks.every((c) => c.passed), JSON.stringify(g.checks));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

test('llama stacked on axis 1 under another stack name: the scan form itself matches transformers', async () => {
  const dir = tmpDir();
  try {
    withConfig(dir, 'llama');
    const scan = path.join(dir, 'scan.safetensors');
    await convert(arch('llama', 'hf_pt.safetensors'), scan, { axis: 1, stack: 'stacked_layers' });
    const { report } = await verify(scan, { expect: arch('llama', 'io.safetensors'), parallel: false });
    assert.equal(report.forms[0].name, 'scan');
    assert.equal(report.expect!.form, 'scan');
    assert.ok(report.expect!.relError <= 1e-5);
    assert.equal(report.passed, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a scanned llama with layers 0 and 2 swapped fails with exit 1 and names those layers', async () => {
  const dir = tmpDir();
  try {
    withConfig(dir, 'llama');
    const scan = path.join(dir, 'scan.safetensors');
    const swapped = path.join(dir, 'swapped.safetensors');
    await convert(arch('llama', 'hf_pt.safetensors'), scan);
    await rewrite(scan, swapped, (name, ref) => (name.includes('.blocks.') ? stackTensors(name, [2, 1, 0].map((i) => outputAsRef(unstackTensor(name, ref, 0, i))), 0) : undefined));
    const report = path.join(dir, 'r.json');
    const r = cli(['verify', arch('llama', 'hf_pt.safetensors'), swapped, '--config', arch('llama', 'config.json'), '--report', report, '--detail', 'none']);
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(fs.readFileSync(report, 'utf8')) as { params: { mismatches: { key: string; layer: number }[] }; perLayer: { passed: boolean }[] };
    assert.deepEqual([...new Set(j.params.mismatches.map((m) => m.layer))].sort(), [0, 2]);
    assert.equal(j.params.mismatches.length, 18); // 9 tensors per layer, layers 0 and 2
    assert.match(r.stdout, /\n {2}layer 0: 9 tensors: model\.layers\.blocks\.\S+/);
    assert.equal(j.perLayer[0].passed, false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a config whose num_key_value_heads disagrees with k_proj exits 2 naming the tensor and its expected shape', () => {
  const dir = tmpDir();
  try {
    withConfig(dir, 'llama', (c) => (c.num_key_value_heads = 2));
    const r = cli(['verify', arch('llama', 'hf_pt.safetensors'), '--config', path.join(dir, 'config.json')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^scanconv: error: model\.layers\.0\.self_attn\.k_proj\.weight: shape \[24, 48\], expected \[16, 48\] = \[KV\*DH, D\] \(.*config\.json: .*KV 2, DH 8/);
    assert.equal(r.stderr.split('\n').length, 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('gemma: head_dim * heads != hidden (4 x 24 vs 48) runs, with its sizes from config.json', async () => {
  const { report } = await verify(arch('gemma', 'hf_pt.safetensors'), { expect: arch('gemma', 'io.safetensors'), parallel: false });
  assert.deepEqual([report.spec.D, report.spec.H, report.spec.DH, report.spec.decoder!.KV], [48, 4, 24, 2]);
  assert.equal(report.passed, true);
});

test('bad config values and wrong shapes exit 2 with one line, never a crash', async () => {
  const dir = tmpDir();
  try {
    const cases: [string, (c: Record<string, unknown>) => void, RegExp][] = [
      ['fractional heads', (c) => (c.num_attention_heads = 2.5), /"num_attention_heads" must be a positive integer up to \d+, found 2\.5/],
      ['zero heads', (c) => (c.num_attention_heads = 0), /"num_attention_heads" must be a positive integer up to \d+, found 0/],
      ['vocabulary of 0', (c) => (c.vocab_size = 0), /"vocab_size" must be a positive integer up to \d+, found 0/],
      ['unknown architecture', (c) => (c.model_type = 'mamba'), /unknown architecture: .* says model_type "mamba".*use verify A B --params-only/],
      ['layer count', (c) => (c.num_hidden_layers = 4), /num_hidden_layers is 4, but the checkpoint has 3 layers/],
      ['rope scaling', (c) => (c.rope_scaling = { type: 'mrope', factor: 2 }), /"rope_scaling" has type "mrope"; llama computes rope_scaling of type default, linear, dynamic, yarn, longrope, llama3/],
    ];
    for (const [what, edit, message] of cases) {
      withConfig(dir, 'llama', edit);
      // --layers still overrides the detected groups.
      const r = cli(['verify', arch('llama', 'hf_pt.safetensors'), '--layers', HF_LAYERS, '--config', path.join(dir, 'config.json')]);
      assert.equal(r.status, 2, what);
      assert.match(r.stderr, message, what);
    }
    // The notebook's block: a 33x32 Dense kernel, a norm of length 3, a rank-2 query kernel.
    const block = (over: Record<string, number[]>) => {
      const D = 32;
      const shapes: Record<string, number[]> = {
        'RMSNorm_0.scale': [D], 'RMSNorm_1.scale': [D], 'Dense_0.kernel': [D, D], 'Dense_0.bias': [D],
        'self_attention.query.kernel': [D, 4, 8], 'self_attention.key.kernel': [D, 4, 8], 'self_attention.value.kernel': [D, 4, 8],
        'self_attention.query.bias': [4, 8], 'self_attention.key.bias': [4, 8], 'self_attention.value.bias': [4, 8],
        'self_attention.out.kernel': [4, 8, D], 'self_attention.out.bias': [D], ...over,
      };
      return Object.fromEntries([0, 1].flatMap((i) => Object.entries(shapes).map(([k, shape]) => [`layer_${i}.${k}`, { dtype: 'F32' as const, shape }])));
    };
    const bad: [Record<string, number[]>, RegExp][] = [
      [{ 'Dense_0.kernel': [33, 32] }, /^layer_0\.Dense_0\.kernel: shape \[33, 32\], expected \[32, 32\] = \[D, D\]/],
      [{ 'RMSNorm_1.scale': [3] }, /^layer_0\.RMSNorm_1\.scale: shape \[3\], expected \[32\] = \[D\]/],
      [{ 'self_attention.query.kernel': [32, 32] }, /^layer_0\.self_attention\.query\.kernel: rank 2 \(shape \[32, 32\]\), expected rank 3/],
      [{ 'self_attention.query.kernel': [32, 0, 8] }, /^layer_0\.self_attention\.query\.kernel: shape \[32, 0, 8\] has a zero size/],
    ];
    const file = path.join(dir, 'block.safetensors');
    fs.rmSync(path.join(dir, 'config.json'));
    for (const [over, message] of bad) {
      await writeSynthetic(file, block(over));
      await assert.rejects(verify(file), (e: Error & { code?: string }) => {
        assert.match(e.message, message);
        assert.ok(e.code === 'BAD_SHAPE', e.code);
        return true;
      });
    }
    // The notebook's llm: a vocabulary of 0.
    const llm = path.join(dir, 'llm.safetensors');
    const llmIndex = openCheckpoint(fixture('llm_tiny', 'pyloop.safetensors'));
    const tensors = [...llmIndex.tensors.values()].map((ref) => (ref.name === 'params.Embed_0.embedding' ? copyOf(memoryRef(ref.name, 'F32', [0, 16], new Uint8Array(0))) : copyOf(ref)));
    await writeSafetensors(llm, tensors, {});
    llmIndex.close();
    await assert.rejects(verify(llm, { heads: 4 }), /Embed_0\.embedding: shape \[0, 16\] has a zero size/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--params-only on a tree no family knows: an exact pair passes; one flipped bit fails with exit 1 naming key and layer', async () => {
  const dir = tmpDir();
  try {
    const pyloop = path.join(dir, 'encoder.safetensors');
    const scan = path.join(dir, 'encoder_scan.safetensors');
    const flipped = path.join(dir, 'flipped.safetensors');
    const specs = Object.fromEntries([0, 1, 2].flatMap((i) => [
      [`encoder.block_${i}.conv.w`, { dtype: 'BF16' as const, shape: [3, 5] }],
      [`encoder.block_${i}.gain`, { dtype: 'F32' as const, shape: [5] }],
    ]));
    await writeSynthetic(pyloop, { ...specs, 'head.w': { dtype: 'F16', shape: [5, 2] } });
    await convert(pyloop, scan, { layerPattern: '^block_(\\d+)$' });
    // Without the flag the tree is refused, pointing at --params-only.
    let r = cli(['verify', pyloop, scan, '--layers', '^block_(\\d+)$']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown model tree: .*use verify A B --params-only\n$/);
    const junit = path.join(dir, 'r.xml');
    r = cli(['verify', pyloop, scan, '--layers', '^block_(\\d+)$', '--params-only', '--junit', junit]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /params: 7 tensors checked .*all bit-identical/);
    assert.match(fs.readFileSync(junit, 'utf8'), /<testsuites name="scanconv verify" tests="2" failures="0" errors="0"/);
    await rewrite(scan, flipped, (name, ref) => {
      if (name !== 'encoder.blocks.conv.w') return undefined;
      const bytes = readAll(ref);
      bytes[2 * 15 * 2 + 3] ^= 0x01; // layer 2, one bit
      return copyOf(memoryRef(name, ref.dtype, ref.shape, bytes));
    });
    const report = path.join(dir, 'r.json');
    r = cli(['verify', pyloop, flipped, '--layers', '^block_(\\d+)$', '--params-only', '--report', report, '--junit', junit]);
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /params: 1 of 7 differ ❌\n {2}layer 2: 1 tensor: encoder\.blocks\.conv\.w\n/);
    assert.deepEqual((JSON.parse(fs.readFileSync(report, 'utf8')) as { params: { mismatches: { key: string; layer: number }[] } }).params.mismatches.map(({ key, layer }) => ({ key, layer })), [{ key: 'encoder.blocks.conv.w', layer: 2 }]);
    assert.match(fs.readFileSync(junit, 'utf8'), /<failure type="PARAMS_DIFFER" message="1 of 7 differ">parameter differs: encoder\.blocks\.conv\.w \[layer 2\]<\/failure>/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('profile: llama FLOPs are the hand-computed figure, both forms timed', () => {
  // D 48, H 6, DH 8, KV 3, F 136, V 120, L 3; B 1, T = S = 4 (BT 4). Per layer:
  //   q and o 2 x 2*4*48*48 = 36864; k and v 2 x 2*4*48*24 = 18432; gate, up, down 3 x 2*4*48*136 = 156672;
  //   attention 2 x 2*1*6*4*4*8 = 3072: 215040, x 3 layers, + head 2*4*48*120 = 46080.
  const r = cli(['profile', arch('llama', 'hf_pt.safetensors'), '--batch', '1', '--seq', '4', '--runs', '1', '--warmup', '0', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout) as { spec: { kind: string }; forms: { name: string; flops: number; transcendentals: number; medianMs: number }[] };
  assert.equal(j.spec.kind, 'llama');
  assert.deepEqual(j.forms.map((f) => f.name), ['pyloop', 'scan']);
  assert.equal(j.forms[0].flops, 3 * 215_040 + 46_080);
  // softmax exp 6*4*4, silu's sigmoid 4*136, two norms' rsqrt 2*4, per layer; the final norm's 4.
  assert.equal(j.forms[0].transcendentals, 3 * (96 + 544 + 8) + 4);
  assert.ok(j.forms.every((f) => f.medianMs > 0));
});
