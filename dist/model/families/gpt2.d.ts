import { type DecoderModel } from '../decoder.js';
import type { Family } from '../registry.js';
export declare const gpt2: DecoderModel;
export declare const gpt2Family: Family;
