/**
 * verify's --report/--junit files when commander refuses the command line (exit 2 before the
 * action runs), so that CI steps publishing them `if: always()` still find one errored testcase
 * saying what was wrong. The command line is read the way commander reads it, from the
 * command's own option list, and the action's guards apply: a report that would replace an
 * input of the command line, or a file that is not regular, is not written (and says so).
 */
import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { checkOutputs, guardInputs, modelInputFiles } from '../outputs.js';
import { reportOutputs, VerifyReportFiles } from '../verify/reportFiles.js';

interface ReadCommandLine {
  positionals: string[];
  /** The last value given to each long option that takes one (commander keeps the last). */
  values: Map<string, string>;
}

/** Split `args` (after the command name) like commander's parseOptions, without validating anything. */
export function readCommandLine(cmd: Command, args: readonly string[]): ReadCommandLine {
  const byFlag = new Map<string, Option>();
  for (const o of cmd.options) {
    if (o.long) byFlag.set(o.long, o);
    if (o.short) byFlag.set(o.short, o);
  }
  const positionals: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.length < 2 || !a.startsWith('-')) {
      positionals.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const option = byFlag.get(flag);
    if (!option?.long || !(option.required || option.optional)) continue; // a switch, or unknown
    let value: string | undefined;
    if (eq > 0) value = a.slice(eq + 1);
    // commander takes the next argument for a required value whatever it looks like, and for
    // an optional one only when it does not look like an option.
    else if (i + 1 < args.length && (option.required || !args[i + 1].startsWith('-'))) value = args[++i];
    if (value !== undefined) values.set(option.long, value);
  }
  return { positionals, values };
}

const finite = (s: string | undefined) => (s !== undefined && s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined);

/**
 * Write the errored reports a refused `verify` command line names. Returns a line for stderr
 * when a named report could not be written, else undefined. Never throws.
 */
export function writeUsageErrorReports(cmd: Command, args: readonly string[], message: string): string | undefined {
  const { positionals, values } = readCommandLine(cmd, args);
  const json = values.get('--report');
  const junit = values.get('--junit');
  if (!json && !junit) return undefined;
  try {
    // Guard every file named: the two checkpoints verify would open with their shards and
    // config.json, and every other positional as it is (a glob of many files is not opened).
    const inputs = modelInputFiles(positionals.slice(0, 2), [values.get('--input'), values.get('--expect')], [values.get('--config'), ...positionals]);
    checkOutputs(reportOutputs({ json, junit }), inputs);
    guardInputs(inputs);
    const [checkpoint, other] = positionals;
    const run = {
      checkpoint: checkpoint ?? '(no checkpoint given)',
      other,
      input: values.get('--input'),
      expect: values.get('--expect'),
      threshold: finite(values.get('--threshold')),
      expectThreshold: finite(values.get('--expect-threshold')),
      backend: values.get('--backend'),
    };
    const reports = new VerifyReportFiles({ json, junit }, run);
    const wanted = reports.written;
    const done = reports.writeFailure(new UsageError(message, 'USAGE'));
    const missed = wanted.filter((f) => !done.includes(f));
    return missed.length ? `could not write ${missed.join(' or ')}` : undefined;
  } catch (e) {
    return `no report written: ${e instanceof Error ? e.message : String(e)}`;
  }
}
