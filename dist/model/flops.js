/**
 * Hugging Face decoders (T new tokens against a cache of S): q and out 2 x 2BT.D.(H.DH), k and v
 * 2 x 2BT.D.(KV.DH), the MLP's matrices (3 gated for llama and gemma, 2 for gpt2) 2BT.D.F each,
 * attention 2 x 2BHTS.DH, the head 2BT.D.V. Transcendentals: softmax exp BHTS, the MLP's
 * sigmoid or tanh BT.F, one rsqrt per token per norm (2 per layer, 1 final).
 */
function decoderCost(spec, batch, tokens, S) {
    const { D, H, DH, layers: L } = spec;
    const { KV, F } = spec.decoder;
    const V = spec.vocab;
    const BT = batch * tokens;
    const moe = spec.decoder.moe;
    // Mixtral: the router (2BT.D.E) and the k active experts' three matrices each, not all E.
    const mlp = moe ? 2 * BT * D * moe.experts + moe.topK * 3 * 2 * BT * D * F : (spec.kind === 'gpt2' ? 2 : 3) * 2 * BT * D * F;
    const perLayer = 2 * 2 * BT * D * H * DH + 2 * 2 * BT * D * KV * DH + mlp + 2 * 2 * batch * H * tokens * S * DH;
    return {
        flops: L * perLayer + 2 * BT * D * V,
        transcendentals: L * (batch * H * tokens * S + BT * F + 2 * BT) + BT,
        activationBytes: 4 * (6 * BT * D + 2 * BT * F + 2 * batch * S * KV * DH + batch * H * tokens * S + BT * V),
    };
}
/**
 * Block: q, k, v, out projections (4 x 2BTD^2), Dense_0 (2BTD^2), logits and weights.v
 * (2 x 2BHT^2DH). Transcendentals: softmax exp (BHT^2), two RMSNorm rsqrt (2BT).
 * LLM (T new tokens against a cache of S): q,k,v,out (4 x 2BTD^2), MLP (2 x 2BTD^2),
 * attention (2 x 2BHTS DH), embedding gather (0), logits (2BTDV); exp BHTS, tanh BTD.
 */
export function forwardCost(spec, batch, tokens, cacheLength = tokens) {
    const { D, H, DH, layers: L } = spec;
    const BT = batch * tokens;
    if (spec.kind === 'block') {
        const perLayer = 4 * 2 * BT * D * (H * DH) + 2 * BT * D * D + 2 * 2 * batch * H * tokens * tokens * DH;
        return {
            flops: L * perLayer,
            transcendentals: L * (batch * H * tokens * tokens + 2 * BT),
            activationBytes: 4 * (6 * BT * D + 3 * BT * H * DH + batch * H * tokens * tokens),
        };
    }
    const S = cacheLength;
    if (spec.decoder)
        return decoderCost(spec, batch, tokens, S);
    const perLayer = 4 * 2 * BT * D * D + 2 * 2 * BT * D * D + 2 * 2 * batch * H * tokens * S * DH;
    return {
        flops: L * perLayer + 2 * BT * D * spec.vocab,
        transcendentals: L * (batch * H * tokens * S + BT * D),
        activationBytes: 4 * (6 * BT * D + 2 * batch * S * D + batch * H * tokens * S + BT * spec.vocab),
    };
}
