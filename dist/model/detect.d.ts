import type { HfConfig } from './config.js';
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
/** Which family `tree` is (--model, else config.json's model_type, else the leaf names), and its checked spec. */
export declare function detectModel(tree: TreeView, ctx?: DetectContext): ModelSpec;
