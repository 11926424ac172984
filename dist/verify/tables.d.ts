export declare const TABLE_STYLE: {
    head: never[];
    border: never[];
    compact: boolean;
};
export declare const TERMINAL_WIDTH = 80;
/** Columns a string takes on a terminal (ANSI colours skipped, the pass/fail marks count two). */
export declare function visibleWidth(s: string): number;
/** `input_hidden_state` -> `input_\nhidden_state` for width 12: lines break after underscores. */
export declare function wrapName(name: string, width: number): string;
/**
 * A table of `rows` under `head` in at most `maxWidth` columns. Columns `keep` (the first, and
 * the last when `keepLast`) appear in every part when the table must be split.
 */
export declare function fitTable(head: string[], rows: string[][], options?: {
    maxWidth?: number;
    keepLast?: boolean;
}): string;
