/** The families scanconv runs: the notebook's two models, and the Hugging Face decoder families. */
export const MODEL_KINDS = ['block', 'llm', 'llama', 'gemma', 'gemma2', 'phi3', 'mixtral', 'gpt2'];
/** Key/value heads: the decoder's KV, else H (the notebook's llm has no grouped heads). */
export const kvHeads = (spec) => spec.decoder?.KV ?? spec.H;
/** Token models take (B,P) int32 ids; the block takes hidden states (B,T,D). */
export const kindTakesTokens = (kind) => kind !== 'block';
export const takesTokens = (spec) => kindTakesTokens(spec.kind);
/** The families `generate` can decode with: those that take tokens. */
export const GENERATING_KINDS = MODEL_KINDS.filter(kindTakesTokens);
/**
 * The default random input: the notebook's 12 x 32 for its two toy models; 1 x 32 tokens for the
 * Hugging Face decoders, so a 1B-parameter model verifies in about a minute on two cores.
 */
export function defaultInput(spec) {
    return spec.decoder ? { batch: 1, seq: 32 } : { batch: 12, seq: 32 };
}
/** Shape of every traced intermediate: the block's input (B,T,D); a token model's hidden state (B,P,D). */
export function traceShape(spec, inputShape) {
    return takesTokens(spec) ? [inputShape[0], inputShape[1], spec.D] : [...inputShape];
}
