/**
 * The one registry of model families. Detection, verify, generate and profile all go through
 * it; nothing outside src/model/ asks which family a model is. A family says which trees it
 * recognises (by leaf names, or by config.json's model_type), and reads a tree into a ModelSpec,
 * checking every tensor's shape. The tfjs half of each family is in runtime.ts (workers only).
 */
import { LayoutError } from '../errors.js';
import type { HfConfig } from './config.js';
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

export interface DetectContext {
  /** --model: the family to run, instead of detecting it. */
  model?: ModelKind;
  /** The notebook llm's head count (--heads, metadata, config.json). */
  heads?: number;
  /** config.json beside the checkpoint, or --config. */
  config?: HfConfig;
}

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

const foundLeaves = (tree: TreeView) => [...tree.layerLeaves.keys()].slice(0, 8).join(', ');

const PARAMS_ONLY_HINT = 'to compare a pair of checkpoints bit for bit without running a model, use verify A B --params-only';

/** Which family `tree` is (--model, else config.json's model_type, else the leaf names), and its checked spec. */
export function detectModel(tree: TreeView, ctx: DetectContext = {}): ModelSpec {
  if (ctx.model) {
    const f = family(ctx.model);
    if (!f.recognizes(tree)) throw new LayoutError(`--model ${f.name}: the tree is not ${f.describe}; found per layer: ${foundLeaves(tree)}`, 'WRONG_MODEL');
    return f.spec(tree, ctx);
  }
  const type = ctx.config?.modelType;
  if (type !== undefined) {
    const f = FAMILIES.find((x) => x.modelTypes.includes(type));
    if (f) return f.spec(tree, ctx);
    const known = FAMILIES.flatMap((x) => x.modelTypes).join(', ');
    throw new LayoutError(`unknown architecture: ${ctx.config!.file} says model_type "${type}", and scanconv runs ${known} and the notebook's block and llm; ${PARAMS_ONLY_HINT}`, 'UNKNOWN_MODEL');
  }
  const matches = FAMILIES.filter((f) => f.recognizes(tree));
  if (matches.length === 1 || (matches.length > 1 && matches.every((f) => f.modelTypes.length === 0))) return matches[0].spec(tree, ctx);
  if (matches.length > 1) {
    throw new LayoutError(`the tree fits ${matches.map((f) => f.name).join(' and ')}, which differ in their math: put the model's config.json beside the checkpoint, pass --config FILE, or --model NAME`, 'NEED_CONFIG');
  }
  throw new LayoutError(
    `unknown model tree: expected ${FAMILIES.map((f) => f.describe).join('; or ')}; found per layer: ${foundLeaves(tree)}; ${PARAMS_ONLY_HINT}`,
    'UNKNOWN_MODEL',
  );
}
