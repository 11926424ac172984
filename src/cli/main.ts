/**
 * The scanconv command line: commander wiring only. Every command calls the library (src/) and
 * renders; errors become one line on stderr and an exit code (0 ok, 1 check failed, 2 bad input).
 */
import { Command, CommanderError } from 'commander';
import { EXIT, exitCodeOf } from './exitCodes.js';
import { VERSION } from '../version.js';
import { registerConvert } from './convert.js';
import { registerInspect } from './inspect.js';
import { registerVerify } from './verify.js';
import { registerGenerate } from './generate.js';
import { registerProfile } from './profile.js';
import { registerCheck } from './check.js';
import { err } from './style.js';
import { helpAfter } from './help.js';
import { usageAnnotations, writeUsageErrorReports } from './usageReports.js';
import { describeRead } from '../format/modelDir.js';

/** `onRefused` hears which command's command line commander refused (as it prints why). */
export function buildProgram(onRefused?: (cmd: Command) => void): Command {
  const program = new Command('scanconv')
    .version(VERSION)
    .description(
      'Move Flax checkpoints between the per-layer (pyloop) and nn.scan (stacked) layouts, bit for bit, ' +
        'and prove that both model forms compute the same thing.',
    )
    .exitOverride()
    .addHelpText(
      'after',
      helpAfter(`Exit codes: 0 success, 1 a check failed, 2 bad input or usage, 3 internal error (a bug: please report it), 129/130/131/143 interrupted (SIGHUP/SIGINT/SIGQUIT/SIGTERM).

Set SCANCONV_DEBUG=1 for stack traces.`),
    );
  registerConvert(program);
  registerInspect(program);
  registerVerify(program);
  registerGenerate(program);
  registerProfile(program);
  registerCheck(program);
  // A model directory that holds more than one checkpoint form: say which file is read
  // (inspect and check name it in their own output).
  program.hook('preAction', (_root, action) => {
    if (action.name() === 'inspect' || action.name() === 'check') return;
    for (const arg of action.processedArgs.flat()) {
      if (typeof arg !== 'string') continue;
      let line: string | undefined;
      try {
        line = describeRead(arg);
      } catch {
        /* the command itself reports a directory it cannot read */
      }
      if (line?.includes('not read:')) process.stderr.write(`${err.yellow('scanconv: note:')} ${line}\n`);
    }
  });
  // Usage errors: one line, like every other error, pointing at the command's help.
  for (const cmd of [program, ...program.commands]) {
    cmd.exitOverride().configureOutput({
      outputError: (str, write) => {
        onRefused?.(cmd);
        write(`${err.red('scanconv:')} ${str.trim().replace(/\n+/g, ' ')} (see scanconv ${cmd === program ? '' : `${cmd.name()} `}--help)\n`);
      },
    });
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let refused: Command | undefined;
  try {
    await buildProgram((cmd) => (refused = cmd)).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed its message; help asked for and version are successes,
      // help shown because no command was given (commander.help, exit code 1) is a usage error.
      const asked = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && e.exitCode === 0);
      if (asked) return EXIT.OK;
      // verify writes its --report/--junit on every exit code, a refused command line included.
      const args = argv.slice(2);
      if (refused?.name() === 'verify' && args[0] === 'verify') {
        const message = e.message.replace(/^error: /, '');
        const problem = writeUsageErrorReports(refused, args.slice(1), message);
        if (problem) process.stderr.write(`${err.red('scanconv:')} ${problem}\n`);
        for (const line of usageAnnotations(refused, args.slice(1), message)) process.stderr.write(`${line}\n`);
      }
      return EXIT.BAD_INPUT;
    }
    const code = exitCodeOf(e);
    const error = e as Error | undefined;
    if (code === EXIT.INTERNAL) {
      process.stderr.write(`${err.red('scanconv: internal error:')} ${error?.stack ?? String(e)}\n`);
      return code;
    }
    process.stderr.write(`${err.red('scanconv: error:')} ${error!.message}\n`);
    if (process.env.SCANCONV_DEBUG) process.stderr.write(`${error!.stack}\n`);
    return code;
  }
}
