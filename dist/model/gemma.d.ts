import { type DecoderModel } from './decoder.js';
export declare const gemma: DecoderModel;
