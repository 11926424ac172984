/**
 * The notebook's two models as registry entries: which tree is which (by leaf names), their
 * sizes (read from the kernels; the llm's head count from --heads, metadata or config.json),
 * and every tensor's shape checked against those sizes.
 */
import { LayoutError } from '../../errors.js';
import { ShapeCheck, sizesOf } from './check.js';
import { llm } from '../llm.js';
const BLOCK_LEAVES = [
    'RMSNorm_0.scale', 'RMSNorm_1.scale', 'Dense_0.kernel', 'Dense_0.bias',
    'self_attention.query.kernel', 'self_attention.query.bias', 'self_attention.key.kernel', 'self_attention.key.bias',
    'self_attention.value.kernel', 'self_attention.value.bias', 'self_attention.out.kernel', 'self_attention.out.bias',
];
const LLM_LEAVES = [
    'Dense_0.kernel', 'Dense_0.bias', 'Dense_1.kernel', 'Dense_1.bias',
    ...[0, 1, 2, 3].flatMap((i) => [`self_attention.Dense_${i}.kernel`, `self_attention.Dense_${i}.bias`]),
];
const hasAll = (have, want) => want.every((k) => have.has(k));
export const blockFamily = {
    name: 'block',
    modelTypes: [],
    traceNames: ['input_hidden_state', 'pre_attention_norm', '+self_attention', 'pre_ffw_norm', '+dense'],
    describe: "the notebook's block (per layer: RMSNorm_0.scale, self_attention.{query,key,value,out}, Dense_0)",
    recognizes: (tree) => hasAll(tree.layerLeaves, BLOCK_LEAVES),
    spec(tree) {
        const q = 'self_attention.query.kernel';
        const [D, H, DH] = sizesOf(tree.layerLeafName(q), tree.layerLeaves.get(q), 3, 'DenseGeneral (D, heads, head width)');
        const check = new ShapeCheck(tree, { D, H, DH }, `from ${q}`);
        for (const n of ['RMSNorm_0.scale', 'RMSNorm_1.scale', 'Dense_0.bias', 'self_attention.out.bias'])
            check.layer(n, ['D']);
        check.layer('Dense_0.kernel', ['D', 'D']);
        for (const n of ['key', 'value'])
            check.layer(`self_attention.${n}.kernel`, ['D', 'H', 'DH']);
        for (const n of ['query', 'key', 'value'])
            check.layer(`self_attention.${n}.bias`, ['H', 'DH']);
        check.layer('self_attention.out.kernel', ['H', 'DH', 'D']);
        return { kind: 'block', layers: tree.layers, D, H, DH };
    },
};
export const llmFamily = {
    name: 'llm',
    modelTypes: [],
    traceNames: ['+self_attention', '+mlp'],
    model: llm,
    describe: "the notebook's llm (per layer: self_attention.Dense_0..3, Dense_0, Dense_1; Embed_0.embedding)",
    recognizes: (tree) => hasAll(tree.layerLeaves, LLM_LEAVES) && tree.globalLeaves.has('Embed_0.embedding'),
    spec(tree, ctx) {
        const [vocab, D] = sizesOf('Embed_0.embedding', tree.globalLeaves.get('Embed_0.embedding'), 2, 'Embed (vocabulary, width)');
        const H = ctx.heads;
        if (!H) {
            throw new LayoutError('the llm model\'s head count cannot be read from its (D, D) kernels: pass --heads H (or put "num_heads" in the metadata or "H" in a config.json beside the checkpoint)', 'NEED_HEADS');
        }
        if (!Number.isInteger(H) || H < 1 || D % H !== 0)
            throw new LayoutError(`--heads ${H} does not divide the model width ${D}`, 'BAD_HEADS');
        const [, F] = sizesOf(tree.layerLeafName('Dense_0.kernel'), tree.layerLeaves.get('Dense_0.kernel'), 2, 'Dense (width, MLP width)');
        const check = new ShapeCheck(tree, { D, H, F, V: vocab }, 'from Embed_0.embedding, Dense_0.kernel and the head count');
        for (let i = 0; i < 4; i++) {
            check.layer(`self_attention.Dense_${i}.kernel`, ['D', 'D']);
            check.layer(`self_attention.Dense_${i}.bias`, ['D']);
        }
        check.layer('Dense_0.bias', ['F']);
        check.layer('Dense_1.kernel', ['F', 'D']);
        check.layer('Dense_1.bias', ['D']);
        check.global('Dense_0.kernel', ['D', 'V']);
        check.global('Dense_0.bias', ['V']);
        return { kind: 'llm', layers: tree.layers, D, H, DH: D / H, vocab };
    },
};
