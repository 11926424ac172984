import { checkFile, checkpointsOf } from '../check.js';
import { addBlockSizeOption, addLayoutOptions, BLOCK_SIZE_HELP, layoutOption, layoutOptionsFrom } from './options.js';
import { out } from './style.js';
import { helpAfter } from './help.js';
export function registerCheck(program) {
    const cmd = program
        .command('check')
        .summary('fast structural validation for pre-commit hooks (no model run)')
        .description('Validate checkpoints without running a model: every format rule, consistent layer groups, no NaN/Inf values, and optionally the expected layout. One line per file, naming it.')
        .argument('<files...>', 'checkpoints (.safetensors, .safetensors.index.json, .msgpack, .json), model directories or Orbax/T5X checkpoint directories; a shard stands for its whole checkpoint (the index beside it that lists it), checked once')
        .option('--allow-nonfinite', 'do not fail on NaN or Inf values (default: fail)')
        .addOption(layoutOption('--expect-layout <layout>', 'fail unless every file is in this layout (default: any)'))
        .option('--json', 'print {"passed", "files": [{"file", "code", "message", "error"}]} instead of lines (code: 0 ok, 1 failed, 2 invalid)');
    addBlockSizeOption(cmd, `${BLOCK_SIZE_HELP}; checks that the layers repeat every K`);
    addLayoutOptions(cmd);
    cmd.addHelpText('after', helpAfter(`Examples:\n  $ scanconv check fixtures/*/*.safetensors\n  $ scanconv check scan.safetensors --expect-layout scan\n  $ scanconv check hub/llama hub/llama/model-00002-of-00005.safetensors   # the sharded checkpoint, checked once\n\nExit codes: 0 all files pass, 1 a check failed, 2 a file is not a valid checkpoint.`));
    cmd.action((files, flags) => {
        const results = [];
        // Each checkpoint once: the shards a pre-commit run passes stand for their index.
        for (const file of checkpointsOf(files)) {
            const r = checkFile(file, { ...layoutOptionsFrom(flags), allowNonfinite: flags.allowNonfinite, expectLayout: flags.expectLayout });
            results.push(r);
            if (!flags.json)
                process.stdout.write(`${r.code === 0 ? out.green('ok  ') : out.red('FAIL')} ${r.message}\n`);
        }
        const code = Math.max(0, ...results.map((r) => r.code));
        if (flags.json)
            process.stdout.write(`${JSON.stringify({ passed: code === 0, files: results }, null, 2)}\n`);
        process.exitCode = code;
    });
}
