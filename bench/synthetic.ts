/**
 * Synthetic checkpoints for benchmarks: tensors whose bytes are generated on read (a cheap
 * pattern), so a multi-GB file costs no memory to produce.
 */
import type { DType } from '../src/format/dtype.js';
import { dtypeSize, numel } from '../src/format/dtype.js';
import type { TensorRef } from '../src/format/types.js';
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

export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size "${s}" (e.g. 1GB, 500MB)`);
  const mult: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
  return Math.round(Number(m[1]) * mult[(m[2] ?? 'B').toUpperCase()]);
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
