/**
 * Colour as the conventions say. FORCE_COLOR (force-color.org), present and not empty, turns
 * colour on even off a terminal (CI logs that render ANSI, such as GitHub's), at its level (1, 2,
 * 3) when it names one; `0` and `false` turn it off, as Node and chalk read them. Else NO_COLOR
 * (no-color.org), present and not empty, turns it off. Else colour is on for a terminal that is
 * not TERM=dumb, at the level chalk's supports-color finds for it.
 */
import { Chalk, supportsColor, supportsColorStderr } from 'chalk';
export function colorLevel(stream, env = process.env, detected) {
    const force = env.FORCE_COLOR;
    if (force !== undefined && force !== '') {
        if (force === '0' || force === 'false')
            return 0;
        return force === '2' || force === '3' ? Number(force) : 1;
    }
    if (env.NO_COLOR)
        return 0;
    if (!stream.isTTY || env.TERM === 'dumb')
        return 0;
    return detected && detected > 0 ? detected : 1;
}
export function colorFor(stream) {
    const found = stream === process.stderr ? supportsColorStderr : supportsColor;
    return new Chalk({ level: colorLevel(stream, process.env, found ? found.level : undefined) });
}
export const out = colorFor(process.stdout);
export const err = colorFor(process.stderr);
/**
 * The model's notes (spec.decoder.notes: a setting transformers' attention implementations
 * compute differently, and the one scanconv follows), one `scanconv: note:` line each on
 * standard error, where they never mix with a report on standard output.
 */
export function writeModelNotes(spec) {
    for (const note of spec.decoder?.notes ?? [])
        process.stderr.write(`${err.yellow('scanconv: note:')} ${note}\n`);
}
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
