import type { DecoderModel } from '../decoder.js';
import type { Family } from '../registry.js';
/** Gemma's embedding: the rows times sqrt(D) rounded to f32 (Gemma 2 too). */
export declare const scaledEmbed: DecoderModel['embed'];
export declare const gemma: DecoderModel;
export declare const gemmaFamily: Family;
