/**
 * Temporary names: `.NAME.scanconv-KIND-HOST-PID-N` beside the final path, so a later run can
 * tell whose a leftover is (staleTemps.ts) and remove the files of dead processes of this host.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
let counter = 0;
/** Host names go into file names: keep them short and plain. */
export const HOST = os.hostname().replace(/[^A-Za-z0-9.]/g, '_').slice(0, 32) || 'host';
export const TEMP_NAME = /^\.(.*)\.scanconv-(tmp|old)-([A-Za-z0-9._]+)-(\d+)-(\d+)$/;
/** Longest file name (in bytes) Linux filesystems take (ext4, xfs, btrfs, tmpfs). */
const NAME_MAX = 255;
/**
 * `.NAME.scanconv-KIND-HOST-PID-N`; when that passes NAME_MAX (an output named with 242 bytes
 * failed with ENAMETOOLONG), NAME is cut and followed by `~` and a hash of the whole name, so
 * the temporary names of two long outputs still differ and TEMP_NAME still finds them.
 */
export function ownName(finalPath, kind) {
    const base = path.basename(finalPath);
    const tail = `.scanconv-${kind}-${HOST}-${process.pid}-${counter++}`;
    let stem = base;
    if (Buffer.byteLength(`.${base}${tail}`) > NAME_MAX) {
        const hash = createHash('sha256').update(base).digest('hex').slice(0, 16);
        const chars = [...base];
        while (chars.length && Buffer.byteLength(`.${chars.join('')}~${hash}${tail}`) > NAME_MAX)
            chars.pop();
        stem = `${chars.join('')}~${hash}`;
    }
    return path.join(path.dirname(path.resolve(finalPath)), `.${stem}${tail}`);
}
