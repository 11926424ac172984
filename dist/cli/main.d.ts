/**
 * The scanconv command line: commander wiring only. Every command calls the library (src/) and
 * renders; errors become one line on stderr and an exit code (0 ok, 1 check failed, 2 bad input).
 */
import { Command } from 'commander';
export declare function buildProgram(): Command;
export declare function main(argv: string[]): Promise<number>;
