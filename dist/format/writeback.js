/**
 * Early writeback: while output files are still being written, ask the kernel (fdatasync on
 * libuv's thread pool, off the main thread) to put what is already written on disk, one round at
 * a time. Without it every byte waits in the page cache for the final fsync, which then writes
 * the whole output while nothing else runs: 0.9 s of a 4.7 s unscan of 1.9 GB here (strace).
 * The final fsync still runs, so durability is unchanged; it only has less left to do.
 */
import fs from 'node:fs';
/** Bytes written between rounds. */
const WRITEBACK_EVERY = 256 << 20;
export class EarlyWriteback {
    fds;
    every;
    inFlight;
    since = 0;
    failed;
    constructor(fds, every = WRITEBACK_EVERY) {
        this.fds = fds;
        this.every = every;
    }
    /** Count `n` bytes written; start a round when `every` have been since the last and none is running. */
    written(n) {
        this.since += n;
        if (this.since < this.every || this.inFlight || this.failed)
            return;
        this.since = 0;
        const round = Promise.all(this.fds.map((fd) => new Promise((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())))));
        this.inFlight = round.then(() => {
            this.inFlight = undefined;
        }, (e) => {
            this.failed ??= e;
            this.inFlight = undefined;
        });
    }
    /** Wait for the round in flight: before the files are synced, closed or removed. Rethrows a round's error (a disk that cannot write). */
    async settle() {
        await this.inFlight;
        if (this.failed)
            throw this.failed;
    }
}
