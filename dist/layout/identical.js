import { LayoutError } from '../errors.js';
import { firstDifference } from '../format/types.js';
/** Throw naming the first tensor whose bytes differ from refs[0]'s. */
export function assertIdentical(refs, label) {
    for (let i = 1; i < refs.length; i++) {
        const at = firstDifference(refs[0], refs[i]);
        if (at >= 0)
            throw new LayoutError(`${label(i)}: differs from ${label(0)} (first at byte ${at}); --to shared needs bit-identical layers`, 'LAYERS_DIFFER');
    }
}
