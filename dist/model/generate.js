/**
 * Greedy decoding with a KV cache (FLAX_SEMANTICS.md): prefill the prompt at index 0, take the
 * argmax of the last logits, then feed one token at a time at index P + step. The cache is
 * stored as the form stores it (per layer for pyloop, stacked for scan), sized P + N.
 */
import { readTensor, tf } from './tf.js';
import { emptyCache, llmForward } from './llm.js';
function argmaxLast(logits) {
    const [B, T, V] = logits.shape;
    return tf.tidy(() => tf.cast(tf.argMax(tf.reshape(tf.slice(logits, [0, T - 1, 0], [B, 1, V]), [B, V]), -1), 'int32'));
}
/**
 * `indexOffset` shifts every decode step's cache index: 0 for correct decoding. It exists so a
 * test can prove the cache-vs-recompute check catches an off-by-one cache (not a CLI flag).
 */
export async function greedyGenerate(params, spec, prompt, maxNewTokens, indexOffset = 0) {
    const [B, P] = prompt.shape;
    const V = spec.vocab;
    const N = maxNewTokens;
    let cache = emptyCache(params.form, spec, B, P + N + Math.max(0, indexOffset));
    const ids = tf.tensor(prompt.data, prompt.shape, 'int32');
    const prefill = await llmForward(params, spec, ids, cache, 0);
    ids.dispose();
    cache = prefill.cache;
    const prefillLogits = await readTensor(prefill.logits);
    let tok = argmaxLast(prefill.logits);
    prefill.logits.dispose();
    const tokens = new Int32Array(B * N);
    const stepLogits = new Float32Array(B * N * V);
    for (let s = 0; s < N; s++) {
        const t = await readTensor(tok, 'int32');
        for (let b = 0; b < B; b++)
            tokens[b * N + s] = t[b];
        const input = tf.reshape(tok, [B, 1]);
        const step = await llmForward(params, spec, input, cache, P + s + indexOffset);
        tf.dispose([input, tok]);
        cache = step.cache;
        const lg = await readTensor(step.logits);
        for (let b = 0; b < B; b++)
            stepLogits.set(lg.subarray(b * V, (b + 1) * V), (b * N + s) * V);
        tok = argmaxLast(step.logits);
        step.logits.dispose();
    }
    tok.dispose();
    cache.dispose();
    return { tokens, prefillLogits, stepLogits };
}
/** Logits of one uncached forward over `ids` (B, T): the full recompute to check the cache with. */
export async function fullLogits(params, spec, ids) {
    const [B, T] = ids.shape;
    const input = tf.tensor(ids.data, ids.shape, 'int32');
    const r = await llmForward(params, spec, input, emptyCache(params.form, spec, B, T), 0);
    const out = await readTensor(r.logits);
    tf.dispose([input, r.logits]);
    r.cache.dispose();
    return out;
}
