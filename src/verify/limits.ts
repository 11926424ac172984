/**
 * Bounds on what the model commands will try to compute, checked before any worker starts: an
 * input of zero sequences or zero tokens compares nothing (a vacuous pass), and an activation
 * too large for the backend's memory aborts the process (wasm memory ends at 4 GiB) instead of
 * failing with a message.
 */
import { UsageError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';

/**
 * The largest single f32 activation (hidden state, attention weights, logits, KV cache) the
 * model commands allocate: 256 MiB. Several such tensors are alive at once inside a layer, and
 * wasm memory ends at 4 GiB; WebGPU's default storage-buffer binding limit is 128 MiB to 2 GiB.
 */
export const MAX_ACTIVATION_BYTES = 256 * 2 ** 20;

/**
 * Longest generation: the llm has no position embedding, so it has no context length of its
 * own; every decode step attends over the whole cache, so time grows faster than linearly
 * (tiny llm fixture, 2 busy cores: 512 tokens 30 s, 4000 tokens 8 min).
 */
export const MAX_NEW_TOKENS = 1024;

/**
 * Most timed (and warm-up) runs per form in `profile`: each is a whole forward pass, so
 * `--runs 1e9` would run for days with no way to see why. 1000 runs of the largest model that
 * fits are already hours; a median is stable after a few dozen.
 */
export const MAX_PROFILE_RUNS = 1000;

/** `runs` in 1..MAX_PROFILE_RUNS and `warmup` in 0..MAX_PROFILE_RUNS, or a UsageError naming the option. */
export function checkProfileRuns(runs: number, warmup: number): void {
  for (const [name, v, min] of [['--runs', runs, 1], ['--warmup', warmup, 0]] as const) {
    if (!Number.isInteger(v) || v < min || v > MAX_PROFILE_RUNS) {
      throw new UsageError(`${name} ${v} is not an integer from ${min} to ${MAX_PROFILE_RUNS}`, 'TOO_MANY_RUNS');
    }
  }
}

/**
 * generate's weight cache (model/wasm/weightCache.ts): the stored bytes each form keeps between
 * decode steps. At most 3 GiB: the cache lives in one wasm32 memory of at most 4 GiB, which also
 * needs room for a weight read past the kept ones and the product's input and output; a 1B
 * model's bf16 weights (2.5 GB) fit. Without --weight-cache the budget is those 3 GiB when the
 * run generates at least WEIGHT_CACHE_PAYS_FROM_TOKENS tokens and none below, as measured
 * (docs/BENCHMARKS.md): a decode step reads its weights from the page cache into memory it has
 * already touched at about 0.1 ms per MB, while every MB kept costs its first touch once, 4 to 8
 * ms per MB on this project's machine, so keeping a 1B model paid only after about 40 tokens,
 * made 8 new tokens 1.8x slower, and took 2.5 GB more memory per form.
 */
export const WEIGHT_CACHE_PAYS_FROM_TOKENS = 40;
export const MAX_WEIGHT_CACHE_BYTES = 3 * 2 ** 30;

/** The budget when --weight-cache is not given: all of it for a run long enough to repay filling it. */
export function defaultWeightCacheBytes(newTokens: number): number {
  return newTokens >= WEIGHT_CACHE_PAYS_FROM_TOKENS ? MAX_WEIGHT_CACHE_BYTES : 0;
}

/** `bytes` in 0..MAX_WEIGHT_CACHE_BYTES, or a UsageError naming --weight-cache. */
export function checkWeightCache(bytes: number): void {
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > MAX_WEIGHT_CACHE_BYTES) {
    throw new UsageError(`--weight-cache ${bytes} bytes is not from 0 to ${MAX_WEIGHT_CACHE_BYTES} (3 GiB: the weights are kept in a WebAssembly memory of at most 4 GiB per form)`, 'BAD_WEIGHT_CACHE');
  }
}

const mib = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toLocaleString('en-US', { maximumFractionDigits: 1 })} GiB` : `${(bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 1 })} MiB`);

/** An input must hold at least one sequence of at least one token, or nothing is compared. */
export function checkNotEmpty(batch: number, seq: number, what: string): void {
  if (!Number.isInteger(batch) || !Number.isInteger(seq) || batch < 1 || seq < 1) {
    throw new UsageError(`${what} has ${batch} sequence(s) of ${seq} token(s); at least one sequence of at least one token is needed, or nothing would be compared`, 'EMPTY_INPUT');
  }
}

/**
 * Refuse a run whose largest activation would pass MAX_ACTIVATION_BYTES. `seq` is the length of
 * one forward call; `cache`, when generating, the KV cache's length.
 */
export function checkActivationSize(spec: ModelSpec, batch: number, seq: number, what: string, cache?: number): void {
  checkNotEmpty(batch, seq, what);
  const tensors: [string, number[]][] = [
    ['hidden state (B x T x D)', [batch, seq, spec.D]],
    ['attention weights (B x H x T x T)', [batch, spec.H, seq, seq]],
  ];
  if (spec.vocab) tensors.push(['logits (B x T x vocab)', [batch, seq, spec.vocab]]);
  if (cache !== undefined) tensors.push(['stacked KV cache (L x B x S x D)', [spec.layers, batch, cache, spec.D]]);
  for (const [name, dims] of tensors) {
    const bytes = dims.reduce((p, d) => p * d, 4);
    if (bytes > MAX_ACTIVATION_BYTES) {
      throw new UsageError(
        `${what}: the ${name} would be ${dims.join(' x ')} f32 values (${mib(bytes)}), over the limit of ${mib(MAX_ACTIVATION_BYTES)} per activation; use a smaller batch or sequence`,
        'TOO_LARGE',
      );
    }
  }
}

/** The bound on the number of new tokens (`--max-new-tokens`), with the prompt's length and the memory it implies. */
export function checkGeneration(spec: ModelSpec, batch: number, promptLength: number, newTokens: number): void {
  if (!Number.isInteger(newTokens) || newTokens < 1) throw new UsageError(`the number of new tokens must be a positive integer, got ${newTokens}`, 'BAD_TOKENS');
  if (newTokens > MAX_NEW_TOKENS) throw new UsageError(`${newTokens} new tokens is over the limit of ${MAX_NEW_TOKENS} per generation (the llm has no context length of its own, and each step attends over the whole cache)`, 'TOO_MANY_TOKENS');
  // The full recompute that checks the cache runs over prompt + generated tokens in one call.
  const total = promptLength + newTokens;
  checkActivationSize(spec, batch, total, `a prompt of ${batch} x ${promptLength} tokens plus ${newTokens} new tokens`, total);
}
