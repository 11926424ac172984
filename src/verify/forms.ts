/**
 * Running one model form over one checkpoint: the unit of work a worker thread does. The
 * request is plain data (structured-clone safe) so the same function runs in-process or in a
 * worker; the result's arrays are transferred back without copying.
 */
import * as tf from '@tensorflow/tfjs-core';
import { openCheckpoint } from '../format/open.js';
import type { Layout, LayoutOptions } from '../layout/plan.js';
import { simpleBlock } from '../model/block.js';
import { emptyCache, llmForward } from '../model/llm.js';
import { modelParams, type ModelParams } from '../model/params.js';
import type { ModelSpec } from '../model/spec.js';
import { initBackend, type BackendName } from './backend.js';

export interface HostTensor {
  data: Float32Array | Int32Array;
  shape: number[];
}

export interface FormRequest {
  checkpoint: string;
  sep?: string;
  layout: Partial<LayoutOptions>;
  form: Layout;
  backend: BackendName;
  spec: ModelSpec;
  /** Block: the hidden-state input (B,T,D). LLM: the prompt ids (B,P), prefilled at index 0. */
  input: HostTensor;
  /** LLM: KV-cache length (default: the prompt length). */
  cacheLength?: number;
}

export interface FormResult {
  form: Layout;
  backend: string;
  /** Block: output (B,T,D). LLM: prefill logits (B,P,V). */
  final: HostTensor & { data: Float32Array };
  /** Per layer, named intermediates, each of `traceShape`. */
  layers: Record<string, Float32Array>[];
  traceShape: number[];
  seconds: { load: number; compute: number };
}

/** Wraps a ModelParams so every weight read is timed as "load", not "compute". */
function timedParams(params: ModelParams, clock: { load: number }): ModelParams {
  const time = <T>(f: () => T): T => {
    const t0 = performance.now();
    const r = f();
    clock.load += performance.now() - t0;
    return r;
  };
  return { ...params, global: (p) => time(() => params.global(p)), layer: (i) => (p) => time(() => params.layer(i)(p)) };
}

function runBlock(params: ModelParams, spec: ModelSpec, input: HostTensor) {
  const layers: Record<string, Float32Array>[] = [];
  let x = tf.tensor(input.data, input.shape, 'float32');
  for (let i = 0; i < spec.layers; i++) {
    const next = tf.tidy(() => {
      const { out, trace } = simpleBlock(x, params.layer(i));
      layers.push(Object.fromEntries(Object.entries(trace).map(([k, v]) => [k, v.dataSync() as Float32Array])));
      return out;
    });
    x.dispose();
    x = next;
  }
  const final = x.dataSync() as Float32Array;
  x.dispose();
  return { final: { data: final, shape: input.shape }, layers, traceShape: input.shape };
}

function runLlmPrefill(params: ModelParams, spec: ModelSpec, form: Layout, prompt: HostTensor, cacheLength?: number) {
  const [B, P] = prompt.shape;
  const ids = tf.tensor(prompt.data, prompt.shape, 'int32');
  const step = llmForward(params, spec, ids, emptyCache(form, spec, B, cacheLength ?? P), 0, true);
  const logits = step.logits.dataSync() as Float32Array;
  tf.dispose([ids, step.logits]);
  step.cache.dispose();
  return { final: { data: logits, shape: [B, P, spec.vocab!] }, layers: step.trace, traceShape: [B, P, spec.D] };
}

export async function runForm(req: FormRequest): Promise<FormResult> {
  const backend = await initBackend(req.backend);
  const index = openCheckpoint(req.checkpoint, { sep: req.sep });
  try {
    const clock = { load: 0 };
    const params = timedParams(modelParams(index, req.form, req.layout), clock);
    const t0 = performance.now();
    const r = req.spec.kind === 'block' ? runBlock(params, req.spec, req.input) : runLlmPrefill(params, req.spec, req.form, req.input, req.cacheLength);
    const total = performance.now() - t0;
    return { form: req.form, backend, ...r, seconds: { load: clock.load / 1000, compute: (total - clock.load) / 1000 } };
  } finally {
    index.close();
  }
}

/** Buffers to transfer (not copy) back from a worker. */
export function transferables(r: FormResult): ArrayBuffer[] {
  const bufs = new Set<ArrayBuffer>([r.final.data.buffer as ArrayBuffer]);
  for (const layer of r.layers) for (const a of Object.values(layer)) bufs.add(a.buffer as ArrayBuffer);
  return [...bufs];
}
