/** Parents whose numeric children are layers by default (Hugging Face / Levanter naming). */
export declare const LAYER_CONTAINERS: ReadonlySet<string>;
export declare const DEFAULT_LAYER_PATTERN = "^layer_(\\d+)$";
export interface LayerNaming {
    /** What was looked for, for messages. */
    readonly description: string;
    /** Where the naming came from: a `--layers` flag, a file's metadata, or the default rules. */
    readonly source: 'flag' | 'metadata' | 'default';
    /** The pattern as given, when one was (`--layers` or the metadata). */
    readonly pattern?: string;
    /** The index digits when `path[at]` names a layer child, else undefined. */
    indexAt(path: readonly string[], at: number): string | undefined;
    /** Names of the layer children of the stack under `parent` (throws when they cannot be derived). */
    namer(parent: readonly string[]): (index: number) => string;
}
/** The default rules (no --layers, no provenance). */
export declare const DEFAULT_NAMING: LayerNaming;
/** A user's --layers regex. */
export declare function regexNaming(source: string): LayerNaming;
/** Layer children named `prefix` + index + `suffix`, matched without a regex. */
export declare function literalNaming(prefix: string, suffix: string): LayerNaming;
/** The one pattern shape scanconv writes into provenance. */
export declare function canonicalPattern(prefix: string, suffix: string): string;
/**
 * Parse a pattern of exactly the shape `canonicalPattern` writes; anything else (an arbitrary
 * regex, which could take exponential time on a crafted name) is refused by the caller.
 */
export declare function parseCanonicalPattern(source: string): {
    prefix: string;
    suffix: string;
} | undefined;
/**
 * The literal prefix and suffix around the index group of a regex such as `^layers_(\d+)$`,
 * when everything outside the group is literal; throws otherwise.
 */
export declare function invertPattern(source: string): {
    prefix: string;
    suffix: string;
};
/** Turn a layer pattern such as `^layers_(\d+)$` back into names (`layers_0`, `layers_1`...). */
export declare function layerNamer(source: string): (index: number) => string;
