import type { Command } from 'commander';
export declare function registerCheck(program: Command): void;
