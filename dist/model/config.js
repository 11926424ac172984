/**
 * A Hugging Face config.json: read from beside the checkpoint or from --config FILE, and read
 * defensively (it is user input): every size must be a positive safe integer below a cap, every
 * float finite, and a field of the wrong type is an exit-2 error naming it, never a NaN model.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LayoutError, ScanconvError, UsageError } from '../errors.js';
import { readTextFile } from '../format/files.js';
/** Sizes above this are not a model anyone runs here (and would overflow typed-array lengths). */
const MAX_SIZE = 1 << 24;
/** config.json files are small; a huge one is not a config. */
const MAX_CONFIG_BYTES = 1 << 20;
/**
 * Ranges of the real-valued keys, wide around what published models use. A finite but absurd
 * value is refused with its key rather than run: rope_theta 1e-300 makes every RoPE frequency
 * infinite and every activation NaN, in both forms alike.
 */
export const BOUNDS = {
    /** RoPE base: 10,000 (Llama 2, Gemma, Mistral) to 1e6 (Qwen2) and 5e6-1e8 in long-context variants. */
    ropeTheta: { min: 1, max: 1e10, seen: '1e4 to 1e8' },
    /** Norm epsilon: 1e-12 (BERT) to 1e-5 (GPT-2, Llama 1); added to a variance, so it must stay small. */
    normEps: { min: 1e-12, max: 0.1, seen: '1e-12 to 1e-5' },
};
/** The bounds `positive` applies by key, so every family reading one of these keys gets them. */
const KEY_BOUNDS = new Map([
    ['rope_theta', BOUNDS.ropeTheta],
    ['rms_norm_eps', BOUNDS.normEps],
    ['layer_norm_epsilon', BOUNDS.normEps],
    ['layer_norm_eps', BOUNDS.normEps],
    ['norm_epsilon', BOUNDS.normEps],
]);
/**
 * Where a checkpoint's config.json is: inside it when it is a directory (an Orbax step directory
 * such as MaxText's `checkpoints/0/`, where a user puts the model's config), else beside it.
 */
export function configBeside(checkpoint) {
    const inside = path.join(checkpoint, 'config.json');
    if (fs.statSync(checkpoint, { throwIfNoEntry: false })?.isDirectory() && fs.existsSync(inside))
        return inside;
    return path.join(path.dirname(checkpoint), 'config.json');
}
export class HfConfig {
    file;
    fields;
    constructor(file, fields) {
        this.file = file;
        this.fields = fields;
    }
    /** `--config FILE`, else a config.json inside a checkpoint directory or beside the checkpoint, else undefined. */
    static find(checkpoint, configFile) {
        const file = configFile ?? configBeside(checkpoint);
        if (!configFile && !fs.existsSync(file))
            return undefined;
        let text;
        try {
            // Non-blocking open, regular files only, size capped: a FIFO or /dev/zero as config.json
            // hung in open(2) or read without end, deaf to Ctrl-C.
            text = readTextFile(file, MAX_CONFIG_BYTES, 'a model config');
        }
        catch (e) {
            if (!(e instanceof ScanconvError))
                throw e;
            throw new UsageError(`cannot read the model config: ${e.message}`, 'BAD_CONFIG');
        }
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch (e) {
            throw new UsageError(`${file}: not valid JSON (${e.message})`, 'BAD_CONFIG');
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
            throw new UsageError(`${file}: not a JSON object`, 'BAD_CONFIG');
        return new HfConfig(file, parsed);
    }
    /** A field the file itself has (never one inherited from Object.prototype). */
    has(key) {
        return Object.prototype.hasOwnProperty.call(this.fields, key) && this.fields[key] !== null;
    }
    /** The file has the key, even as null (transformers then passes None, not the class default). */
    hasKey(key) {
        return Object.prototype.hasOwnProperty.call(this.fields, key);
    }
    raw(key) {
        return this.has(key) ? this.fields[key] : undefined;
    }
    get modelType() {
        const t = this.raw('model_type');
        return typeof t === 'string' ? t : undefined;
    }
    /** A positive integer size; the first of `keys` present wins; `fallback` when none is. */
    size(keys, fallback) {
        const names = typeof keys === 'string' ? [keys] : keys;
        const key = names.find((k) => this.has(k));
        if (key === undefined) {
            if (fallback !== undefined)
                return fallback;
            throw new LayoutError(`${this.file}: missing "${names[0]}"`, 'BAD_CONFIG');
        }
        const v = this.raw(key);
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_SIZE) {
            throw new LayoutError(`${this.file}: "${key}" must be a positive integer up to ${MAX_SIZE}, found ${JSON.stringify(v)}`, 'BAD_CONFIG');
        }
        return v;
    }
    /**
     * A finite positive number (eps, rope_theta) within `bounds` (by default the key's own in
     * BOUNDS, when it has one).
     */
    positive(key, fallback, bounds = KEY_BOUNDS.get(key)) {
        const v = this.raw(key);
        if (v === undefined)
            return fallback;
        if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
            throw new LayoutError(`${this.file}: "${key}" must be a positive number, found ${JSON.stringify(v)}`, 'BAD_CONFIG');
        if (bounds && !(v >= bounds.min && v <= bounds.max)) {
            throw new LayoutError(`${this.file}: "${key}" is ${v}, outside ${bounds.min} to ${bounds.max} (real models use ${bounds.seen}); a model would compute NaN or nonsense with it`, 'BAD_CONFIG');
        }
        return v;
    }
    flag(key, fallback) {
        const v = this.raw(key);
        if (v === undefined)
            return fallback;
        if (typeof v !== 'boolean')
            throw new LayoutError(`${this.file}: "${key}" must be true or false, found ${JSON.stringify(v)}`, 'BAD_CONFIG');
        return v;
    }
    text(key, fallback) {
        const v = this.raw(key);
        if (v === undefined)
            return fallback;
        if (typeof v !== 'string')
            throw new LayoutError(`${this.file}: "${key}" must be a string, found ${JSON.stringify(v)}`, 'BAD_CONFIG');
        return v;
    }
    /** A setting scanconv does not implement must be absent (or null): refuse rather than compute something else. */
    unsupported(key, why) {
        if (this.has(key))
            throw new LayoutError(`${this.file}: "${key}" is set (${JSON.stringify(this.raw(key)).slice(0, 60)}); ${why}`, 'UNSUPPORTED_CONFIG');
    }
    /** A field's value as JSON, shortened, for messages. */
    shown(key) {
        return JSON.stringify(this.raw(key) ?? null).slice(0, 60);
    }
    /** A JSON object field (rope_scaling), as a Map of its keys; an exit-2 error when it is not an object. */
    record(key) {
        const v = this.raw(key);
        if (v === undefined)
            return undefined;
        if (typeof v !== 'object' || v === null || Array.isArray(v))
            throw new LayoutError(`${this.file}: "${key}" must be an object, found ${JSON.stringify(v).slice(0, 60)}`, 'BAD_CONFIG');
        return new Map(Object.entries(v));
    }
    /** A finite number of any sign (soft-capping values, scalars), `fallback` when absent. */
    finite(key, fallback) {
        const v = this.raw(key);
        if (v === undefined)
            return fallback;
        if (typeof v !== 'number' || !Number.isFinite(v))
            throw new LayoutError(`${this.file}: "${key}" must be a number, found ${JSON.stringify(v)}`, 'BAD_CONFIG');
        return v;
    }
    /** One of `allowed`, else an exit-2 error. */
    oneOf(key, allowed, fallback) {
        const v = this.text(key, fallback);
        if (!allowed.includes(v))
            throw new LayoutError(`${this.file}: "${key}" is "${v}"; scanconv computes ${allowed.join(' or ')}`, 'UNSUPPORTED_CONFIG');
        return v;
    }
}
