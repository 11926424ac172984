/**
 * The scanconv command line: commander wiring only. Every command calls the library (src/) and
 * renders; errors become one line on stderr and an exit code (0 ok, 1 check failed, 2 bad input).
 */
import { Command } from 'commander';
/** `onRefused` hears which command's command line commander refused (as it prints why). */
export declare function buildProgram(onRefused?: (cmd: Command) => void): Command;
export declare function main(argv: string[]): Promise<number>;
