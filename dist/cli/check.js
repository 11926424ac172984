import { checkFile } from '../check.js';
import { addLayoutOptions, layoutOption, layoutOptionsFrom } from './options.js';
import { out } from './style.js';
export function registerCheck(program) {
    const cmd = program
        .command('check')
        .summary('fast structural validation for pre-commit hooks (no model run)')
        .description('Validate checkpoints without running a model: every format rule, consistent layer groups, no NaN/Inf values, and optionally the expected layout. One line per file.')
        .argument('<files...>', 'checkpoints (.safetensors, .safetensors.index.json, .msgpack, .json)')
        .option('--allow-nonfinite', 'do not fail on NaN or Inf values')
        .addOption(layoutOption('--expect-layout <layout>', 'fail unless every file is in this layout'));
    addLayoutOptions(cmd);
    cmd.addHelpText('after', `\nExamples:\n  $ scanconv check fixtures/*/*.safetensors\n  $ scanconv check scan.safetensors --expect-layout scan\n\nExit codes: 0 all files pass, 1 a check failed, 2 a file is not a valid checkpoint.`);
    cmd.action((files, flags) => {
        let code = 0;
        for (const file of files) {
            const r = checkFile(file, { ...layoutOptionsFrom(flags), allowNonfinite: flags.allowNonfinite, expectLayout: flags.expectLayout });
            const tag = r.code === 0 ? out.green('ok  ') : out.red('FAIL');
            process.stdout.write(`${tag} ${r.message}\n`);
            code = Math.max(code, r.code);
        }
        process.exitCode = code;
    });
}
