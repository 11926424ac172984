/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
import { Chalk } from 'chalk';
export function colorFor(stream) {
    const on = Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
    return new Chalk({ level: on ? 1 : 0 });
}
export const out = colorFor(process.stdout);
export const err = colorFor(process.stderr);
export function formatBytes(n) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let v = n;
    let u = 0;
    while (v >= 1000 && u < units.length - 1) {
        v /= 1000;
        u++;
    }
    return u === 0 ? `${n} B` : `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[u]}`;
}
