import type { Family } from '../registry.js';
export declare const gpt2Family: Family;
