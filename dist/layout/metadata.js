/**
 * Provenance: the `scanconv.*` metadata that lets the reverse conversion run without flags.
 * A file's metadata is untrusted input, so every key is validated before use, and nothing per
 * layer is allocated from a count that was not checked against MAX_LAYERS first.
 *
 * `scanconv.layers` is one decimal count when every layer group has the same depth (what every
 * version writes and reads), and a JSON object `{"<group path>": depth, ...}` when groups differ
 * (an encoder and a decoder); the group path is the parent of the layer children / stack node,
 * joined with the checkpoint's separator ("" for the root).
 */
import { LayoutError } from '../errors.js';
import { SEP_KEY } from '../format/types.js';
import { DEFAULT_NAMING, literalNaming, parseCanonicalPattern } from './naming.js';
export const META = {
    version: 'scanconv.version',
    layout: 'scanconv.layout',
    stack: 'scanconv.stack',
    axis: 'scanconv.axis',
    pattern: 'scanconv.layer_pattern',
    layers: 'scanconv.layers',
    /** Layers per block of MaxText's blocks of layers (blocks.ts), in either layout. */
    blockSize: 'scanconv.block_size',
    /** The key separator, when it is not "." (format/types.ts reads it). */
    sep: SEP_KEY,
};
/** No real model has more layers in one group; larger counts are refused before anything per layer is built. */
export const MAX_LAYERS = 65_536;
/** The highest layer axis accepted (safetensors itself has no rank limit). */
export const MAX_AXIS = 1024;
/** Longest `scanconv.layers` value read (a JSON object of group depths). */
const MAX_DEPTHS_TEXT = 1 << 20;
/** Error codes that mean the checkpoint itself is unreadable (check: exit 2), not a failed layout check. */
export const INVALID_LAYOUT_CODES = new Set([
    'BAD_META_LAYOUT', 'BAD_META_STACK', 'BAD_META_AXIS', 'BAD_META_PATTERN', 'BAD_META_LAYERS', 'BAD_META_BLOCK_SIZE', 'TOO_MANY_LAYERS', 'TOO_MANY_TENSORS',
]);
const show = (value) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
function own(metadata, key) {
    return Object.prototype.hasOwnProperty.call(metadata, key) ? metadata[key] : undefined;
}
export function metaLayout(file, metadata) {
    const v = own(metadata, META.layout);
    if (v !== undefined && v !== 'pyloop' && v !== 'scan' && v !== 'shared') {
        throw new LayoutError(`${file}: metadata ${META.layout} ${show(v)} is not pyloop, scan or shared; pass --from LAYOUT`, 'BAD_META_LAYOUT');
    }
    return v;
}
export function metaStack(file, metadata, sep) {
    const v = own(metadata, META.stack);
    if (v !== undefined && (v === '' || v.length > 1024 || v.includes(sep))) {
        throw new LayoutError(`${file}: metadata ${META.stack} ${show(v)} is not a node name; pass --stack NAME`, 'BAD_META_STACK');
    }
    return v;
}
export function metaAxis(file, metadata) {
    const v = own(metadata, META.axis);
    if (v === undefined)
        return undefined;
    if (!/^\d{1,4}$/.test(v) || Number(v) > MAX_AXIS) {
        throw new LayoutError(`${file}: metadata ${META.axis} ${show(v)} is not a layer axis (an integer from 0 to ${MAX_AXIS}); pass --axis N`, 'BAD_META_AXIS');
    }
    return Number(v);
}
export function metaBlockSize(file, metadata) {
    const v = own(metadata, META.blockSize);
    if (v === undefined)
        return undefined;
    if (!/^\d{1,6}$/.test(v) || Number(v) < 1 || Number(v) > MAX_LAYERS) {
        throw new LayoutError(`${file}: metadata ${META.blockSize} ${show(v)} is not a block size (an integer from 1 to ${MAX_LAYERS}); pass --block-size K`, 'BAD_META_BLOCK_SIZE');
    }
    return Number(v);
}
export function metaNaming(file, metadata) {
    const v = own(metadata, META.pattern);
    if (v === undefined)
        return undefined;
    const parsed = parseCanonicalPattern(v);
    if (!parsed) {
        throw new LayoutError(`${file}: metadata ${META.pattern} ${show(v)} is not a pattern scanconv writes (^prefix(\\d+)suffix$ with a literal prefix and suffix); pass --layers REGEX`, 'BAD_META_PATTERN');
    }
    return literalNaming(parsed.prefix, parsed.suffix);
}
export function metaDepths(file, metadata) {
    const v = own(metadata, META.layers);
    if (v === undefined)
        return undefined;
    const bad = () => {
        throw new LayoutError(`${file}: metadata ${META.layers} ${show(v)} is not a layer count from 1 to ${MAX_LAYERS} (nor a JSON object of them per group); pass --num-layers L to read the file without it`, 'BAD_META_LAYERS');
    };
    const count = (x) => (typeof x === 'number' && Number.isInteger(x) && x >= 1 && x <= MAX_LAYERS ? x : bad());
    if (/^\d{1,6}$/.test(v))
        return count(Number(v));
    if (v.length > MAX_DEPTHS_TEXT || !v.startsWith('{'))
        return bad();
    let parsed;
    try {
        parsed = JSON.parse(v);
    }
    catch {
        return bad();
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        return bad();
    const depths = new Map();
    for (const [group, d] of Object.entries(parsed))
        depths.set(group, count(d));
    return depths.size ? depths : bad();
}
/** `scanconv.layers` for groups of these depths (keyed by group path, in any order). */
export function formatDepths(depths) {
    const values = new Set(depths.values());
    if (values.size <= 1)
        return String(values.values().next().value ?? 0);
    const sorted = [...depths].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify(Object.fromEntries(sorted));
}
/** Whether the default rules would name the layer children under `parent` as `segments` (index order). */
export function defaultNamesMatch(parent, segments) {
    const name = DEFAULT_NAMING.namer(parent);
    return segments.every((s, i) => s === name(i));
}
