/**
 * Analytic cost of one forward pass, from the model's shapes alone. FLOPs count matrix
 * products as 2 per multiply-add (the convention of XLA's cost analysis for dots); the
 * elementwise work (norms, residuals, softmax arithmetic) is far smaller and is left out, so
 * the figure is reproducible by hand. Transcendentals count exp, rsqrt and tanh evaluations.
 */
import type { ModelSpec } from './spec.js';
export interface ForwardCost {
    flops: number;
    transcendentals: number;
    /** Bytes of f32 activations live at a layer boundary plus one layer's intermediates. */
    activationBytes: number;
}
/**
 * Block: q, k, v, out projections (4 x 2BTD^2), Dense_0 (2BTD^2), logits and weights.v
 * (2 x 2BHT^2DH). Transcendentals: softmax exp (BHT^2), two RMSNorm rsqrt (2BT).
 * LLM (T new tokens against a cache of S): q,k,v,out (4 x 2BTD^2), MLP (2 x 2BTD^2),
 * attention (2 x 2BHTS DH), embedding gather (0), logits (2BTDV); exp BHTS, tanh BTD.
 */
export declare function forwardCost(spec: ModelSpec, batch: number, tokens: number, cacheLength?: number): ForwardCost;
