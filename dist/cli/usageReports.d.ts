/**
 * verify's --report/--junit files when commander refuses the command line (exit 2 before the
 * action runs), so that CI steps publishing them `if: always()` still find one errored testcase
 * saying what was wrong. The command line is read the way commander reads it, from the
 * command's own option list, and the action's guards apply: a report that would replace an
 * input of the command line, or a file that is not regular, is not written (and says so).
 */
import { Command } from 'commander';
interface ReadCommandLine {
    positionals: string[];
    /** The last value given to each long option that takes one (commander keeps the last). */
    values: Map<string, string>;
}
/**
 * Split `args` (after the command name) with commander's own parseOptions, on a copy of the
 * command whose options keep their flags but lose their validation (parsers, choices), so that
 * the value refused is still read. commander classes every non-option after an unknown option as
 * unknown; those are positionals here. A required value missing at the end is dropped.
 */
export declare function readCommandLine(cmd: Command, args: readonly string[]): ReadCommandLine;
/** In GitHub Actions, the `::error` line of a refused `verify` command line, as for any errored run. */
export declare function usageAnnotations(cmd: Command, args: readonly string[], message: string): string[];
/**
 * Write the errored reports a refused `verify` command line names. Returns a line for stderr
 * when a named report could not be written, else undefined. Never throws.
 */
export declare function writeUsageErrorReports(cmd: Command, args: readonly string[], message: string): string | undefined;
export {};
