/**
 * verify's --report/--junit files when commander refuses the command line (exit 2 before the
 * action runs), so that CI steps publishing them `if: always()` still find one errored testcase
 * saying what was wrong. The command line is read the way commander reads it, from the
 * command's own option list, and the action's guards apply: a report that would replace an
 * input of the command line, or a file that is not regular, is not written (and says so).
 */
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../errors.js';
import { modelInputFiles } from '../outputs.js';
import { errorChecks } from '../verify/checks.js';
import { githubAnnotations } from '../verify/githubSummary.js';
import { VerifyReportFiles } from '../verify/reportFiles.js';
import { reportPaths } from './verify.js';

interface ReadCommandLine {
  positionals: string[];
  /** The last value given to each long option that takes one (commander keeps the last). */
  values: Map<string, string>;
}

const maybeOption = (a: string) => a.length > 1 && a.startsWith('-');

/**
 * Split `args` (after the command name) with commander's own parseOptions, on a copy of the
 * command whose options keep their flags but lose their validation (parsers, choices), so that
 * the value refused is still read. commander classes every non-option after an unknown option as
 * unknown; those are positionals here. A required value missing at the end is dropped.
 */
export function readCommandLine(cmd: Command, args: readonly string[]): ReadCommandLine {
  const lenient = new Command(cmd.name()).exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  const valued = cmd.options.filter((o) => o.long && (o.required || o.optional));
  for (const o of cmd.options) lenient.addOption(new Option(o.flags));
  let parsed: { operands: string[]; unknown: string[] };
  try {
    parsed = lenient.parseOptions([...args]);
  } catch (e) {
    if (!(e instanceof CommanderError) || e.code !== 'commander.optionMissingArgument') throw e;
    parsed = lenient.parseOptions(args.slice(0, -1));
  }
  const literal = parsed.unknown.indexOf('--');
  const unknownPositionals = literal < 0 ? parsed.unknown.filter((a) => !maybeOption(a)) : [...parsed.unknown.slice(0, literal).filter((a) => !maybeOption(a)), ...parsed.unknown.slice(literal + 1)];
  const values = new Map<string, string>();
  for (const o of valued) {
    const v: unknown = lenient.getOptionValue(o.attributeName());
    if (typeof v === 'string') values.set(o.long!, v);
  }
  return { positionals: [...parsed.operands, ...unknownPositionals], values };
}

const finite = (s: string | undefined) => (s !== undefined && s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined);

/** What a refused `verify` command line says about its run, read as commander splits it. */
function runOf(cmd: Command, args: readonly string[]) {
  const { positionals, values } = readCommandLine(cmd, args);
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
  return { positionals, values, run };
}

/** In GitHub Actions, the `::error` line of a refused `verify` command line, as for any errored run. */
export function usageAnnotations(cmd: Command, args: readonly string[], message: string): string[] {
  if (process.env.GITHUB_ACTIONS !== 'true') return [];
  try {
    return githubAnnotations(errorChecks('USAGE', message, 0), runOf(cmd, args).run);
  } catch {
    return [];
  }
}

/**
 * Write the errored reports a refused `verify` command line names. Returns a line for stderr
 * when a named report could not be written, else undefined. Never throws.
 */
export function writeUsageErrorReports(cmd: Command, args: readonly string[], message: string): string | undefined {
  try {
    const { positionals, values, run } = runOf(cmd, args);
    const paths = reportPaths({ report: values.get('--report'), junit: values.get('--junit'), html: values.get('--html') });
    if (!paths.json && !paths.junit && !paths.html && !paths.summary) return undefined;
    // Guard every file named: the two checkpoints verify would open with their shards and
    // config.json, and every other positional as it is (a glob of many files is not opened).
    const inputs = modelInputFiles(positionals.slice(0, 2), [values.get('--input'), values.get('--expect')], [values.get('--config'), ...positionals]);
    const reports = VerifyReportFiles.open(paths, run, inputs);
    const wanted = reports.written;
    const done = reports.writeFailure(new UsageError(message, 'USAGE'));
    const missed = wanted.filter((f) => !done.includes(f));
    return missed.length ? `could not write ${missed.join(' or ')}` : undefined;
  } catch (e) {
    return `no report written: ${e instanceof Error ? e.message : String(e)}`;
  }
}
