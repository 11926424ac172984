import { type Command } from 'commander';
import { type ConvertResult } from '../convert.js';
import type { StaleTemps } from '../format/staleTemps.js';
/** Temporary files that killed runs left where this run writes: say what was cleaned and what was not. */
export declare function reportStaleTemps(stale: StaleTemps): void;
export declare function registerConvert(program: Command): void;
export declare function renderConvert(result: ConvertResult): string;
