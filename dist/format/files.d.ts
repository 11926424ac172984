import { FormatError, ScanconvError } from '../errors.js';
/** A typed error for an errno failure on `file` (permission denied, vanished, I/O error). */
export declare function readError(file: string, e: unknown): FormatError;
/** Open `file` read-only; throws NOT_A_FILE for directories, FIFOs, sockets and devices. Returns fd and size. */
export declare function openRegular(file: string): {
    fd: number;
    size: number;
};
/**
 * The whole of a small regular file, refusing files over `maxBytes` with the error `tooLarge`
 * gives (no FIFO hang: see openRegular).
 */
export declare function readCappedFile(file: string, maxBytes: number, tooLarge: (size: number) => ScanconvError): Buffer;
/** The whole of a (small) regular file as UTF-8 text, refusing files over `maxBytes`. */
export declare function readTextFile(file: string, maxBytes: number, what: string): string;
/**
 * A bounded set of open input files: a sharded checkpoint of 2,000 shards held one descriptor
 * per shard until the end and failed past `ulimit -n` (EMFILE). Past `max` open files the least
 * recently used one is closed and, when read again, reopened the same careful way (non-blocking,
 * regular file) and checked to be the same file (device, inode, size): a shard replaced between
 * two reads is refused, not read half from one file and half from another.
 */
export declare class OpenFiles {
    readonly max: number;
    private readonly open;
    constructor(max: number);
    /** Take over `fd`, just opened on `file` by openRegular. */
    adopt(file: string, fd: number): PooledFile;
    /** The descriptor of `f`, reopening it when it was closed to make room. */
    fdOf(f: PooledFile): number;
    /** Close `f` for good. */
    release(f: PooledFile): void;
    private remember;
}
export declare class PooledFile {
    private readonly pool;
    readonly file: string;
    readonly dev: number;
    readonly ino: number;
    readonly size: number;
    closed: boolean;
    constructor(pool: OpenFiles, file: string, dev: number, ino: number, size: number);
    get fd(): number;
    close(): void;
}
/** A clone without `git lfs` holds ~130-byte pointer files where the checkpoints should be. */
export declare function lfsPointerError(file: string, fd: number, size: number): ScanconvError | undefined;
