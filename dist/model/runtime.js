import { family } from './registry.js';
/** The decoder computation of a token model's spec. */
export function decoderModel(spec) {
    const model = family(spec.kind).model;
    if (!model)
        throw new Error(`${spec.kind} is not a decoder model`);
    return model;
}
