export interface TextTokenizer {
    /** The tokenizer.json read. */
    file: string;
    /** Token ids of `text`, with the special tokens the tokenizer adds (BOS), as transformers' tokenizer(text) gives. */
    encode(text: string): number[];
    /** Text of `ids`, special tokens left out. */
    decode(ids: readonly number[]): string;
}
/** tokenizer.json inside a model directory, or beside a checkpoint file. */
export declare function tokenizerFile(checkpoint: string): string;
export declare function loadTokenizer(checkpoint: string): Promise<TextTokenizer>;
