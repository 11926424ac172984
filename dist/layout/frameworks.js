/**
 * Layouts of training frameworks recognised without flags, when a checkpoint carries no
 * scanconv provenance:
 *  - MaxText, unscanned: `…decoder.layers_N.…` (Flax's names for a list of layers);
 *  - MaxText, scanned: `…decoder.layers.…` whose tensors hold the layers on `param_scan_axis`
 *    (1, after the expert axis in MoE blocks); the axis is read from the shapes, and where both
 *    axis 0 and axis 1 could be it, the user is asked for --axis; its blocks of layers
 *    (`decoder.layers.layers_J.…`, blocks.ts) are found with the same options;
 *  - Levanter: a `stacked` node inside `layers` (`…layers.stacked.…`, layers on axis 0).
 * Each answer is the options the matching `--preset` sets (cli/options.ts PRESETS).
 */
import { LayoutError } from '../errors.js';
import { DEFAULT_STACK, splitKeys } from './groups.js';
export const MAXTEXT = { layerPattern: '^layers_(\\d+)$', stack: 'layers', axis: 1 };
export const LEVANTER = { stack: 'stacked', axis: 0 };
/** Nodes whose `layers_N` children / `layers` child are MaxText's layers. */
const MAXTEXT_PARENTS = new Set(['decoder', 'encoder']);
const MAXTEXT_LAYER = /^layers_\d+$/;
/** The options a framework's layout implies for this tree, or undefined when none is recognised. */
export function impliedOptions(tensors, sep, file, axisGiven, stacks) {
    const paths = splitKeys(tensors, sep).map((p) => p.path);
    const under = (at, path) => at > 0 && MAXTEXT_PARENTS.has(path[at - 1]);
    if (paths.some((p) => p.some((seg, at) => MAXTEXT_LAYER.test(seg) && under(at, p))))
        return { ...MAXTEXT };
    if (paths.some((p) => p.includes(DEFAULT_STACK)))
        return undefined;
    // `encoder.layers.0…` is Hugging Face's unscanned naming (BART, Whisper), not MaxText's stack.
    const layersNode = (p, at) => p[at] === MAXTEXT.stack && under(at, p) && at < p.length - 1;
    const numericChildren = paths.some((p) => p.some((_, at) => layersNode(p, at) && /^\d+$/.test(p[at + 1])));
    if (!numericChildren && paths.some((p) => p.some((_, at) => layersNode(p, at)))) {
        return axisGiven ? { layerPattern: MAXTEXT.layerPattern, stack: MAXTEXT.stack } : { ...MAXTEXT, axis: maxtextAxis(stacks(MAXTEXT.stack), sep, file) };
    }
    if (paths.some((p) => p.some((seg, at) => seg === LEVANTER.stack && at > 0 && p[at - 1] === 'layers')))
        return { ...LEVANTER };
    return undefined;
}
/**
 * The layer axis of MaxText's scanned `layers` nodes: of axes 0 and 1, the one on which every
 * stacked tensor has the same size (within each block, for blocks of layers: blocks stacked over
 * different counts are blocks.ts's BLOCK_MISMATCH, not an unknown axis). Both (or neither) cannot
 * be told apart: exit 2 asking for --axis.
 */
function maxtextAxis(stacks, sep, file) {
    const parts = new Map();
    for (const g of stacks) {
        if (!g.parent.length || !MAXTEXT_PARENTS.has(g.parent[g.parent.length - 1]))
            continue;
        for (const l of g.leaves) {
            const key = `${g.parent.join(sep)}${sep}${MAXTEXT_LAYER.test(l.rel[0]) && l.rel.length > 1 ? l.rel[0] : ''}`;
            const refs = parts.get(key);
            if (refs)
                refs.push(l.ref);
            else
                parts.set(key, [l.ref]);
        }
    }
    const leaves = [...parts.values()].flat();
    const agree = (axis) => {
        const each = [...parts.values()].map((refs) => {
            const sizes = new Set(refs.map((r) => (r.shape.length > axis ? r.shape[axis] : -1)));
            return sizes.size === 1 && !sizes.has(-1) && !sizes.has(0) ? [...sizes][0] : undefined;
        });
        return each.length && each.every((n) => n !== undefined) ? each[0] : undefined;
    };
    const [on0, on1] = [agree(0), agree(1)];
    if (on1 !== undefined && on0 === undefined)
        return 1;
    if (on0 !== undefined && on1 === undefined)
        return 0;
    const where = leaves[0]?.name.split(sep).slice(0, -1).join(sep) ?? MAXTEXT.stack;
    throw new LayoutError(on0 !== undefined
        ? `${file}: cannot tell the layer axis of MaxText's scanned layers (${where}…) from the shapes: every tensor has ${on0} on axis 0 and ${on1} on axis 1; pass --axis 1 (MaxText's param_scan_axis) or --axis 0`
        : `${file}: cannot tell the layer axis of MaxText's scanned layers (${where}…): the tensors agree on neither axis 0 nor axis 1; pass --axis N`, 'AXIS_UNKNOWN');
}
