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
    const perLayer = 4 * 2 * BT * D * D + 2 * 2 * BT * D * D + 2 * 2 * batch * H * tokens * S * DH;
    return {
        flops: L * perLayer + 2 * BT * D * spec.vocab,
        transcendentals: L * (batch * H * tokens * S + BT * D),
        activationBytes: 4 * (6 * BT * D + 2 * batch * S * D + batch * H * tokens * S + BT * spec.vocab),
    };
}
