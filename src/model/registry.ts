/**
 * The one registry of model families. Detection (detect.ts), verify, generate and profile all go
 * through it; nothing outside src/model/ asks which family a model is. A family says which trees it
 * recognises (by leaf names, or by config.json's model_type), and reads a tree into a ModelSpec,
 * checking every tensor's shape. The tfjs half of each family is in runtime.ts (workers only).
 */
import type { DetectContext } from './detect.js';
import { MODEL_KINDS, type ModelKind, type ModelSpec } from './spec.js';
import type { TreeView } from './specs/check.js';
import { blockFamily, llmFamily } from './specs/notebook.js';
import type { DecoderModel } from './decoder.js';
import { gemmaFamily } from './families/gemma.js';
import { gemma2Family } from './families/gemma2.js';
import { gpt2Family } from './families/gpt2.js';
import { llamaFamily } from './families/llama.js';
import { mixtralFamily } from './families/mixtral.js';
import { phi3Family } from './families/phi3.js';


export interface Family {
  readonly name: ModelKind;
  /** config.json `model_type` values this family computes. */
  readonly modelTypes: readonly string[];
  /** The intermediates traced per layer, in order. */
  readonly traceNames: readonly string[];
  /** One line for "unknown model" messages. */
  readonly describe: string;
  /** True when the tree's leaf names are this family's (shapes are checked by `spec`). */
  recognizes(tree: TreeView): boolean;
  /** The model's sizes; every tensor's shape checked (LayoutError BAD_SHAPE naming it). */
  spec(tree: TreeView, ctx: DetectContext): ModelSpec;
  /** Its computation over token ids (tfjs, required lazily: it runs only in the workers); the notebook's block has none (verify/forms.ts runs it). */
  readonly model?: DecoderModel;
}

/** The families, in detection order. Adding a family: its file in families/ and one entry here. */
export const FAMILIES: readonly Family[] = [blockFamily, llmFamily, llamaFamily, gemmaFamily, gemma2Family, phi3Family, mixtralFamily, gpt2Family];

export function family(kind: ModelKind): Family {
  return FAMILIES.find((f) => f.name === kind)!;
}

export { MODEL_KINDS };
