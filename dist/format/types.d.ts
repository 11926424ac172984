import type { DType } from './dtype.js';
/**
 * One tensor of a checkpoint, described but not loaded. Everything in scanconv passes these
 * around; bytes are only read when a writer or a model asks, and only the range it asks for.
 */
export interface TensorRef {
    readonly name: string;
    readonly dtype: DType;
    readonly shape: readonly number[];
    readonly byteLength: number;
    /**
     * Copy `length` bytes starting at `offset` (relative to this tensor's first byte) into
     * `target` at `targetOffset`. Little-endian, C order, exactly as stored.
     */
    readInto(target: Uint8Array, targetOffset: number, offset: number, length: number): void;
    /**
     * Only on views (an in-memory conversion): the runs of other tensors' bytes this one is made
     * of, in order. Lets a comparison see that two views cover the same source bytes without
     * reading them (sources.ts).
     */
    readonly pieces?: () => Iterable<Piece>;
}
/** `length` bytes of `ref` starting at `offset`: one contiguous run of a tensor made of others. */
export interface Piece {
    readonly ref: TensorRef;
    readonly offset: number;
    readonly length: number;
}
export type FormatName = 'safetensors' | 'json' | 'msgpack' | 'sharded' | 'orbax';
/** A checkpoint opened for reading: its tensors in file order, its metadata, its key separator. */
export interface TensorIndex {
    readonly path: string;
    readonly format: FormatName;
    /** Tensors by full key (path segments joined with `sep`), in the order the file lists them. */
    readonly tensors: ReadonlyMap<string, TensorRef>;
    readonly metadata: Readonly<Record<string, string>>;
    /** Separator used to join tree paths into keys (`.` or `/`). */
    readonly sep: string;
    /** Every file the checkpoint reads from, when more than `path` (the shards of a sharded one). */
    readonly files?: readonly string[];
    /** How the tensors are stored, for inspect (Orbax: layout, zarr version, compression, chunking). */
    readonly storage?: Readonly<Record<string, string>>;
    /** Decode every stored chunk and check every checksum (formats that have them); a summary line. */
    readonly integrity?: () => string;
    close(): void;
}
/** Read a whole tensor. Only for tensors known to be small (models, tests): writers stream. */
export declare function readAll(ref: TensorRef): Uint8Array;
/** A TensorRef over bytes already in memory (JSON leaves, test fixtures). */
export declare function memoryRef(name: string, dtype: DType, shape: readonly number[], bytes: Uint8Array): TensorRef;
/**
 * Metadata key recording the key separator of names that are not `.`-separated. JSON and msgpack
 * hold a tree, not names, so `a/b` written as {"a": {"b": ..}} would read back as `a.b` unless
 * the separator travels with it; a safetensors name `p/a.b` would be split at the dot.
 */
export declare const SEP_KEY = "scanconv.sep";
/** The separator a file's metadata records, validated (untrusted); undefined when none is recorded. */
export declare function recordedSep(file: string, metadata: Readonly<Record<string, string>>): string | undefined;
/** Choose the key separator: `/` only when keys use it and never use `.`. */
export declare function detectSep(names: Iterable<string>): string;
/** Offset of the first byte where two tensors' bytes differ, -1 if equal (chunked: bounded memory). */
export declare function firstDifference(a: TensorRef, b: TensorRef): number;
