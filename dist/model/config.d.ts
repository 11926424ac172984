export declare class HfConfig {
    readonly file: string;
    private readonly fields;
    private constructor();
    /** `--config FILE`, else a config.json beside the checkpoint, else undefined. */
    static find(checkpoint: string, configFile?: string): HfConfig | undefined;
    /** A field the file itself has (never one inherited from Object.prototype). */
    has(key: string): boolean;
    private raw;
    get modelType(): string | undefined;
    /** A positive integer size; the first of `keys` present wins; `fallback` when none is. */
    size(keys: string | readonly string[], fallback?: number): number;
    /** A finite positive number (eps, rope_theta). */
    positive(key: string, fallback: number): number;
    flag(key: string, fallback: boolean): boolean;
    text(key: string, fallback: string): string;
    /** A setting scanconv does not implement must be absent (or null): refuse rather than compute something else. */
    unsupported(key: string, why: string): void;
    /** One of `allowed`, else an exit-2 error. */
    oneOf(key: string, allowed: readonly string[], fallback: string): string;
}
