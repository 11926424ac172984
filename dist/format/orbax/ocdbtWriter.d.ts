import { type OcdbtConfig } from './ocdbtEncode.js';
/** Nodes are closed past this many encoded (uncompressed) bytes; tensorstore's readers take up to maxDecodedNodeBytes. */
export declare const TARGET_NODE_BYTES: number;
/** An append-only file written with positional writes, synced and closed by `close`. */
export declare class AppendFile {
    readonly file: string;
    readonly fd: number;
    size: number;
    constructor(file: string);
    append(bytes: Uint8Array): number;
    close(): void;
}
/** A value being streamed into a data file. */
export interface ValueSink {
    write(bytes: Uint8Array): void;
    /** Offset of the next byte within the value. */
    readonly written: number;
    end(): void;
}
export interface OcdbtWriterOptions {
    config?: OcdbtConfig;
    /** Node size before a split (default TARGET_NODE_BYTES). */
    targetNodeBytes?: number;
    /** Commit time recorded in the manifest (default now). */
    commitTimeNs?: bigint;
}
export declare class OcdbtWriter {
    readonly dir: string;
    private readonly options;
    readonly config: OcdbtConfig;
    private readonly entries;
    private readonly keys;
    private values?;
    private open;
    constructor(dir: string, options?: OcdbtWriterOptions);
    private addKey;
    /** A whole value: inline when small enough, else appended to the data file. */
    put(key: string, bytes: Uint8Array): void;
    /** Stream a value of unknown size into the data file (always out of line). One at a time. */
    begin(key: string): ValueSink;
    private valueFile;
    /** Write the B+tree and the manifest, and sync every file. Returns the bytes written in all. */
    finish(): number;
    /** Close files without finishing (the caller removes the directory). */
    abort(): void;
}
