import type { Tensor } from '@tensorflow/tfjs-core';
import { type LayerCache } from '../cache.js';
import { type BlockResult, type Step } from '../decoder.js';
import type { DetectContext } from '../detect.js';
import { type ParamGetter } from '../params.js';
import type { ModelSpec } from '../spec.js';
import { type TreeView } from '../specs/check.js';
/** MaxText's Llama names: how the llama family recognises a MaxText tree. */
export declare const recognizesMaxTextLlama: (tree: TreeView) => boolean;
/** A MaxText Llama tree checked against config.json (model_type llama or mistral). */
export declare function maxtextLlamaSpec(tree: TreeView, ctx: DetectContext): ModelSpec;
/**
 * RotaryEmbedding's tables (embeddings.py:317-325, :363-369): timescale_j = theta^(2j/DH) in f32,
 * angle = position / timescale (a division, where transformers multiplies by 1/timescale),
 * cos and sin of each half repeated. (T, 1, DH), as applyRotary takes them.
 */
export declare function maxtextRotaryTables(spec: ModelSpec, index: number, T: number): {
    cos: Tensor;
    sin: Tensor;
};
/** LlamaDecoderLayer.__call__ (models/llama2.py:166-201). */
export declare function maxtextLlamaBlock(x: Tensor, p: ParamGetter, cache: LayerCache, step: Step, spec: ModelSpec): BlockResult;
