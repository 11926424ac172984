import { FormatError } from '../errors.js';
/** A typed error for an errno failure on `file` (permission denied, vanished, I/O error). */
export declare function readError(file: string, e: unknown): FormatError;
/** Open `file` read-only; throws NOT_A_FILE for directories, FIFOs, sockets and devices. Returns fd and size. */
export declare function openRegular(file: string): {
    fd: number;
    size: number;
};
/** The whole of a (small) regular file as UTF-8 text, refusing files over `maxBytes`. */
export declare function readTextFile(file: string, maxBytes: number, what: string): string;
