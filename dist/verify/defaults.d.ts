/**
 * The default thresholds of verify and generate, in one place: the CLI's option defaults, the
 * library's, and the reports' properties all read them from here.
 */
export declare const DEFAULTS: Readonly<{
    /** verify: max |diff| allowed between the two forms (each intermediate, the final output). */
    threshold: 0.000001;
    /** verify and generate: scale-aware error allowed against golden outputs (--expect). */
    expectThreshold: 0.0001;
    /** generate: scale-aware bound on the two forms' logits. */
    generateThreshold: 0.00001;
    /** generate: scale-aware bound on cached decoding vs a full recompute. */
    recomputeThreshold: 0.0001;
}>;
