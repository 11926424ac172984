/**
 * convert()'s options checked as the command line checks its flags: a caller from JavaScript
 * (no types) or from a config file can pass anything, and `{ format: 'xml' }` must not write
 * safetensors bytes into x.json. Every option is checked before any file is opened; an unknown
 * name (a typo such as `shard_size`) is refused, as commander refuses an unknown flag.
 */
import { UsageError } from './errors.js';
import { WRITABLE_FORMATS } from './format/open.js';
import { LAYOUTS } from './layout/analyze.js';
import { MAX_DECODE_THREADS } from './format/orbax/decodePool.js';
import { MAX_COMPRESS_THREADS } from './format/orbax/compressPool.js';
const oneOf = (allowed) => (v) => (typeof v === 'string' && allowed.includes(v) ? undefined : `one of ${allowed.join(', ')}`);
const positiveInteger = (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? undefined : 'a positive integer');
const nonEmptyString = (v) => (typeof v === 'string' && v.length > 0 ? undefined : 'a non-empty string');
/** A number whose range the layout checks (analyze.ts: BAD_AXIS, TOO_MANY_LAYERS), for convert and verify alike. */
const number = (v) => (typeof v === 'number' ? undefined : 'a number');
const threadCount = (most) => (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= most ? undefined : `an integer from 0 to ${most}`);
const boolean = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
/**
 * Each option of convert() (ConvertOptions) and what it must be; `undefined` always means "not
 * given". Typed by ConvertOptions' keys, so an option added there without a check here fails to compile.
 */
const CONVERT_OPTIONS = {
    to: oneOf(LAYOUTS),
    from: oneOf(LAYOUTS),
    format: oneOf(WRITABLE_FORMATS),
    sep: nonEmptyString,
    force: boolean,
    shardSize: positiveInteger,
    axis: number,
    numLayers: number,
    // Range checked by the layout (BAD_BLOCK_SIZE), as for the flag.
    blockSize: number,
    layerPattern: nonEmptyString,
    // Empty or holding the separator: the layout's BAD_STACK, one message for the flag and the option.
    stack: (v) => (typeof v === 'string' ? undefined : 'a string'),
    onProgress: (v) => (typeof v === 'function' ? undefined : 'a function'),
    signal: (v) => (v instanceof AbortSignal ? undefined : 'an AbortSignal'),
    provenance: boolean,
    optimizerState: boolean,
    // Ranges are the Orbax writer's (checkOrbaxOptions), as for the command line.
    zstdLevel: (v) => (v === null || typeof v === 'number' ? undefined : 'a number, or null for no compression'),
    chunkBytes: positiveInteger,
    decodeThreads: threadCount(MAX_DECODE_THREADS),
    compressThreads: threadCount(MAX_COMPRESS_THREADS),
};
const shown = (v) => (typeof v === 'string' ? JSON.stringify(v) : typeof v === 'function' ? 'a function' : typeof v === 'object' && v !== null ? 'an object' : String(v));
/** Throws BAD_OPTION naming the first option that is unknown or of the wrong kind. */
export function checkConvertOptions(options) {
    if (options === undefined)
        return;
    if (typeof options !== 'object' || options === null || Array.isArray(options))
        throw new UsageError(`convert: options must be an object, got ${shown(options)}`, 'BAD_OPTION');
    for (const [name, value] of Object.entries(options)) {
        const check = Object.prototype.hasOwnProperty.call(CONVERT_OPTIONS, name) ? CONVERT_OPTIONS[name] : undefined;
        if (!check)
            throw new UsageError(`convert: unknown option "${name}"; the options are ${Object.keys(CONVERT_OPTIONS).join(', ')}`, 'BAD_OPTION');
        if (value === undefined)
            continue;
        const want = check(value);
        if (want)
            throw new UsageError(`convert: option "${name}" is ${shown(value)}; expected ${want}`, 'BAD_OPTION');
    }
}
