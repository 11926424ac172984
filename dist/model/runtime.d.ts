/**
 * The tfjs half of the registry (worker threads only): each family's computation, looked up by
 * the spec's family. The block takes hidden states; every other family is a decoder over ids.
 */
import type { DecoderModel } from './decoder.js';
import type { ModelSpec } from './spec.js';
/** The decoder computation of a token model's spec. */
export declare function decoderModel(spec: ModelSpec): DecoderModel;
