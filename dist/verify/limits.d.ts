import type { ModelSpec } from '../model/spec.js';
/**
 * The largest single f32 activation (hidden state, attention weights, logits, KV cache) the
 * model commands allocate: 256 MiB. Several such tensors are alive at once inside a layer, and
 * wasm memory ends at 4 GiB; WebGPU's default storage-buffer binding limit is 128 MiB to 2 GiB.
 */
export declare const MAX_ACTIVATION_BYTES: number;
/**
 * Longest generation: the llm has no position embedding, so it has no context length of its
 * own; every decode step attends over the whole cache, so time grows faster than linearly
 * (tiny llm fixture, 2 busy cores: 512 tokens 30 s, 4000 tokens 8 min).
 */
export declare const MAX_NEW_TOKENS = 1024;
/**
 * Most timed (and warm-up) runs per form in `profile`: each is a whole forward pass, so
 * `--runs 1e9` would run for days with no way to see why. 1000 runs of the largest model that
 * fits are already hours; a median is stable after a few dozen.
 */
export declare const MAX_PROFILE_RUNS = 1000;
/** `runs` in 1..MAX_PROFILE_RUNS and `warmup` in 0..MAX_PROFILE_RUNS, or a UsageError naming the option. */
export declare function checkProfileRuns(runs: number, warmup: number): void;
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
export declare const WEIGHT_CACHE_PAYS_FROM_TOKENS = 40;
export declare const MAX_WEIGHT_CACHE_BYTES: number;
/** The budget when --weight-cache is not given: all of it for a run long enough to repay filling it. */
export declare function defaultWeightCacheBytes(newTokens: number): number;
/** `bytes` in 0..MAX_WEIGHT_CACHE_BYTES, or a UsageError naming --weight-cache. */
export declare function checkWeightCache(bytes: number): void;
/** An input must hold at least one sequence of at least one token, or nothing is compared. */
export declare function checkNotEmpty(batch: number, seq: number, what: string): void;
/**
 * Refuse a run whose largest activation would pass MAX_ACTIVATION_BYTES. `seq` is the length of
 * one forward call; `cache`, when generating, the KV cache's length.
 */
export declare function checkActivationSize(spec: ModelSpec, batch: number, seq: number, what: string, cache?: number): void;
/** The bound on the number of new tokens (`--max-new-tokens`), with the prompt's length and the memory it implies. */
export declare function checkGeneration(spec: ModelSpec, batch: number, promptLength: number, newTokens: number): void;
