import { gemma } from './gemma.js';
import { gpt2 } from './gpt2.js';
import { llama } from './llama.js';
import { llm } from './llm.js';
const DECODERS = { llm, llama, gemma, gpt2 };
/** The decoder computation of a token model's spec. */
export function decoderModel(spec) {
    const model = DECODERS[spec.kind];
    if (!model)
        throw new Error(`${spec.kind} is not a decoder model`);
    return model;
}
