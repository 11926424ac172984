/**
 * A JSON parser for hostile input (safetensors headers, JSON checkpoints, shard indexes).
 * `JSON.parse` is not enough there: it keeps the last of duplicate keys silently, accepts any
 * nesting (and the code that walks its result then overflows the stack), turns `4.0` into the
 * integer 4, and returns plain objects whose `__proto__` key is a trap for any code that copies
 * it with `obj[key] = ...`. This one is iterative (no recursion, whatever the nesting), bounds
 * the depth, refuses duplicate keys at every level, returns objects as Maps (file order kept,
 * no prototype), and can keep numbers written with a fraction or exponent apart (`JsonFloat`),
 * as serde_json does when the Rust safetensors crate asks for an integer.
 */
export type JsonValue = null | boolean | number | string | JsonFloat | JsonValue[] | JsonObject;
export type JsonObject = Map<string, JsonValue>;
/** A number written with a fraction, an exponent, or as `-0`: not an integer to serde_json. */
export declare class JsonFloat {
    readonly value: number;
    /** As written in the file, for messages. */
    readonly text: string;
    constructor(value: number, 
    /** As written in the file, for messages. */
    text: string);
    toString(): string;
}
export declare class JsonParseError extends Error {
    /** Set when the text is valid JSON but repeats `key` in one object at `depth` (1: the root object). */
    readonly duplicate?: {
        key: string;
        depth: number;
    } | undefined;
    constructor(message: string, 
    /** Set when the text is valid JSON but repeats `key` in one object at `depth` (1: the root object). */
    duplicate?: {
        key: string;
        depth: number;
    } | undefined);
}
export interface JsonParseOptions {
    /** Deepest nesting of arrays and objects accepted (serde_json's default limit is 128). */
    maxDepth: number;
    /** Return numbers with a fraction or exponent (and `-0`) as JsonFloat instead of number. */
    keepFloats?: boolean;
    /**
     * When the root is an object, hand each of its entries to this as soon as its value is
     * parsed, instead of keeping it in the root Map (returned empty): a 100 MB safetensors header
     * of a million small entries then never exists as a million Maps at once. Duplicate root keys
     * are still refused. Must not throw: a consumer records what it refuses and reports it after
     * the parse, so that invalid JSON is reported as such wherever it is.
     */
    onRootEntry?: (key: string, value: JsonValue) => void;
}
export declare function parseJson(text: string, options: JsonParseOptions): JsonValue;
/** JSON.stringify with every character outside printable ASCII escaped (a BOM stays visible). */
export declare function quote(v: unknown): string;
/** Type guard for a parsed JSON object. */
export declare const isJsonObject: (v: JsonValue | undefined) => v is JsonObject;
/** A short, bounded rendering of a parsed value for error messages (never recursive without limit). */
export declare function describeJson(v: JsonValue | undefined, budget?: number): string;
