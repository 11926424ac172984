import type { FormRequest, FormResult, LayerTrace } from './forms.js';
export type RunMode = 'parallel' | 'sequential' | 'in-process';
/**
 * `onProgress(done, total)` counts layers reached over all forms, for a progress bar;
 * `onTrace(k, layer, trace)` receives request k's layer intermediates (trace tasks).
 */
export declare function runForms(reqs: FormRequest[], mode?: RunMode, onProgress?: (done: number, total: number) => void, onTrace?: (k: number, layer: number, trace: LayerTrace) => void): Promise<FormResult[]>;
export declare function expectKind<K extends FormResult['kind']>(r: FormResult, kind: K): Extract<FormResult, {
    kind: K;
}>;
