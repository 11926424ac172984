import type { Command } from 'commander';
import { type ProfileReport } from '../verify/profile.js';
export declare function renderProfile(r: ProfileReport): string;
export declare function registerProfile(program: Command): void;
