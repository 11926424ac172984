export declare class AtomicFile {
    readonly finalPath: string;
    readonly tempPath: string;
    readonly fd: number;
    private done;
    constructor(finalPath: string);
    /** Write all of `bytes` at the current end of the file. */
    write(bytes: Uint8Array): void;
    commit(): void;
    abort(): void;
}
/** Run `body` with an AtomicFile, committing on success and removing the temp file on failure. */
export declare function writeAtomically<T>(finalPath: string, body: (file: AtomicFile) => Promise<T> | T): Promise<T>;
