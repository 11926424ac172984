/**
 * Turning a layer pattern such as `^layers_(\d+)$` back into names (`layers_0`, `layers_1`...)
 * for scan -> pyloop. Only patterns that are literal apart from the index group can be inverted.
 */
import { LayoutError } from '../errors.js';
export function layerNamer(source) {
    const fail = (why) => {
        throw new LayoutError(`cannot derive layer names from --layers ${JSON.stringify(source)}: ${why}`, 'BAD_PATTERN');
    };
    let s = source;
    if (s.startsWith('^'))
        s = s.slice(1);
    if (s.endsWith('$') && !s.endsWith('\\$'))
        s = s.slice(0, -1);
    const open = s.indexOf('(');
    if (open < 0 || s.startsWith('(?', open))
        fail('it needs one capture group for the index');
    let depth = 0;
    let close = -1;
    for (let i = open; i < s.length; i++) {
        if (s[i] === '\\')
            i++;
        else if (s[i] === '(')
            depth++;
        else if (s[i] === ')' && --depth === 0) {
            close = i;
            break;
        }
    }
    if (close < 0)
        fail('unbalanced parentheses');
    const literal = (part) => {
        let out = '';
        for (let i = 0; i < part.length; i++) {
            const c = part[i];
            if (c === '\\') {
                out += part[++i] ?? '';
            }
            else if ('.*+?[]{}|()^$'.includes(c)) {
                fail(`"${c}" outside the index group is not a literal`);
            }
            else
                out += c;
        }
        return out;
    };
    const prefix = literal(s.slice(0, open));
    const suffix = literal(s.slice(close + 1));
    const re = new RegExp(source);
    const name = (i) => `${prefix}${i}${suffix}`;
    for (const probe of [0, 1, 10]) {
        const m = re.exec(name(probe));
        if (!m || Number(m[1]) !== probe)
            fail(`the name "${name(probe)}" it implies does not match it`);
    }
    return name;
}
