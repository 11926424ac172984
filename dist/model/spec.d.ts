import type { ModelTree } from './tree.js';
export type ModelKind = 'block' | 'llm';
export declare const MODEL_KINDS: readonly ModelKind[];
export interface ModelSpec {
    kind: ModelKind;
    layers: number;
    /** Model width D, heads H, head width DH. */
    D: number;
    H: number;
    DH: number;
    /** Vocabulary size (llm only). */
    vocab?: number;
}
export declare function detectModel(params: Pick<ModelTree, 'layers' | 'layerLeaves' | 'globalLeaves'>, options?: {
    model?: ModelKind;
    heads?: number;
}): ModelSpec;
/** Shape of every traced intermediate: the block's input (B,T,D); the LLM's hidden state (B,P,D). */
export declare function traceShape(spec: ModelSpec, inputShape: readonly number[]): number[];
