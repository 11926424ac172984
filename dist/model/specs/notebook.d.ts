import type { Family } from '../registry.js';
export declare const blockFamily: Family;
export declare const llmFamily: Family;
