import { type Command } from 'commander';
export declare function registerConvert(program: Command): void;
