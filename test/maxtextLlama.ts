/**
 * A Hugging Face Llama checkpoint converted to MaxText's names and layout the way MaxText's own
 * HF -> MaxText converter does it (AI-Hypercomputer/maxtext at e591f30,
 * src/maxtext/checkpoint_conversion/standalone_scripts/llama_or_mistral_ckpt.py,
 * `_convert_huggingface_to_jax_weights`), then written as Orbax checkpoints: scanned (the layers
 * on axis 1, as the converter stacks them) and per layer (`decoder.layers_N`, MaxText's
 * `scan_layers: false`). The converter casts every weight to bfloat16 (CAST_DTYPE, :197), and
 * so does `dtype: 'BF16'` here (round to nearest even, the query divided in bf16 as ml_dtypes
 * divides: in f32, rounded); the default keeps f32, so the outputs can be held to transformers'
 * f32 goldens.
 */
import path from 'node:path';
import { openCheckpoint } from '../src/format/open.js';
import { memoryRef, readAll, type TensorRef } from '../src/format/types.js';
import { copyOf } from '../src/format/stream.js';
import { writeOrbax } from '../src/format/orbax/orbaxWriter.js';

interface Sizes { D: number; H: number; KV: number; DH: number; L: number }

interface Tensor32 { shape: number[]; data: Float32Array }

type Cast = 'F32' | 'BF16';

/** f32 -> bf16 -> f32, round to nearest even (ml_dtypes' astype(bfloat16) of finite values). */
function bf16(v: number): number {
  const bits = new Uint32Array(new Float32Array([v]).buffer)[0];
  const rounded = ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) << 16;
  return new Float32Array(new Uint32Array([rounded >>> 0]).buffer)[0];
}

const castTo = (cast: Cast, t: Tensor32): Tensor32 => (cast === 'F32' ? t : { shape: t.shape, data: t.data.map(bf16) });

/** (rows, cols) -> (cols, rows): numpy's `.transpose()` of a 2-D weight. */
function transposed(t: Tensor32): Tensor32 {
  const [rows, cols] = t.shape;
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = t.data[r * cols + c];
  return { shape: [cols, rows], data: out };
}

/** Layer `layer`'s tensors under MaxText's names, per-layer shapes. */
function layerTensors(hf: (name: string) => Tensor32, layer: number, s: Sizes, cast: Cast): Record<string, Tensor32> {
  const w = (n: string) => castTo(cast, hf(`model.layers.${layer}.${n}`));
  // :756-762: q/k/v weights transposed to (in, out) and reshaped to [D, heads, DH] (same bytes).
  const wq = transposed(w('self_attn.q_proj.weight'));
  // :807-810: "scale the query weights" by 1/sqrt(head_dim) (scale_query, True for Llama 2/3 and Mistral, :610).
  const depth = cast === 'F32' ? Math.fround(Math.sqrt(s.DH)) : bf16(Math.sqrt(s.DH));
  const query = castTo(cast, { shape: [s.D, s.H, s.DH], data: wq.data.map((v) => Math.fround(v / depth)) });
  const key = { shape: [s.D, s.KV, s.DH], data: transposed(w('self_attn.k_proj.weight')).data };
  const value = { shape: [s.D, s.KV, s.DH], data: transposed(w('self_attn.v_proj.weight')).data };
  // :768-770, :803-805: o_proj.weight [D, H·DH] reshaped [D, H, DH], stacked and moved (2, 0, 3, 1): [H, L, DH, D],
  // i.e. per layer out[h, dh, e] = o_proj[e, h·DH + dh]: the transpose reshaped to [H, DH, D].
  const out = { shape: [s.H, s.DH, s.D], data: transposed(w('self_attn.o_proj.weight')).data };
  // :879-895 (names :269-306: gate_proj -> w1 -> wi_0, up_proj -> w2 -> wi_1, down_proj -> w3 -> wo), each transposed.
  return {
    'self_attention.query.kernel': query,
    'self_attention.key.kernel': key,
    'self_attention.value.kernel': value,
    'self_attention.out.kernel': out,
    'mlp.wi_0.kernel': transposed(w('mlp.gate_proj.weight')),
    'mlp.wi_1.kernel': transposed(w('mlp.up_proj.weight')),
    'mlp.wo.kernel': transposed(w('mlp.down_proj.weight')),
    // :817-856: the norms as they are.
    'pre_self_attention_layer_norm.scale': w('input_layernorm.weight'),
    'post_self_attention_layer_norm.scale': w('post_attention_layernorm.weight'),
  };
}

/** Per-layer tensors stacked on axis 1: [a, L, ...rest], element [i, l, ...] = layer l's [i, ...]. */
function stackedOnAxis1(layers: readonly Tensor32[]): Tensor32 {
  const [a, ...rest] = layers[0].shape;
  const inner = rest.reduce((x, y) => x * y, 1);
  const L = layers.length;
  const data = new Float32Array(a * L * inner);
  for (let i = 0; i < a; i++) for (let l = 0; l < L; l++) data.set(layers[l].data.subarray(i * inner, (i + 1) * inner), (i * L + l) * inner);
  return { shape: [a, L, ...rest], data };
}

/** A tensor stored as `cast`: f32 bytes, or the top halves of bf16-exact f32 values. */
function ref(name: string, t: Tensor32, cast: Cast): TensorRef {
  if (cast === 'F32') return memoryRef(name, 'F32', t.shape, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  const words = new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length);
  const halves = Uint16Array.from(words, (w) => w >>> 16);
  return memoryRef(name, 'BF16', t.shape, new Uint8Array(halves.buffer));
}

/** The MaxText tree of `hfFile` (PyTorch names, f32): every tensor, scanned or per layer. */
export function maxtextTree(hfFile: string, s: Sizes, form: 'scanned' | 'layers', cast: Cast = 'F32'): TensorRef[] {
  const ckpt = openCheckpoint(hfFile);
  try {
    const hf = (name: string): Tensor32 => {
      const r = ckpt.tensors.get(name);
      if (!r || r.dtype !== 'F32') throw new Error(`${hfFile}: no f32 ${name}`);
      const bytes = readAll(r);
      return { shape: [...r.shape], data: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) };
    };
    const P = 'params.params';
    // :713-738: the norm, the head transposed to [D, V], the embedding as it is.
    const refs = [
      ref(`${P}.token_embedder.embedding`, castTo(cast, hf('model.embed_tokens.weight')), cast),
      ref(`${P}.decoder.decoder_norm.scale`, castTo(cast, hf('model.norm.weight')), cast),
      ref(`${P}.decoder.logits_dense.kernel`, castTo(cast, transposed(hf('lm_head.weight'))), cast),
    ];
    const layers = Array.from({ length: s.L }, (_, l) => layerTensors(hf, l, s, cast));
    for (const leaf of Object.keys(layers[0])) {
      if (form === 'scanned') refs.push(ref(`${P}.decoder.layers.${leaf}`, stackedOnAxis1(layers.map((t) => t[leaf])), cast));
      else layers.forEach((t, l) => refs.push(ref(`${P}.decoder.layers_${l}.${leaf}`, t[leaf], cast)));
    }
    return refs;
  } finally {
    ckpt.close();
  }
}

/** `maxtextTree` written as an Orbax step directory `dir/<form>` (no scanconv provenance: as MaxText writes it); returns that directory. */
export async function writeMaxtextOrbax(hfFile: string, s: Sizes, form: 'scanned' | 'layers', dir: string, cast: Cast = 'F32'): Promise<string> {
  const out = path.join(dir, cast === 'F32' ? form : `${form}-${cast.toLowerCase()}`);
  await writeOrbax(out, maxtextTree(hfFile, s, form, cast).map((r) => copyOf(r)), {}, '.');
  return out;
}
