import { type Command } from 'commander';
import { type GenerateReport } from '../verify/generate.js';
export declare function renderGenerate(r: GenerateReport): string;
export declare function registerGenerate(program: Command): void;
