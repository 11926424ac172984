/**
 * Synthetic checkpoints for benchmarks: tensors whose bytes are generated on read (a cheap
 * pattern), so a multi-GB file costs no memory to produce.
 */
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

/** The repository root and `--name value` options of a bench script. */
export function benchArgs(moduleUrl: string): { root: string; args: string[]; opt: (name: string, dflt: string) => string } {
  const args = process.argv.slice(2);
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
