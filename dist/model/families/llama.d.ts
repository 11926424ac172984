import type { DecoderModel } from '../decoder.js';
import type { DetectContext } from '../detect.js';
import type { Family } from '../registry.js';
import type { ModelSpec } from '../spec.js';
import { type TreeView } from '../specs/check.js';
import { type TypeRules } from './hf.js';
/**
 * The Llama tree checked against config.json: shared with Gemma (v1), whose tree is the same
 * (`kind` gemma, its own rules, a tied head by default).
 */
export declare function llamaTreeSpec(kind: 'llama' | 'gemma', rules: TypeRules, tree: TreeView, ctx: DetectContext): ModelSpec;
/** The Llama block; under MaxText's names, MaxText's own computation (families/maxtext.ts). */
export declare const llama: DecoderModel;
/** The Llama tree's leaves (Gemma v1 has the same tree). */
export declare const recognizesLlamaTree: (tree: TreeView) => boolean;
export declare const llamaFamily: Family;
