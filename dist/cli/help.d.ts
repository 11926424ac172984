/**
 * Help text shown after the options: example blocks (paragraphs with indented lines) as
 * written, prose paragraphs re-flowed to the width commander wraps option descriptions to (the
 * terminal's, else 80), at the moment the help is shown. Prose is written without line breaks.
 */
export declare function helpAfter(text: string): () => string;
/** Greedy word wrap; a word longer than the width gets a line of its own. */
export declare function wrapProse(text: string, width: number): string;
