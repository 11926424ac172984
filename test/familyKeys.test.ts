/**
 * No silent wrong answers: for each family, every key of its transformers v4.45.2 config class
 * that changes the forward is implemented (fixtures/arch2 and fixtures/arch check the math) or
 * refused with exit 2 naming it. The table below is that classification, one family per entry;
 * docs/FAMILIES.md shows the same. Keys that only matter to training (dropouts, router jitter,
 * aux losses) or to generate()'s bookkeeping (use_cache, token ids, cache_implementation) do
 * not change the forward. A third kind: keys that v4.45.2's flash-attention path reads and its
 * eager path (the reference) does not (Qwen2's and Mixtral's windows, Phi-3's): set, they change
 * nothing, and a note says so (test/windows.test.ts checks the outputs against the goldens).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { verify } from '../src/verify/verify.js';
import { cli, fixture, tmpDir } from './helpers.js';

type Edit = Record<string, unknown>;

interface FamilyKeys {
  /** A checkpoint of the family and its config. */
  dir: string;
  /** Math-changing keys scanconv computes (sizes are shape-checked against the tensors). */
  implemented: string[];
  /** Each refused setting: the key named in the message, and the config edit that sets it. */
  refused: [key: string, edit: Edit][];
  /** Settings only v4.45.2's flash-attention path computes: the key the note names, and the edit. */
  flashOnly?: [key: string, edit: Edit][];
}

const SIZES = ['vocab_size', 'hidden_size', 'intermediate_size', 'num_hidden_layers', 'num_attention_heads', 'num_key_value_heads', 'rms_norm_eps', 'rope_theta', 'tie_word_embeddings'];

const FAMILIES: Record<string, FamilyKeys> = {
  llama: {
    dir: fixture('arch2', 'llama3'),
    implemented: [...SIZES, 'head_dim', 'hidden_act', 'max_position_embeddings', 'rope_scaling', 'pretraining_tp'],
    refused: [
      ['rope_scaling', { rope_scaling: { rope_type: 'mrope', factor: 2 } }],
      ['partial_rotary_factor', { partial_rotary_factor: 0.5 }],
      ['attention_bias', { attention_bias: true }],
      ['mlp_bias', { mlp_bias: true }],
      ['hidden_act', { hidden_act: 'gelu' }],
    ],
  },
  mistral: {
    dir: fixture('arch2', 'mistral_sw'),
    implemented: [...SIZES, 'head_dim', 'hidden_act', 'sliding_window'],
    refused: [
      ['rope_scaling', { rope_scaling: { type: 'linear', factor: 2 } }],
      ['hidden_act', { hidden_act: 'relu' }],
    ],
  },
  qwen2: {
    dir: fixture('arch2', 'qwen2_5'),
    implemented: [...SIZES, 'hidden_act', 'max_position_embeddings', 'rope_scaling'],
    refused: [
      ['head_dim', { head_dim: 8 }],
      ['rope_scaling', { rope_scaling: { type: 'su', short_factor: [1], long_factor: [1] } }],
    ],
    flashOnly: [['use_sliding_window', { use_sliding_window: true, sliding_window: 4, max_window_layers: 1 }]],
  },
  gemma: {
    dir: fixture('arch', 'gemma'),
    implemented: [...SIZES, 'head_dim', 'hidden_activation'],
    refused: [
      ['rope_scaling', { rope_scaling: { type: 'linear', factor: 2 } }],
      ['hidden_activation', { hidden_activation: 'relu' }],
      ['attention_bias', { attention_bias: true }],
    ],
  },
  gemma2: {
    dir: fixture('arch2', 'gemma2'),
    implemented: [...SIZES, 'head_dim', 'hidden_activation', 'query_pre_attn_scalar', 'attn_logit_softcapping', 'final_logit_softcapping', 'sliding_window'],
    refused: [
      ['rope_scaling', { rope_scaling: { rope_type: 'dynamic', factor: 2 } }],
      ['hidden_activation', { hidden_activation: 'gelu' }],
      ['sliding_window', { sliding_window: null }],
      ['tie_word_embeddings', { tie_word_embeddings: false }],
      ['attention_bias', { attention_bias: true }],
    ],
  },
  phi3: {
    dir: fixture('arch2', 'phi3'),
    implemented: [...SIZES, 'hidden_act', 'max_position_embeddings', 'original_max_position_embeddings', 'rope_scaling'],
    refused: [
      ['rope_scaling', { rope_scaling: { type: 'linear', factor: 2 } }],
      ['partial_rotary_factor', { partial_rotary_factor: 0.75 }],
      ['head_dim', { head_dim: 6 }],
      ['hidden_act', { hidden_act: 'gelu' }],
    ],
    flashOnly: [['sliding_window', { sliding_window: 5 }]],
  },
  mixtral: {
    dir: fixture('arch2', 'mixtral'),
    implemented: [...SIZES, 'hidden_act', 'num_local_experts', 'num_experts_per_tok'],
    refused: [
      ['rope_scaling', { rope_scaling: { rope_type: 'llama3', factor: 8 } }],
      ['hidden_act', { hidden_act: 'gelu' }],
    ],
    flashOnly: [['sliding_window', { sliding_window: 4 }]],
  },
};

function writeCase(dir: string, from: string, edit: Edit): string {
  const config = JSON.parse(fs.readFileSync(path.join(from, 'config.json'), 'utf8')) as Edit;
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ ...config, ...edit }));
  const file = path.join(dir, 'model.safetensors');
  if (!fs.existsSync(file)) fs.copyFileSync(path.join(from, 'hf_pt.safetensors'), file);
  return file;
}

for (const [family, keys] of Object.entries(FAMILIES)) {
  test(`${family}: every math-changing config key is implemented or refused with exit 2 naming it`, async () => {
    const dir = tmpDir();
    try {
      const base = JSON.parse(fs.readFileSync(path.join(keys.dir, 'config.json'), 'utf8')) as Edit;
      // The implemented keys are all in the family's fixture config, whose goldens check them.
      assert.deepEqual(keys.implemented.filter((k) => !(k in base)), []);
      for (const [key, edit] of keys.refused) {
        const file = writeCase(dir, keys.dir, edit);
        await assert.rejects(verify(file, { parallel: false }), (e: Error & { code?: string }) => {
          assert.ok(e.message.includes(`"${key}"`), `${family} ${key}: ${e.message}`);
          assert.ok(['UNSUPPORTED_CONFIG', 'BAD_CONFIG'].includes(e.code ?? ''), `${family} ${key}: ${e.code}`);
          return true;
        });
      }
      for (const [key, edit] of keys.flashOnly ?? []) {
        const file = writeCase(dir, keys.dir, edit);
        const { report } = await verify(file, { parallel: false });
        assert.equal(report.spec.decoder!.window, undefined, `${family} ${key}`);
        assert.equal(report.spec.decoder!.notes?.length, 1, `${family} ${key}`);
        assert.ok(report.spec.decoder!.notes![0].includes(`"${key}"`), `${family} ${key}: ${report.spec.decoder!.notes![0]}`);
      }
      // The command line: exit 2 and one line naming the key.
      const [key, edit] = keys.refused[0];
      const r = cli(['verify', writeCase(dir, keys.dir, edit)]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`^scanconv: error: .*"${key}"`));
      assert.equal(r.stderr.trim().split('\n').length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
