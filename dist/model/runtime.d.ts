/**
 * The tfjs half of the registry (worker threads only): a token model's computation is its
 * family's `model` (families/<name>.ts; the notebook's llm in specs/notebook.ts).
 */
import type { DecoderModel } from './decoder.js';
import type { ModelSpec } from './spec.js';
/** The decoder computation of a token model's spec. */
export declare function decoderModel(spec: ModelSpec): DecoderModel;
