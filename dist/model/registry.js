/**
 * The one registry of model families. Detection, verify, generate and profile all go through
 * it; nothing outside src/model/ asks which family a model is. A family says which trees it
 * recognises (by leaf names, or by config.json's model_type), and reads a tree into a ModelSpec,
 * checking every tensor's shape. The tfjs half of each family is in runtime.ts (workers only).
 */
import { LayoutError } from '../errors.js';
import { MODEL_KINDS } from './spec.js';
import { blockFamily, llmFamily } from './specs/notebook.js';
import { gemmaFamily } from './families/gemma.js';
import { gemma2Family } from './families/gemma2.js';
import { gpt2Family } from './families/gpt2.js';
import { llamaFamily } from './families/llama.js';
import { mixtralFamily } from './families/mixtral.js';
import { phi3Family } from './families/phi3.js';
/** The families, in detection order. Adding a family: its file in families/ and one entry here. */
export const FAMILIES = [blockFamily, llmFamily, llamaFamily, gemmaFamily, gemma2Family, phi3Family, mixtralFamily, gpt2Family];
export function family(kind) {
    return FAMILIES.find((f) => f.name === kind);
}
export { MODEL_KINDS };
const foundLeaves = (tree) => [...tree.layerLeaves.keys()].slice(0, 8).join(', ');
const PARAMS_ONLY_HINT = 'to compare a pair of checkpoints bit for bit without running a model, use verify A B --params-only';
/** Which family `tree` is (--model, else config.json's model_type, else the leaf names), and its checked spec. */
export function detectModel(tree, ctx = {}) {
    if (ctx.model) {
        const f = family(ctx.model);
        if (!f.recognizes(tree))
            throw new LayoutError(`--model ${f.name}: the tree is not ${f.describe}; found per layer: ${foundLeaves(tree)}`, 'WRONG_MODEL');
        return f.spec(tree, ctx);
    }
    const type = ctx.config?.modelType;
    if (type !== undefined) {
        const f = FAMILIES.find((x) => x.modelTypes.includes(type));
        if (f)
            return f.spec(tree, ctx);
        const known = FAMILIES.flatMap((x) => x.modelTypes).join(', ');
        throw new LayoutError(`unknown architecture: ${ctx.config.file} says model_type "${type}", and scanconv runs ${known} and the notebook's block and llm; ${PARAMS_ONLY_HINT}`, 'UNKNOWN_MODEL');
    }
    const matches = FAMILIES.filter((f) => f.recognizes(tree));
    if (matches.length === 1 || (matches.length > 1 && matches.every((f) => f.modelTypes.length === 0)))
        return matches[0].spec(tree, ctx);
    if (matches.length > 1) {
        throw new LayoutError(`the tree fits ${matches.map((f) => f.name).join(' and ')}, which differ in their math: put the model's config.json beside the checkpoint, pass --config FILE, or --model NAME`, 'NEED_CONFIG');
    }
    throw new LayoutError(`unknown model tree: expected ${FAMILIES.map((f) => f.describe).join('; or ')}; found per layer: ${foundLeaves(tree)}; ${PARAMS_ONLY_HINT}`, 'UNKNOWN_MODEL');
}
