import type { FormRequest, FormResult, LayerTrace } from './forms.js';
export type RunMode = 'parallel' | 'sequential' | 'in-process';
/**
 * `onProgress(done, total, perForm)` counts layers reached over all forms, and by each;
 * `onTrace(k, layer, trace)` receives request k's layer intermediates (trace tasks) and may
 * return the traces it no longer reads, indexed by request (`freed[j]` came from request j):
 * their arrays go back to that request's worker, which copies later layers into them.
 */
export declare function runForms(reqs: FormRequest[], mode?: RunMode, onProgress?: (done: number, total: number, perForm: readonly number[]) => void, onTrace?: (k: number, layer: number, trace: LayerTrace) => readonly (LayerTrace | undefined)[] | void, 
/** Aborting stops the workers (and, in this thread, the forms not yet started). */
signal?: AbortSignal): Promise<FormResult[]>;
export declare function expectKind<K extends FormResult['kind']>(r: FormResult, kind: K): Extract<FormResult, {
    kind: K;
}>;
