import type { Layout, LayoutOptions } from '../layout/analyze.js';
import { type ModelSpec } from '../model/spec.js';
import type { BackendName } from './backend.js';
import { TraceArrays } from './traceArrays.js';
export interface HostTensor {
    data: Float32Array | Int32Array;
    shape: number[];
}
export type FormTask = {
    kind: 'trace';
} | {
    kind: 'generate';
    maxNewTokens: number;
    indexOffset?: number;
    weightCacheBytes?: number;
} | {
    kind: 'profile';
    runs: number;
    warmup: number;
};
export interface FormRequest {
    checkpoint: string;
    sep?: string;
    layout: Partial<LayoutOptions>;
    form: Layout;
    backend: BackendName;
    spec: ModelSpec;
    /** Block: the hidden-state input (B,T,D). LLM: the prompt ids (B,P). */
    input: HostTensor;
    task: FormTask;
}
interface Common {
    form: Layout;
    backend: string;
    /** Weight reading (and widening) vs everything else. */
    seconds: {
        load: number;
        compute: number;
    };
}
/** One layer's named intermediates, each of the trace shape. */
export type LayerTrace = Record<string, Float32Array>;
/**
 * Receives each layer's intermediates as the forward pass leaves that layer. They are handed
 * over, not collected: the comparison keeps only what it needs, so memory does not grow with L.
 */
export type TraceSink = (layer: number, trace: LayerTrace) => void;
export interface TraceResult extends Common {
    kind: 'trace';
    /** Block: output (B,T,D). Token models: prefill logits (B,P,V). */
    final: {
        data: Float32Array;
        shape: number[];
    };
    /** Token models: the input to layer 0 (`embed_out`) and the final norm's output (`final_norm_out`), (B,P,D). */
    extras: Record<string, Float32Array>;
}
export interface GenerateResult extends Common {
    kind: 'generate';
    tokens: Int32Array;
    prefillLogits: Float32Array;
    stepLogits: Float32Array;
    /** Uncached logits over prompt + tokens[:-1]: (B, P + N - 1, V). */
    fullLogits: Float32Array;
    /** Bytes of stored weights kept between decode steps (model/wasm/weightCache.ts). */
    weightsKeptBytes: number;
}
export interface ProfileResult extends Common {
    kind: 'profile';
    firstCallMs: number;
    timesMs: number[];
    /** Peak bytes of tensor memory during one warm forward, as the backend reports it. */
    peakBytes: number;
}
export type FormResult = TraceResult | GenerateResult | ProfileResult;
/** Called as a forward pass reaches each layer (for progress bars). */
export type LayerProgress = (layer: number, layers: number) => void;
/**
 * Run one form request; a trace task hands each layer's intermediates to `onTrace`, in arrays
 * from `traceArrays` (where the receiver hands arrays back).
 */
export declare function runForm(req: FormRequest, onLayer?: LayerProgress, onTrace?: TraceSink, traceArrays?: TraceArrays): Promise<FormResult>;
/** Buffers to transfer (not copy) back from a worker. */
export declare function transferables(r: FormResult | LayerTrace): ArrayBuffer[];
export {};
