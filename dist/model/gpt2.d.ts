import { type DecoderModel } from './decoder.js';
export declare const gpt2: DecoderModel;
