/**
 * The tfjs half of the registry (worker threads only): each family's computation, looked up by
 * the spec's family. The block takes hidden states; every other family is a decoder over ids.
 */
import type { DecoderModel } from './decoder.js';
import { gemma } from './gemma.js';
import { gpt2 } from './gpt2.js';
import { llama } from './llama.js';
import { llm } from './llm.js';
import { family } from './registry.js';
import type { ModelKind, ModelSpec } from './spec.js';

const DECODERS: Partial<Record<ModelKind, DecoderModel>> = { llm, llama, gemma, gpt2 };

/** The decoder computation of a token model's spec. */
export function decoderModel(spec: ModelSpec): DecoderModel {
  const model = family(spec.kind).model ?? DECODERS[spec.kind];
  if (!model) throw new Error(`${spec.kind} is not a decoder model`);
  return model;
}
