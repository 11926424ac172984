import { type Command } from 'commander';
import { type ModelKind } from '../model/spec.js';
/** Options every model-running command shares (verify, generate, profile). */
export declare function addModelOptions(cmd: Command, kinds?: readonly ModelKind[]): Command;
export declare function registerVerify(program: Command): void;
