export interface StaleTemps {
    /** Temporary files of dead scanconv processes of this host, removed. */
    removed: string[];
    /** Temporary files of live processes or other hosts, and backups of interrupted commits, left alone. */
    kept: string[];
}
/**
 * Whether process `pid` of this host still runs (EPERM: it does, under another user). A number no
 * process can have (a name's 99999999999) cannot be told dead: counted as alive, so its files stay.
 */
export declare function processAlive(pid: number): boolean;
/**
 * Find the temporary files that runs killed with SIGKILL (or a power cut) left in `dir`: remove
 * those whose process is gone, report those of a live process or of another host.
 */
export declare function sweepStaleTemps(dir: string): StaleTemps;
