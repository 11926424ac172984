/**
 * JSON as Python's `json.dumps` writes it with its defaults (`", "` and `": "` separators,
 * `ensure_ascii`), which is how orbax-checkpoint writes `_METADATA` and `_CHECKPOINT_METADATA`;
 * and the `repr` of a tuple of strings, orbax's key for each leaf in `_METADATA`.
 */
export type PyJson = string | number | bigint | boolean | null | readonly PyJson[] | {
    readonly [key: string]: PyJson;
};
export declare function pyJson(value: PyJson): string;
/** Python's repr of a str. */
export declare function pyStrRepr(s: string): string;
/** Python's repr of a tuple of strs: `('a',)`, `('a', 'b')`. */
export declare function pyTupleRepr(items: readonly string[]): string;
