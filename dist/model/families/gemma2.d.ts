import type { DecoderModel } from '../decoder.js';
import type { Family } from '../registry.js';
export declare const gemma2: DecoderModel;
export declare const gemma2Family: Family;
