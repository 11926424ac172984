/**
 * Synthetic checkpoints for benchmarks: tensors whose bytes are generated on read (a cheap
 * pattern), so a multi-GB file costs no memory to produce.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DType } from '../src/format/dtype.js';
import { dtypeSize, numel } from '../src/format/dtype.js';
import { memoryRef, type TensorRef } from '../src/format/types.js';
import { seededRandom } from '../src/verify/inputs.js';
import { copyOf } from '../src/format/stream.js';
import { writeSafetensors } from '../src/format/safetensors.js';

export function patternRef(name: string, dtype: DType, shape: number[], seed: number): TensorRef {
  const byteLength = numel(shape) * dtypeSize(dtype);
  return {
    name,
    dtype,
    shape,
    byteLength,
    readInto(target, targetOffset, offset, length) {
      for (let i = 0; i < length; i++) target[targetOffset + i] = ((offset + i) * 31 + seed * 17) & 0x7f;
    },
  };
}

export { parseSize } from '../src/cli/options.js';

/**
 * The repository root and `--name value` options of a bench script. With --help or -h, prints
 * `usage` and exits before any work (a benchmark can take minutes and gigabytes of disk).
 */
export function benchArgs(moduleUrl: string, usage?: string): { root: string; args: string[]; opt: (name: string, dflt: string) => string } {
  const args = process.argv.slice(2);
  if (usage && (args.includes('--help') || args.includes('-h'))) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  const opt = (name: string, dflt: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
  return { root: path.resolve(path.dirname(fileURLToPath(moduleUrl)), '..'), args, opt };
}

/** A pyloop checkpoint whose every layer is ONE tensor of bytes/layers bytes (to exceed 2 GiB per tensor). */
export async function writeOneTensorCheckpoint(file: string, bytes: number, layers: number): Promise<void> {
  const per = Math.floor(bytes / layers / 4 / 1024) * 1024;
  const refs = Array.from({ length: layers }, (_, l) => patternRef(`params.layer_${l}.w`, 'F32', [per / 1024, 1024], l + 1));
  await writeSafetensors(file, refs.map((r) => copyOf(r)), { format: 'flax' });
}

/** A transformer-like pyloop checkpoint of about `bytes` bytes in `layers` layers (F32). */
export async function writePyloopCheckpoint(file: string, bytes: number, layers: number): Promise<void> {
  // Per layer: 4 attention (D,D) + 2 MLP (D,4D),(4D,D) kernels = 12 D^2 floats, plus biases.
  const D = Math.max(32, Math.round(Math.sqrt(bytes / layers / 48) / 32) * 32);
  const refs: TensorRef[] = [patternRef('params.Embed_0.embedding', 'F32', [1000, D], 0)];
  let seed = 1;
  for (let l = 0; l < layers; l++) {
    const p = `params.layer_${l}`;
    for (const m of ['query', 'key', 'value', 'out']) {
      refs.push(patternRef(`${p}.attn.${m}.kernel`, 'F32', [D, D], seed++));
      refs.push(patternRef(`${p}.attn.${m}.bias`, 'F32', [D], seed++));
    }
    refs.push(patternRef(`${p}.mlp.wi.kernel`, 'F32', [D, 4 * D], seed++));
    refs.push(patternRef(`${p}.mlp.wo.kernel`, 'F32', [4 * D, D], seed++));
    refs.push(patternRef(`${p}.norm.scale`, 'F32', [D], seed++));
  }
  await writeSafetensors(file, refs.map((r) => copyOf(r)), { format: 'flax' });
}

function randomTensor(name: string, shape: number[], scale: number, rand: () => number): TensorRef {
  const f = new Float32Array(numel(shape));
  for (let i = 0; i < f.length; i++) f[i] = (rand() * 2 - 1) * scale;
  return memoryRef(name, 'F32', shape, new Uint8Array(f.buffer));
}

/** The notebook's block model (pyloop layout) with random f32 weights, Xavier-like scale. */
export async function writeBlockCheckpoint(file: string, size: { layers: number; dim: number; heads: number }, seed = 1): Promise<void> {
  const { layers: L, dim: D, heads: H } = size;
  const DH = D / H;
  const rand = seededRandom(seed);
  const k = Math.sqrt(3 / D);
  const refs: TensorRef[] = [];
  for (let l = 0; l < L; l++) {
    const p = `params.layer_${l}`;
    refs.push(randomTensor(`${p}.RMSNorm_0.scale`, [D], 1, rand), randomTensor(`${p}.RMSNorm_1.scale`, [D], 1, rand));
    for (const m of ['query', 'key', 'value']) {
      refs.push(randomTensor(`${p}.self_attention.${m}.kernel`, [D, H, DH], k, rand), randomTensor(`${p}.self_attention.${m}.bias`, [H, DH], 0.05, rand));
    }
    refs.push(randomTensor(`${p}.self_attention.out.kernel`, [H, DH, D], k, rand), randomTensor(`${p}.self_attention.out.bias`, [D], 0.05, rand));
    refs.push(randomTensor(`${p}.Dense_0.kernel`, [D, D], k, rand), randomTensor(`${p}.Dense_0.bias`, [D], 0.05, rand));
  }
  await writeSafetensors(file, refs.map((r) => copyOf(r)), { format: 'flax' });
}

/** TinyLlama-1.1B's shape: 22 layers, D 2048, 32 heads, 4 KV heads, F 5632, V 32000. */
export interface LlamaShape {
  layers: number;
  D: number;
  H: number;
  KV: number;
  F: number;
  V: number;
  /** The head is the embedding (no lm_head tensor), as in Llama 3.2 1B. */
  tied?: boolean;
  /** config.json keys over the Llama 2 defaults (rope_theta, rope_scaling, max_position_embeddings). */
  config?: Record<string, unknown>;
}

/** Llama 3.2's RoPE: rope_theta 500000, rope_scaling llama3 (factor 32, 1, 4, original 8192). */
const LLAMA3_ROPE = {
  rope_theta: 500000,
  max_position_embeddings: 131072,
  rope_scaling: { rope_type: 'llama3', factor: 32, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192 },
};

/** --arch llama3: Llama-3.2-1B's shape (16 layers, D 2048, 32 heads, 8 KV heads of 64, F 8192, V 128256, tied, llama3 RoPE). */
export const LLAMA3_PRESETS: Record<string, LlamaShape> = {
  '1b': { layers: 16, D: 2048, H: 32, KV: 8, F: 8192, V: 128256, tied: true, config: LLAMA3_ROPE },
  tiny: { layers: 4, D: 256, H: 4, KV: 2, F: 688, V: 1001, tied: true, config: LLAMA3_ROPE },
};

export const LLAMA_PRESETS: Record<string, LlamaShape> = {
  '1b': { layers: 22, D: 2048, H: 32, KV: 4, F: 5632, V: 32000 },
  /** 1b's widths, 4 layers: a quick look at where the time goes. */
  '1b-l4': { layers: 4, D: 2048, H: 32, KV: 4, F: 5632, V: 32000 },
  tiny: { layers: 4, D: 256, H: 8, KV: 2, F: 688, V: 1000 },
};

/**
 * bf16 values uniform in [-scale, scale) from a seeded table of 65521 entries (prime, so the
 * pattern does not line up with any matrix dimension), generated on read: no memory to write GBs.
 */
function bf16PatternRef(name: string, shape: number[], scale: number, seed: number, offset = 0): TensorRef {
  const rand = seededRandom(seed);
  const n = 65521;
  const table = new Uint8Array(2 * n);
  const f = new Float32Array(1);
  const bits = new Uint8Array(f.buffer);
  for (let i = 0; i < n; i++) {
    f[0] = offset + (rand() * 2 - 1) * scale;
    table[2 * i] = bits[2];
    table[2 * i + 1] = bits[3];
  }
  return {
    name,
    dtype: 'BF16',
    shape,
    byteLength: numel(shape) * 2,
    readInto(target, targetOffset, at, length) {
      for (let i = 0; i < length; i++) target[targetOffset + i] = table[(at + i) % (2 * n)];
    },
  };
}

/**
 * A Hugging Face Llama checkpoint (bf16) and its config.json, in `dir`: PyTorch naming ((out,in)
 * `weight`s, as transformers saves), or Flax naming ((in,out) `kernel`s, as Flax models save).
 */
export async function writeLlamaCheckpoint(dir: string, size: LlamaShape, naming: 'pt' | 'flax' = 'pt'): Promise<string> {
  const { layers: L, D, H, KV, F, V } = size;
  const DH = D / H;
  const pt = naming === 'pt';
  /** A Linear of `din` inputs and `dout` outputs, stored the way the naming stores it. */
  const linear = (name: string, dout: number, din: number, seed: number) => bf16PatternRef(`${name}.${pt ? 'weight' : 'kernel'}`, pt ? [dout, din] : [din, dout], Math.sqrt(3 / din), seed);
  const refs: TensorRef[] = [
    bf16PatternRef(`model.embed_tokens.${pt ? 'weight' : 'embedding'}`, [V, D], 1, 1),
    bf16PatternRef('model.norm.weight', [D], 0.1, 2, 1),
    ...(size.tied ? [] : [linear('lm_head', V, D, 3)]),
  ];
  let seed = 10;
  for (let l = 0; l < L; l++) {
    const p = `model.layers.${l}`;
    refs.push(
      bf16PatternRef(`${p}.input_layernorm.weight`, [D], 0.1, seed++, 1),
      bf16PatternRef(`${p}.post_attention_layernorm.weight`, [D], 0.1, seed++, 1),
      linear(`${p}.self_attn.q_proj`, H * DH, D, seed++),
      linear(`${p}.self_attn.k_proj`, KV * DH, D, seed++),
      linear(`${p}.self_attn.v_proj`, KV * DH, D, seed++),
      linear(`${p}.self_attn.o_proj`, D, H * DH, seed++),
      linear(`${p}.mlp.gate_proj`, F, D, seed++),
      linear(`${p}.mlp.up_proj`, F, D, seed++),
      linear(`${p}.mlp.down_proj`, D, F, seed++),
    );
  }
  const file = path.join(dir, 'model.safetensors');
  await writeSafetensors(file, refs.map((r) => copyOf(r)), { format: naming });
  const config = {
    model_type: 'llama', hidden_size: D, num_attention_heads: H, num_key_value_heads: KV, intermediate_size: F, vocab_size: V,
    num_hidden_layers: L, rms_norm_eps: 1e-5, rope_theta: 10000, tie_word_embeddings: size.tied ?? false, hidden_act: 'silu', max_position_embeddings: 2048,
    ...size.config,
  };
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 1));
  return file;
}
