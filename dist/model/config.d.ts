/** The values a real-valued config key may take: outside them a model computes NaN or nonsense. */
export interface Bounds {
    min: number;
    max: number;
    /** What real models use, for the error message. */
    seen: string;
}
/**
 * Ranges of the real-valued keys, wide around what published models use. A finite but absurd
 * value is refused with its key rather than run: rope_theta 1e-300 makes every RoPE frequency
 * infinite and every activation NaN, in both forms alike.
 */
export declare const BOUNDS: {
    /** RoPE base: 10,000 (Llama 2, Gemma, Mistral) to 1e6 (Qwen2) and 5e6-1e8 in long-context variants. */
    ropeTheta: {
        min: number;
        max: number;
        seen: string;
    };
    /** Norm epsilon: 1e-12 (BERT) to 1e-5 (GPT-2, Llama 1); added to a variance, so it must stay small. */
    normEps: {
        min: number;
        max: number;
        seen: string;
    };
};
/**
 * Where a checkpoint's config.json is: inside it when it is a directory (an Orbax step directory
 * such as MaxText's `checkpoints/0/`, where a user puts the model's config), else beside it.
 */
export declare function configBeside(checkpoint: string): string;
export declare class HfConfig {
    readonly file: string;
    private readonly fields;
    private constructor();
    /** `--config FILE`, else a config.json inside a checkpoint directory or beside the checkpoint, else undefined. */
    static find(checkpoint: string, configFile?: string): HfConfig | undefined;
    /** A field the file itself has (never one inherited from Object.prototype). */
    has(key: string): boolean;
    /** The file has the key, even as null (transformers then passes None, not the class default). */
    hasKey(key: string): boolean;
    private raw;
    get modelType(): string | undefined;
    /** A positive integer size; the first of `keys` present wins; `fallback` when none is. */
    size(keys: string | readonly string[], fallback?: number): number;
    /**
     * A finite positive number (eps, rope_theta) within `bounds` (by default the key's own in
     * BOUNDS, when it has one).
     */
    positive(key: string, fallback: number, bounds?: Bounds | undefined): number;
    flag(key: string, fallback: boolean): boolean;
    text(key: string, fallback: string): string;
    /** A setting scanconv does not implement must be absent (or null): refuse rather than compute something else. */
    unsupported(key: string, why: string): void;
    /** A field's value as JSON, shortened, for messages. */
    shown(key: string): string;
    /** A JSON object field (rope_scaling), as a Map of its keys; an exit-2 error when it is not an object. */
    record(key: string): ReadonlyMap<string, unknown> | undefined;
    /** A finite number of any sign (soft-capping values, scalars), `fallback` when absent. */
    finite(key: string, fallback: number): number;
    /** One of `allowed`, else an exit-2 error. */
    oneOf(key: string, allowed: readonly string[], fallback: string): string;
}
