/**
 * What runs killed with SIGKILL (or a power cut) left behind: the temporary files of
 * atomic.ts, named `.NAME.scanconv-tmp-HOST-PID-N` (or `-old-` for a group commit's backups).
 */
import fs from 'node:fs';
import path from 'node:path';
import { HOST, TEMP_NAME } from './tempNames.js';

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
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid > 0x7fffffff) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Find the temporary files that runs killed with SIGKILL (or a power cut) left in `dir`: remove
 * those whose process is gone, report those of a live process or of another host.
 */
export function sweepStaleTemps(dir: string): StaleTemps {
  const result: StaleTemps = { removed: [], kept: [] };
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return result;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    const pid = Number(m[4]);
    const ours = m[3] === HOST && pid === process.pid;
    if (ours) continue;
    // A backup (`old`) of a dead run may be the last copy of a file its interrupted group
    // commit replaced: report it, never remove it.
    if (m[2] === 'old' || m[3] !== HOST || processAlive(pid)) {
      result.kept.push(file);
      continue;
    }
    try {
      if (!fs.lstatSync(file).isFile()) continue;
      fs.rmSync(file, { force: true });
      result.removed.push(file);
    } catch {
      result.kept.push(file);
    }
  }
  return result;
}
