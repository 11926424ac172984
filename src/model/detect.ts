/**
 * Which family a tree is, and its checked spec: the library's `detectModel`. Kept apart from
 * registry.ts so that its declarations name no family's computation (tfjs types): a consumer's
 * tsc with skipLibCheck false reads every declaration the public API reaches.
 */
import { LayoutError } from '../errors.js';
import type { HfConfig } from './config.js';
import { FAMILIES, family } from './registry.js';
import type { ModelKind, ModelSpec } from './spec.js';
import type { TreeView } from './specs/check.js';

export interface DetectContext {
  /** --model: the family to run, instead of detecting it. */
  model?: ModelKind;
  /** The notebook llm's head count (--heads, metadata, config.json). */
  heads?: number;
  /** config.json beside the checkpoint, or --config. */
  config?: HfConfig;
}

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
