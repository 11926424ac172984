/**
 * The notebook's SimpleBlock (its model 1; Flax's outputs in fixtures/block_tiny/*_io.safetensors), traced per layer:
 *   input_hidden_state = x
 *   x = pre_attention_norm = RMSNorm_0(x)
 *   x = +self_attention   = x + self_attention(x)     (residual onto the NORMALISED x)
 *   x = pre_ffw_norm      = RMSNorm_1(x)
 *   x = +dense            = x + Dense_0(x)
 */
import { tf } from './tf.js';
import { dense, denseGeneralIn, denseGeneralOut, dotProductAttention, rmsNorm, weightAt } from './layers.js';
/** flax.linen.SelfAttention (MultiHeadDotProductAttention, no mask): x (B,T,D) -> (B,T,D). */
export function selfAttention(x, p) {
    const project = (name) => denseGeneralIn(x, weightAt(p, ['self_attention', name, 'kernel']), p(['self_attention', name, 'bias']));
    const attended = dotProductAttention(project('query'), project('key'), project('value'), { scaleQuery: true });
    return denseGeneralOut(attended, weightAt(p, ['self_attention', 'out', 'kernel']), p(['self_attention', 'out', 'bias']));
}
/** One SimpleBlock: returns the next hidden state and the five named intermediates. */
export function simpleBlock(x, p) {
    const trace = { input_hidden_state: x };
    let h = (trace.pre_attention_norm = rmsNorm(x, p(['RMSNorm_0', 'scale'])));
    h = trace['+self_attention'] = tf.add(h, selfAttention(h, p));
    h = trace.pre_ffw_norm = rmsNorm(h, p(['RMSNorm_1', 'scale']));
    h = trace['+dense'] = tf.add(h, dense(h, weightAt(p, ['Dense_0', 'kernel']), p(['Dense_0', 'bias'])));
    return { out: h, trace };
}
