/** Option parsers and option groups shared by several commands. */
import { InvalidArgumentError, Option } from 'commander';
import { LAYOUTS } from '../layout/analyze.js';
import { UsageError } from '../errors.js';
import { MAX_DECODE_THREADS } from '../format/orbax/decodePool.js';
import { MAX_COMPRESS_THREADS } from '../format/orbax/compressPool.js';
import { LEVANTER, MAXTEXT } from '../layout/frameworks.js';
export function parseNonNegInt(value) {
    if (!/^\d+$/.test(value))
        throw new InvalidArgumentError('expected a non-negative integer.');
    return Number(value);
}
export function parsePositiveInt(value) {
    const n = parseNonNegInt(value);
    if (n === 0)
        throw new InvalidArgumentError('expected a positive integer.');
    return n;
}
/**
 * --decode-threads, --compress-threads: a UsageError with its own code (not commander's unnamed
 * refusal), so a script can tell it from other bad flags; 0..64 as the library's options.
 */
function parseThreads(flag, most, code) {
    return (value) => {
        const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
        if (!(n <= most))
            throw new UsageError(`${flag} ${JSON.stringify(value).slice(0, 40)} is not a thread count from 0 to ${most}`, code);
        return n;
    };
}
export const parseDecodeThreads = parseThreads('--decode-threads', MAX_DECODE_THREADS, 'BAD_DECODE_THREADS');
export const parseCompressThreads = parseThreads('--compress-threads', MAX_COMPRESS_THREADS, 'BAD_COMPRESS_THREADS');
export const SIZE_FORMS = 'a byte count (1048576) or a number with a unit: B, K or KB, M or MB, G or GB, T or TB (powers of 1000), KiB, MiB, GiB, TiB (powers of 1024), e.g. 5GB, 5G, 500MB, 1.5GiB';
/** Sizes like 5GB, 5G, 500MB, 1.5GiB or a plain byte count. */
export function parseSize(value) {
    const m = /^(\d+(?:\.\d+)?)\s*(B|KB?|MB?|GB?|TB?|KiB|MiB|GiB|TiB)?$/i.exec(value.trim());
    if (!m)
        throw new InvalidArgumentError(`expected ${SIZE_FORMS}.`);
    const unit = (m[2] ?? 'B').toUpperCase().replace(/^([KMGT])$/, '$1B');
    const mult = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KIB: 2 ** 10, MIB: 2 ** 20, GIB: 2 ** 30, TIB: 2 ** 40 };
    const n = Math.floor(Number(m[1]) * mult[unit]);
    if (n <= 0)
        throw new InvalidArgumentError('expected a positive size.');
    return n;
}
export function parseNonNegNumber(value) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0)
        throw new InvalidArgumentError('expected a non-negative number.');
    return n;
}
/** --layers/--stack/--axis/--sep/--num-layers: how to find the repeated block. */
export function addLayoutOptions(cmd) {
    return cmd
        .option('--layers <regex>', 'pattern of layer children, one capture group for the index; RE2 syntax (no lookaround or backreferences), matched in time linear in each name (default: layer_N anywhere, and numeric children of layers/h/layer/block, as in model.layers.N; MaxText: ^layers_(\\d+)$)')
        .option('--stack <name>', 'name of the stacked node in the scan layout (default: blocks; MaxText: layers)')
        .option('--axis <n>', 'axis of the stacked tensors that holds the layers (default: 0; MaxText: 1)', parseNonNegInt)
        .option('--sep <s>', 'key separator of flat keys (default: detected, "." or "/")')
        .option('--num-layers <L>', 'layer count of every group of a shared checkpoint whose metadata lacks it (default: the metadata\'s scanconv.layers)', parsePositiveInt)
        .option('--optimizer-state', 'Orbax/T5X checkpoint directories: also read the optimizer state (opt_state, T5X state), left out by default')
        .addOption(layoutOption('--from <layout>', 'layout of the input when the tree cannot tell, e.g. a shared file without scanconv metadata (default: detected)'))
        .addOption(new Option('--preset <name>', 'set --layers/--stack/--axis for a framework\'s checkpoints: maxtext (decoder.layers_N <-> decoder.layers, axis 1), levanter (layers.N <-> layers.stacked, axis 0); explicit flags win').choices(Object.keys(PRESETS)));
}
/**
 * --block-size K: MaxText's blocks of layers (layers.layers_0 … layers_{K-1}) cannot be told from
 * a per-layer tree whose layers differ but repeat (Llama 4 Maverick), so every command that
 * reads such a tree as layers takes K the way convert does.
 */
export function addBlockSizeOption(cmd, description) {
    return cmd.option('--block-size <K>', description, parseNonNegInt);
}
export const BLOCK_SIZE_HELP = 'layers per block of MaxText\'s blocks of layers (the model\'s inhomogeneous_layer_cycle_interval), for per-layer layers_N that differ but repeat every K layers (Llama 4 Maverick); read from the blocks or the metadata otherwise';
/** What `--preset` sets (docs/MAXTEXT.md). */
export const PRESETS = {
    maxtext: { layers: MAXTEXT.layerPattern, stack: MAXTEXT.stack, axis: MAXTEXT.axis },
    levanter: { ...LEVANTER },
};
export function layoutOption(flags, description) {
    return new Option(flags, description).choices(LAYOUTS);
}
export function layoutOptionsFrom(flags) {
    const preset = flags.preset === undefined ? undefined : PRESETS[flags.preset];
    return { layerPattern: flags.layers ?? preset?.layers, stack: flags.stack ?? preset?.stack, axis: flags.axis ?? preset?.axis, numLayers: flags.numLayers, from: flags.from, sep: flags.sep, optimizerState: flags.optimizerState, blockSize: flags.blockSize };
}
