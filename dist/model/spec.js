/**
 * Which of the two notebook models a parameter tree is, and its sizes, read from the tree's
 * names and shapes (the llm's head count cannot be read from its (D, D) kernels: it comes
 * from --heads, the checkpoint metadata, or a config.json beside the checkpoint).
 */
import { LayoutError } from '../errors.js';
export const MODEL_KINDS = ['block', 'llm'];
const BLOCK_LEAVES = [
    'RMSNorm_0.scale', 'RMSNorm_1.scale', 'Dense_0.kernel', 'Dense_0.bias',
    'self_attention.query.kernel', 'self_attention.query.bias', 'self_attention.key.kernel', 'self_attention.key.bias',
    'self_attention.value.kernel', 'self_attention.value.bias', 'self_attention.out.kernel', 'self_attention.out.bias',
];
const LLM_LEAVES = [
    'Dense_0.kernel', 'Dense_0.bias', 'Dense_1.kernel', 'Dense_1.bias',
    ...[0, 1, 2, 3].flatMap((i) => [`self_attention.Dense_${i}.kernel`, `self_attention.Dense_${i}.bias`]),
];
const LLM_GLOBALS = ['Embed_0.embedding', 'Dense_0.kernel', 'Dense_0.bias'];
const missingFrom = (have, want) => want.filter((k) => !have.has(k));
export function detectModel(params, options = {}) {
    const leaves = params.layerLeaves;
    const blockMissing = missingFrom(leaves, BLOCK_LEAVES);
    const llmMissing = [...missingFrom(leaves, LLM_LEAVES), ...missingFrom(params.globalLeaves, LLM_GLOBALS).map((k) => `(global) ${k}`)];
    const kind = options.model ?? (blockMissing.length === 0 ? 'block' : llmMissing.length === 0 ? 'llm' : undefined);
    if (kind === undefined || (kind === 'block' && blockMissing.length) || (kind === 'llm' && llmMissing.length)) {
        const found = [...leaves.keys()].slice(0, 12).join(', ');
        const why = kind === 'block' ? `missing ${blockMissing.join(', ')}` : kind === 'llm' ? `missing ${llmMissing.join(', ')}` : 'matches neither model';
        throw new LayoutError(`unknown model tree (${why}): expected the notebook's block (per layer: ${BLOCK_LEAVES.slice(0, 5).join(', ')}, ...) or llm (per layer: ${LLM_LEAVES.slice(0, 4).join(', ')}, ...; Embed_0.embedding); found per layer: ${found}`, 'UNKNOWN_MODEL');
    }
    if (kind === 'block') {
        const [D, H, DH] = leaves.get('self_attention.query.kernel');
        return { kind, layers: params.layers, D, H, DH };
    }
    const [vocab, D] = params.globalLeaves.get('Embed_0.embedding');
    const H = options.heads;
    if (!H) {
        throw new LayoutError('the llm model\'s head count cannot be read from its (D, D) kernels: pass --heads H (or put "num_heads" in the metadata or "H" in a config.json beside the checkpoint)', 'NEED_HEADS');
    }
    if (D % H !== 0)
        throw new LayoutError(`--heads ${H} does not divide the model width ${D}`, 'BAD_HEADS');
    return { kind, layers: params.layers, D, H, DH: D / H, vocab };
}
/** Shape of every traced intermediate: the block's input (B,T,D); the LLM's hidden state (B,P,D). */
export function traceShape(spec, inputShape) {
    return spec.kind === 'llm' ? [inputShape[0], inputShape[1], spec.D] : [...inputShape];
}
