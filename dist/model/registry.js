import { MODEL_KINDS } from './spec.js';
import { blockFamily, llmFamily } from './specs/notebook.js';
import { gemmaFamily } from './families/gemma.js';
import { gemma2Family } from './families/gemma2.js';
import { gpt2Family } from './families/gpt2.js';
import { llamaFamily } from './families/llama.js';
import { mixtralFamily } from './families/mixtral.js';
import { phi3Family } from './families/phi3.js';
/** The families, in detection order. Adding a family: its file in families/ and one entry here. */
export const FAMILIES = [blockFamily, llmFamily, llamaFamily, gemmaFamily, gemma2Family, phi3Family, mixtralFamily, gpt2Family];
export function family(kind) {
    return FAMILIES.find((f) => f.name === kind);
}
export { MODEL_KINDS };
