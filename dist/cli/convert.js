import path from 'node:path';
import { Option } from 'commander';
import { describeForms } from '../format/modelDir.js';
import { convert, OtherCheckpointError } from '../convert.js';
import { OutputExistsError } from '../outputs.js';
import { WRITABLE_FORMATS } from '../format/open.js';
import { layerCount } from '../layout/analyze.js';
import { addBlockSizeOption, addLayoutOptions, layoutOption, layoutOptionsFrom, parseCompressThreads, parseDecodeThreads, parseNonNegInt, parseSize } from './options.js';
import { MAX_DECODE_THREADS } from '../format/orbax/decodePool.js';
import { MAX_COMPRESS_THREADS } from '../format/orbax/compressPool.js';
import { ProgressBar } from './progress.js';
import { onInterrupt } from './interrupt.js';
import { formatBytes } from './style.js';
/** Temporary files that killed runs left where this run writes: say what was cleaned and what was not. */
export function reportStaleTemps(stale) {
    for (const f of stale.removed)
        process.stderr.write(`scanconv: removed ${f}, left by a scanconv run that was killed\n`);
    for (const f of stale.kept)
        process.stderr.write(`scanconv: note: ${f} belongs to another scanconv run (still running, on another host, or a backup of an interrupted commit); left alone\n`);
}
export function registerConvert(program) {
    const cmd = program
        .command('convert')
        .summary('convert a checkpoint between the pyloop, scan and shared layouts')
        .description('Convert a checkpoint between the per-layer (pyloop: layer_0 ... layer_{L-1}) and the nn.scan ' +
        '(scan: one "blocks" node whose tensors gain a layer axis) layouts, bit for bit. The direction ' +
        'is detected; every tensor outside the layers is carried unchanged. Streams: memory stays ' +
        'bounded whatever the checkpoint size, and the output appears only when complete.')
        .argument('<input>', 'checkpoint to read: .safetensors, .safetensors.index.json (sharded), .msgpack (Flax), .json, a model directory, or an Orbax/T5X checkpoint directory')
        .requiredOption('-o, --output <path>', '(required) where to write: .safetensors, .msgpack or .json; DIR/ for a model directory (the weights, sharded like the input, and the input directory\'s config, tokenizer and other small files); or a checkpoint directory with --format orbax')
        .addOption(layoutOption('--to <layout>', 'target layout (default: the other of pyloop/scan)'))
        .addOption(new Option('--format <format>', 'output format (default: from the extension); orbax writes an Orbax checkpoint directory (OCDBT + zarr v3) with the layers on axis 1, as MaxText reads it').choices([...WRITABLE_FORMATS]))
        .option('--zstd-level <n>', 'orbax output: zstd level of the chunks, 0 for no compression (default 1)', parseNonNegInt)
        .option('--chunk-size <size>', 'orbax output: largest chunk (default 64MiB); memory is about one chunk', parseSize)
        .option('--decode-threads <n>', `Orbax input: threads that decode chunks and write their pieces, 0 to ${MAX_DECODE_THREADS} (0: the main thread); memory is about 2.25 chunks per thread (default: one per CPU, 0 on one CPU, at most 4 and as many as 256 MB holds at ~2.25 chunks + 40 MB each, ~5 chunks with Node's own zstd)`, parseDecodeThreads)
        .option('--compress-threads <n>', `orbax output: threads that compress chunks, 0 to ${MAX_COMPRESS_THREADS} (0: the main thread); memory is about 5 chunks per thread (default: one fewer than the CPUs, at most 4 and as many as 256 MB holds at ~5 of the largest chunk + 24 MB each, so none for 64MiB chunks)`, parseCompressThreads)
        .option('--shard-size <size>', 'split safetensors output into shards of at most this size (e.g. 5GB or 5G): DIR/model-00001-of-0000N.safetensors + DIR/model.safetensors.index.json (default: one file; into a directory: the input\'s largest shard)', parseSize)
        .option('--no-provenance', 'write no scanconv.* metadata, so converting back gives the input byte for byte (the way back then needs the layout flags where the defaults do not find the layers)')
        .option('-f, --force', 'replace the output if it exists, never an input, never a FIFO or device (default: refuse)');
    addBlockSizeOption(cmd, 'MaxText\'s blocks of layers: scan per-layer layers_N into decoder.layers.layers_0 … layers_{K-1}, each stacked over L/K (K: the model\'s inhomogeneous_layer_cycle_interval; Gemma 3: 6, the L mod K left over in layers_remainder); read from the blocks or the metadata when converting back');
    addLayoutOptions(cmd);
    cmd.addHelpText('after', `
Examples:
  $ scanconv convert fixtures/block_tiny/pyloop.safetensors -o scan.safetensors
  $ scanconv convert scan.safetensors -o pyloop.safetensors            # back again
  $ scanconv convert ckpt.safetensors -o scan.safetensors --preset maxtext   # MaxText: decoder.layers_N -> decoder.layers, axis 1
  $ scanconv convert unscanned.safetensors -o ckpt/0 --format orbax --preset maxtext   # an Orbax checkpoint MaxText restores
  $ scanconv convert gemma3.safetensors -o blocks.safetensors --preset maxtext --block-size 6   # MaxText's blocks of layers
  $ scanconv convert hf.safetensors -o scan.safetensors   # model.layers.N.… -> model.layers.blocks.…
  $ scanconv convert params.json -o scan.safetensors
  $ scanconv convert fixtures/block_tiny/pyloop.msgpack -o scan.msgpack                 # Flax's own format
  $ scanconv convert hub/llama -o hub/llama-scan/                      # a model directory: weights, config, tokenizer
  $ scanconv verify hub/llama-scan                                       # then verify it with no flags
  $ scanconv convert big/model.safetensors.index.json -o out/model.safetensors --shard-size 5GB
  $ scanconv convert pyloop.msgpack -o pyloop.safetensors --to pyloop                   # format change only`);
    cmd.action(async (input, flags) => {
        const bar = new ProgressBar('converting');
        const interrupted = onInterrupt((signal) => `interrupted (${signal}); no output written`);
        const result = await convert(input, flags.output, {
            ...layoutOptionsFrom(flags),
            to: flags.to,
            format: flags.format,
            force: flags.force,
            shardSize: flags.shardSize,
            provenance: flags.provenance,
            zstdLevel: flags.zstdLevel === 0 ? null : flags.zstdLevel,
            chunkBytes: flags.chunkSize,
            decodeThreads: flags.decodeThreads,
            compressThreads: flags.compressThreads,
            onProgress: bar.update,
        }).catch((e) => {
            // The library names its option (force: true); here the flag is --force.
            if (e instanceof OutputExistsError)
                throw new OutputExistsError(e.file, e.label, '--force');
            if (e instanceof OtherCheckpointError)
                throw new OtherCheckpointError(e.dir, e.others, e.writing, '--force');
            throw e;
        }).finally(() => interrupted.remove());
        bar.finish();
        reportStaleTemps(result.staleTemps);
        process.stdout.write(renderConvert(result));
    });
}
export function renderConvert(result) {
    const weights = result.files.length > 1 ? `${result.files.at(-1)} (index of ${result.files.length - 1} shards beside it)` : result.files[0];
    const lines = [`${result.from} -> ${result.to}: ${layerCount(Object.values(result.depths))} layers, ${result.tensors} tensors, ${formatBytes(result.bytes)} in ${result.seconds.toFixed(2)} s -> ${weights}`];
    const names = (files) => files.map((f) => path.basename(f)).join(', ');
    if (result.copied.length)
        lines.push(`copied unchanged into ${result.output}: ${names(result.copied)}`);
    if (result.notCopied.length)
        lines.push(`not copied: ${result.notCopied.map((s) => `${path.basename(s.file)} (${s.why})`).join(', ')}`);
    if (result.removed.length)
        lines.push(`removed the checkpoint it replaces: ${describeForms(result.removed)}`);
    return `${lines.join('\n')}\n`;
}
