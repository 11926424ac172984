import type { TensorIndex } from '../format/types.js';
import { type Layout, type LayoutAnalysis, type LayoutOptions } from '../layout/analyze.js';
import { type ModelKind, type ModelSpec } from '../model/spec.js';
import { type BackendChoice } from './backend.js';
import type { FormRequest, FormTask, HostTensor } from './forms.js';
export interface ModelOptions extends Partial<LayoutOptions> {
    /** Backend for both forms (default auto: tensorflow, else webgpu with a GPU, else wasm). */
    backend?: BackendChoice;
    model?: ModelKind;
    heads?: number;
    /** The model's config.json (default: config.json beside the checkpoint, when there is one). */
    config?: string;
    sep?: string;
    /** Form to run against a shared checkpoint (default pyloop). */
    against?: Layout;
    /** Layers reached over both forms, and by each form (`perForm`), for a progress bar. */
    onProgress?: (done: number, total: number, perForm: readonly number[]) => void;
}
export interface ModelSession {
    index: TensorIndex;
    analysis: LayoutAnalysis;
    spec: ModelSpec;
    /** The checkpoint's own form first, then the other one. */
    forms: [Layout, Layout];
    layout: Partial<LayoutOptions>;
    request(form: Layout, input: HostTensor, task: FormTask, checkpoint?: string): FormRequest;
    /** A second checkpoint (verify A B), staged like the first; the caller closes it. */
    openOther(file: string): Promise<TensorIndex>;
    /** Orbax checkpoints read by byte range instead of staged decoded, and why (stagedIndex.ts). */
    readonly staging: readonly string[];
    close(): void;
}
export declare function otherForm(layout: Layout, against?: Layout): Layout;
/** `tokens`: the command runs token models only (generate). */
export declare function openModel(checkpoint: string, options: ModelOptions, need?: 'tokens'): Promise<ModelSession>;
