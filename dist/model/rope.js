/**
 * Rotary position embeddings' frequencies, as transformers v4.45.2 computes them
 * (`modeling_rope_utils.py`, and Phi-3's own LongRoPE class in `modeling_phi3.py`): pure
 * arithmetic, no tfjs, so the main thread can read and check a config with it.
 *
 * transformers does this in float32 torch ops, where a Python scalar meeting an f32 tensor is
 * first rounded to f32. Every step below rounds the same way (`f` = Math.fround), so the
 * inverse frequencies are the f32 values PyTorch holds, not a float64 approximation of them.
 * scripts/rope_reference.py computes the same in numpy float32, independently, for the tests.
 */
import { LayoutError } from '../errors.js';
const f = Math.fround;
export const ROPE_TYPES = ['default', 'linear', 'dynamic', 'yarn', 'longrope', 'llama3'];
/** 1 / base^(2j/dim) for j < dim/2, in f32: `1.0 / (base ** (torch.arange(0, dim, 2).float() / dim))`. */
function powers(base, dim) {
    const out = new Float32Array(dim / 2);
    for (let j = 0; j < dim / 2; j++)
        out[j] = f(f(base) ** f((2 * j) / dim));
    return out;
}
function defaultInv(base, dim) {
    return powers(base, dim).map((p) => f(1 / p));
}
function llama3(r) {
    const inv = defaultInv(r.theta, r.dim);
    const factor = f(r.factor);
    const low = r.lowFreqFactor;
    const high = r.highFreqFactor;
    const old = r.originalMaxPositions;
    const lowWavelen = f(old / low);
    const highWavelen = f(old / high);
    const span = f(high - low);
    return inv.map((x) => {
        const wavelen = f(f(2 * Math.PI) / x);
        const scaled = wavelen > lowWavelen ? f(x / factor) : x;
        const medium = !(wavelen < highWavelen) && !(wavelen > lowWavelen);
        if (!medium)
            return scaled;
        const s = f(f(f(f(old) / wavelen) - f(low)) / span);
        return f(f(f(f(1 - s) * scaled) / factor) + f(s * scaled));
    });
}
function yarn(r) {
    const { theta: base, dim, maxPositions } = r;
    const factor = r.factor;
    const attentionScaling = r.attentionFactor ?? 0.1 * Math.log(factor) + 1.0;
    const betaFast = r.betaFast || 32;
    const betaSlow = r.betaSlow || 1;
    const correctionDim = (rotations) => (dim * Math.log(maxPositions / (rotations * 2 * Math.PI))) / (2 * Math.log(base));
    const low = Math.max(Math.floor(correctionDim(betaFast)), 0);
    let high = Math.min(Math.ceil(correctionDim(betaSlow)), dim - 1);
    if (low === high)
        high += 0.001;
    const pos = powers(base, dim);
    const inv = new Float32Array(dim / 2);
    for (let j = 0; j < dim / 2; j++) {
        const extrapolation = f(1 / pos[j]);
        const interpolation = f(1 / f(f(factor) * pos[j]));
        const ramp = Math.min(1, Math.max(0, f(f(j - low) / f(high - low))));
        const extrapolationFactor = f(1 - ramp);
        inv[j] = f(f(interpolation * f(1 - extrapolationFactor)) + f(extrapolation * extrapolationFactor));
    }
    return { invFreq: inv, attentionScaling };
}
/**
 * LongRoPE. Phi-3's own class (`Phi3LongRoPEScaledRotaryEmbedding.forward`, `byLength`) picks
 * the long factors once the sequence is longer than original_max_position_embeddings, else the
 * short ones, per forward call from the largest position, and scales cos and sin by
 * sqrt(1 + ln(max/original) / ln(original)). modeling_rope_utils (Llama) picks once, by whether
 * the expanded context (max, or max * factor without an original) exceeds the original one, and
 * takes rope_scaling.attention_factor when set.
 */
function longrope(r, seqLen) {
    let original = r.maxPositions;
    let expanded = r.maxPositions * (r.factor ?? 1);
    let factor = r.factor ?? 1;
    if (r.originalMaxPositions !== undefined) {
        original = r.originalMaxPositions;
        expanded = r.maxPositions;
        factor = expanded / original;
    }
    const useLong = r.longropeByLength ? seqLen > original : expanded > original;
    const factors = useLong ? r.longFactor : r.shortFactor;
    const invFreq = new Float32Array(r.dim / 2).map((_, j) => f(1 / f(f(factors[j]) * f(f(r.theta) ** f((2 * j) / r.dim)))));
    const attentionScaling = r.attentionFactor ?? (factor <= 1 ? 1 : Math.sqrt(1 + Math.log(factor) / Math.log(original)));
    return { invFreq, attentionScaling };
}
/**
 * The inverse frequencies for a forward call whose largest position is seqLen - 1. Only
 * `dynamic` and `longrope` depend on it: transformers recomputes them per call from
 * max(position_ids) + 1 (dynamic grows its base once the sequence passes max_position_embeddings;
 * within one generation positions only grow, so this stateless form equals its cached one).
 */
export function ropeFrequencies(r, seqLen) {
    switch (r.type) {
        case 'default':
            return { invFreq: defaultInv(r.theta, r.dim), attentionScaling: 1 };
        case 'linear':
            return { invFreq: defaultInv(r.theta, r.dim).map((x) => f(x / f(r.factor))), attentionScaling: 1 };
        case 'dynamic': {
            if (seqLen <= r.maxPositions)
                return { invFreq: defaultInv(r.theta, r.dim), attentionScaling: 1 };
            // Called with seq_len as a tensor: the new base is f32 arithmetic.
            const factor = f(r.factor);
            const grown = f(f(f(f(factor * seqLen) / r.maxPositions) - f(r.factor - 1)) ** f(r.dim / (r.dim - 2)));
            return { invFreq: defaultInv(f(f(r.theta) * grown), r.dim), attentionScaling: 1 };
        }
        case 'yarn':
            return yarn(r);
        case 'longrope':
            return longrope(r, seqLen);
        case 'llama3':
            return { invFreq: llama3(r), attentionScaling: 1 };
    }
}
const bad = (file, what) => new LayoutError(`${file}: ${what}`, 'UNSUPPORTED_CONFIG');
function num(file, scaling, key, required) {
    const v = scaling.get(key);
    if (v === undefined || v === null) {
        if (required)
            throw bad(file, `"rope_scaling.${key}" is missing; transformers needs it for this rope type`);
        return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v))
        throw bad(file, `"rope_scaling.${key}" must be a number, found ${JSON.stringify(v)}`);
    return v;
}
function factors(file, scaling, key, n) {
    const v = scaling.get(key);
    if (!Array.isArray(v) || v.length !== n || !v.every((x) => typeof x === 'number' && Number.isFinite(x) && x > 0)) {
        throw bad(file, `"rope_scaling.${key}" must be ${n} positive numbers (one per rotated frequency)`);
    }
    return v;
}
/**
 * A family's RoPE from its config: rope_theta, partial_rotary_factor (only where the family
 * applies it: none of scanconv's do, so anything but 1 is refused), and rope_scaling read by its
 * `rope_type` key or the legacy `type`. A type the family's class does not compute exits 2
 * naming the key.
 */
export function ropeSpec(c, headDim, support, family) {
    const theta = c.positive('rope_theta', 10000);
    const partial = c.positive('partial_rotary_factor', 1);
    if (partial !== 1)
        throw bad(c.file, `"partial_rotary_factor" is ${partial}; transformers v4.45.2's ${family} rotates whole heads, so scanconv refuses rather than guess`);
    const dim = headDim;
    const maxPositions = c.size('max_position_embeddings', 2048);
    const scaling = c.record('rope_scaling');
    if (!scaling)
        return { type: 'default', theta, dim, maxPositions };
    const rawType = scaling.get('rope_type') ?? scaling.get('type');
    const type = typeof rawType === 'string' ? rawType : 'default';
    if (!ROPE_TYPES.includes(type) || !support.types.includes(type)) {
        const what = support.types.length === 0 ? `transformers v4.45.2's ${family} ignores rope_scaling` : `${family} computes rope_scaling of type ${support.types.join(', ')}`;
        throw bad(c.file, `"rope_scaling" has type ${JSON.stringify(rawType ?? null)}; ${what}, so scanconv refuses rather than compute something else`);
    }
    const r = { type: type, theta, dim, maxPositions };
    if (type === 'default')
        return r;
    if (type === 'longrope') {
        r.shortFactor = factors(c.file, scaling, 'short_factor', dim / 2);
        r.longFactor = factors(c.file, scaling, 'long_factor', dim / 2);
        if (support.phi3LongRope) {
            r.originalMaxPositions = c.size('original_max_position_embeddings', maxPositions);
            r.longropeByLength = true;
        }
        else {
            if (c.has('original_max_position_embeddings'))
                r.originalMaxPositions = c.size('original_max_position_embeddings');
            r.factor = num(c.file, scaling, 'factor', false);
            r.attentionFactor = num(c.file, scaling, 'attention_factor', false);
        }
        return r;
    }
    r.factor = num(c.file, scaling, 'factor', true);
    if (!(r.factor > 0))
        throw bad(c.file, `"rope_scaling.factor" must be positive, found ${r.factor}`);
    if (type === 'llama3') {
        r.lowFreqFactor = num(c.file, scaling, 'low_freq_factor', true);
        r.highFreqFactor = num(c.file, scaling, 'high_freq_factor', true);
        r.originalMaxPositions = num(c.file, scaling, 'original_max_position_embeddings', true);
        if (!(r.highFreqFactor > r.lowFreqFactor) || !(r.lowFreqFactor > 0))
            throw bad(c.file, '"rope_scaling" needs 0 < low_freq_factor < high_freq_factor');
    }
    if (type === 'yarn') {
        r.attentionFactor = num(c.file, scaling, 'attention_factor', false);
        r.betaFast = num(c.file, scaling, 'beta_fast', false);
        r.betaSlow = num(c.file, scaling, 'beta_slow', false);
    }
    return r;
}
