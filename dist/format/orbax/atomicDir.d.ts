export declare class AtomicDir {
    readonly finalPath: string;
    private readonly force;
    readonly tempPath: string;
    private readonly untrack;
    private done;
    constructor(finalPath: string, force: boolean);
    /** Put the directory in place (replacing, with `force`, the checkpoint that was there). */
    commit(): void;
    abort(): void;
}
/** An output directory must be absent, or (with `force`) an Orbax checkpoint directory, never a file or a link. */
export declare function checkDirOutput(finalPath: string, force: boolean): void;
