import { type Command } from 'commander';
/** Options every model-running command shares (verify, generate, profile). */
export declare function addModelOptions(cmd: Command): Command;
export declare function registerVerify(program: Command): void;
