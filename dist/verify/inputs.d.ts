import { type TensorIndex } from '../format/types.js';
import type { DType } from '../format/dtype.js';
import { type ModelSpec } from '../model/spec.js';
import type { HostTensor } from './forms.js';
/** mulberry32: a small, well-distributed seeded PRNG, so `--seed` reproduces an input exactly. */
export declare function seededRandom(seed: number): () => number;
export declare function randomInput(spec: ModelSpec, batch: number, seq: number, seed: number): HostTensor;
/** Positions a model can embed: GPT-2's table has n_positions rows. */
export declare function checkPositions(spec: ModelSpec, length: number, what: string): void;
/** Dtypes read as values (widened to f32 exactly) and as token ids (int32, checked). */
export declare const VALUE_DTYPES: readonly DType[];
export declare const ID_DTYPES: readonly DType[];
/** What a tensor of an I/O or golden file holds: values, token ids, or either (by its dtype). */
export type HostTensorKind = 'values' | 'ids' | 'any';
/** Bytes of a floating tensor (or a slice of one) as f32, after checking its dtype is one of VALUE_DTYPES. */
export declare function floatValues(file: string, name: string, dtype: DType, bytes: Uint8Array): Float32Array;
/** Read a named tensor of an I/O file as f32 (or i32 for token ids); `kind` says which it must be. */
export declare function readHostTensor(index: TensorIndex, name: string, kind?: HostTensorKind): HostTensor;
/** The model input from an I/O file, checked against the model's sizes. */
export declare function loadInput(file: string, spec: ModelSpec): HostTensor;
/** The llm's head count: --heads, else the checkpoint's metadata, else a config.json beside it. */
export declare function resolveHeads(checkpoint: string, metadata: Readonly<Record<string, string>>, flag?: number): number | undefined;
