/**
 * The default thresholds of verify and generate, in one place: the CLI's option defaults, the
 * library's, and the reports' properties all read them from here.
 */
export const DEFAULTS = Object.freeze({
    /** verify: max |diff| allowed between the two forms (each intermediate, the final output). */
    threshold: 1e-6,
    /** verify and generate: scale-aware error allowed against golden outputs (--expect). */
    expectThreshold: 1e-4,
    /** generate: scale-aware bound on the two forms' logits. */
    generateThreshold: 1e-5,
    /** generate: scale-aware bound on cached decoding vs a full recompute. */
    recomputeThreshold: 1e-4,
});
