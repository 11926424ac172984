import { type DecoderModel } from '../decoder.js';
import type { Family } from '../registry.js';
export declare const mixtral: DecoderModel;
export declare const mixtralFamily: Family;
