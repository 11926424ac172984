/**
 * The KV cache, stored as each form stores it: pyloop keeps one (B,S,KV,DH) cache per layer;
 * scan keeps one stacked (L,B,S,KV,DH) cache, slices layer i out of it and stacks the updated
 * slices back (nn.scan's in_axes=0 / out_axes=0). KV is the key/value head count (H when the
 * model has no grouped heads).
 */
import { tf } from './tf.js';
import { kvHeads } from './spec.js';
export function pyloopCache(caches) {
    return {
        layer: (i) => caches[i],
        update: (next) => pyloopCache(next),
        dispose: () => caches.forEach((c) => tf.dispose([c.k, c.v])),
    };
}
export function scanCache(k, v) {
    return {
        layer: (i) => ({ k: tf.squeeze(tf.slice(k, [i], [1]), [0]), v: tf.squeeze(tf.slice(v, [i], [1]), [0]) }),
        update: (next) => {
            const stacked = scanCache(tf.stack(next.map((c) => c.k)), tf.stack(next.map((c) => c.v)));
            next.forEach((c) => tf.dispose([c.k, c.v]));
            return stacked;
        },
        dispose: () => tf.dispose([k, v]),
    };
}
export function emptyCache(form, spec, batch, length) {
    const shape = [batch, length, kvHeads(spec), spec.DH];
    if (form !== 'pyloop')
        return scanCache(tf.zeros([spec.layers, ...shape]), tf.zeros([spec.layers, ...shape]));
    return pyloopCache(Array.from({ length: spec.layers }, () => ({ k: tf.zeros(shape), v: tf.zeros(shape) })));
}
/** Write this step's (B,T,KV,DH) keys or values into the (B,S,KV,DH) cache at positions index... */
export function updateCache(cache, update, index) {
    const S = cache.shape[1];
    const T = update.shape[1];
    const parts = [];
    if (index > 0)
        parts.push(tf.slice(cache, [0, 0], [-1, index]));
    parts.push(update);
    if (index + T < S)
        parts.push(tf.slice(cache, [0, index + T], [-1, S - index - T]));
    return parts.length === 1 ? update : tf.concat(parts, 1);
}
