import type { Command } from 'commander';
import { type InspectReport } from '../inspect.js';
export declare function renderInspect(r: InspectReport): string;
export declare function registerInspect(program: Command): void;
