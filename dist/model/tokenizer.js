/**
 * Text prompts: a model directory's `tokenizer.json` (and `tokenizer_config.json`, when there is
 * one) read by @huggingface/tokenizers, the pure-JavaScript implementation of Hugging Face's
 * tokenizers (BPE, WordPiece, Unigram, WordLevel models; normalizers, pre-tokenizers, post-
 * processors and decoders as transformers' fast tokenizers run them). Loaded on demand, so the
 * commands that take token ids pay nothing for it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScanconvError } from '../errors.js';
import { readTextFile } from '../format/files.js';
/** tokenizer.json of large vocabularies is tens of MB (Gemma's: 34 MB). */
const MAX_TOKENIZER_BYTES = 256 << 20;
/** tokenizer.json inside a model directory, or beside a checkpoint file. */
export function tokenizerFile(checkpoint) {
    const dir = fs.statSync(checkpoint, { throwIfNoEntry: false })?.isDirectory() ? checkpoint : path.dirname(checkpoint);
    return path.join(dir, 'tokenizer.json');
}
/**
 * The file's JSON as the library takes it: plain objects. JSON.parse is safe here (a `__proto__`
 * key becomes an own property, not a prototype), and the text is size-capped and read without
 * blocking (a FIFO is refused, not waited on).
 */
function readJsonObject(file) {
    let value;
    try {
        value = JSON.parse(readTextFile(file, MAX_TOKENIZER_BYTES, 'a tokenizer file'));
    }
    catch (e) {
        if (e instanceof ScanconvError)
            throw e;
        throw new ScanconvError(`${file}: not valid JSON (${e.message})`, 'BAD_TOKENIZER');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new ScanconvError(`${file}: not a JSON object`, 'BAD_TOKENIZER');
    return value;
}
export async function loadTokenizer(checkpoint) {
    const file = tokenizerFile(checkpoint);
    if (!fs.existsSync(file)) {
        throw new ScanconvError(`a text prompt needs the model's tokenizer.json, and ${path.dirname(file)} has none; put it beside the checkpoint, or pass token ids (--prompt 1,2,3)`, 'NO_TOKENIZER');
    }
    const json = readJsonObject(file);
    if (typeof json.model !== 'object' || json.model === null)
        throw new ScanconvError(`${file}: has no "model" object; not a Hugging Face tokenizer.json`, 'BAD_TOKENIZER');
    const configFile = path.join(path.dirname(file), 'tokenizer_config.json');
    const config = fs.existsSync(configFile) ? readJsonObject(configFile) : {};
    const { Tokenizer } = await import('@huggingface/tokenizers');
    let tokenizer;
    try {
        tokenizer = new Tokenizer(json, config);
    }
    catch (e) {
        throw new ScanconvError(`${file}: cannot be read as a tokenizer (${e.message})`, 'BAD_TOKENIZER');
    }
    return {
        file,
        encode: (text) => [...tokenizer.encode(text).ids],
        decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: true }),
    };
}
