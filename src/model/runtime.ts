/**
 * The tfjs half of the registry (worker threads only): a token model's computation is its
 * family's `model` (families/<name>.ts; the notebook's llm in specs/notebook.ts).
 */
import type { DecoderModel } from './decoder.js';
import { family } from './registry.js';
import type { ModelSpec } from './spec.js';

/** The decoder computation of a token model's spec. */
export function decoderModel(spec: ModelSpec): DecoderModel {
  const model = family(spec.kind).model;
  if (!model) throw new Error(`${spec.kind} is not a decoder model`);
  return model;
}
