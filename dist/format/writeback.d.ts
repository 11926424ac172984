export declare class EarlyWriteback {
    private readonly fds;
    private readonly every;
    private inFlight?;
    private since;
    private failed;
    constructor(fds: readonly number[], every?: number);
    /** Count `n` bytes written; start a round when `every` have been since the last and none is running. */
    written(n: number): void;
    /** Wait for the round in flight: before the files are synced, closed or removed. Rethrows a round's error (a disk that cannot write). */
    settle(): Promise<void>;
}
