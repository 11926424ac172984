import type { HfConfig } from './config.js';
import { MODEL_KINDS, type ModelKind, type ModelSpec } from './spec.js';
import type { TreeView } from './specs/check.js';
import type { DecoderModel } from './decoder.js';
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
export declare const FAMILIES: readonly Family[];
export declare function family(kind: ModelKind): Family;
export { MODEL_KINDS };
/** Which family `tree` is (--model, else config.json's model_type, else the leaf names), and its checked spec. */
export declare function detectModel(tree: TreeView, ctx?: DetectContext): ModelSpec;
