export interface ProgressOptions {
    /** Seconds between lines when stderr is not a terminal (default: SCANCONV_PROGRESS_SECONDS, else 5). */
    logEverySeconds?: number;
    /** Milliseconds clock (tests). */
    now?: () => number;
}
export declare class ProgressBar {
    private readonly label;
    /** `bytes` shows sizes and a rate; `layers` shows each form's layer count. */
    private readonly unit;
    private readonly stream;
    private readonly options;
    private readonly now;
    private readonly started;
    private lastDraw;
    private lastLog;
    private drawn;
    private last;
    constructor(label: string, 
    /** `bytes` shows sizes and a rate; `layers` shows each form's layer count. */
    unit?: 'bytes' | 'layers', stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'>, options?: ProgressOptions);
    /** Where the work stands, for a message about an interruption: "layer 17/42, 16/42". */
    get state(): string;
    /** `perForm`: each form's layers reached (the layers unit), so a layer is counted once. */
    update: (done: number, total: number, perForm?: readonly number[]) => void;
    /** The bar's line, at most the terminal's width less one column. */
    private line;
    finish(): void;
}
