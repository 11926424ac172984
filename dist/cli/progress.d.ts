export declare class ProgressBar {
    private readonly label;
    /** `bytes` shows sizes and a rate; `layers` shows counts. */
    private readonly unit;
    private readonly stream;
    private readonly started;
    private lastDraw;
    private drawn;
    constructor(label: string, 
    /** `bytes` shows sizes and a rate; `layers` shows counts. */
    unit?: 'bytes' | 'layers', stream?: NodeJS.WriteStream);
    update: (done: number, total: number) => void;
    finish(): void;
}
