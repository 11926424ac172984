import { ScanconvError } from '../errors.js';
/** An error as it crosses a thread or process boundary: plain data (structured clone and JSON safe). */
export interface SerializedError {
    message: string;
    code: string;
    stack?: string;
    /** Set for a ScanconvError: its class chain, most derived first (so an unlisted subclass comes back as its listed base). */
    classes?: string[];
    /** The error's own primitive fields (a SafetensorsError's file and tensor, ...). */
    fields?: Record<string, string | number | boolean>;
}
export declare function serializeError(e: unknown): SerializedError;
/** The ScanconvError it was (same class, code, message, fields), or undefined for any other error. */
export declare function reviveError(s: SerializedError): ScanconvError | undefined;
