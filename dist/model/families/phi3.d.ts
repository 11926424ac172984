import { type DecoderModel } from '../decoder.js';
import type { Family } from '../registry.js';
export declare const phi3: DecoderModel;
export declare const phi3Family: Family;
