/**
 * How layer children are named, both ways: which path segment is a layer (and its index), and,
 * for scan -> pyloop, which names to give layer i. Three sources, in order of precedence:
 *  - `--layers REGEX` from the user (any regex with one capture group, in RE2 syntax and matched
 *    in linear time; only the user's own command line ever compiles a regex),
 *  - `scanconv.layer_pattern` from a file's provenance: untrusted, so only the shape scanconv
 *    writes is accepted (`^` literal `(\d+)` literal `$`) and it is matched as plain strings,
 *  - the default rules: the notebook's `layer_N` anywhere, and purely numeric children of a
 *    known layer container (Hugging Face `model.layers.N`, `transformer.h.N`, `h.N`,
 *    `encoder.layer.N`, T5's `block.N`).
 */
import { createRequire } from 'node:module';
import { LayoutError } from '../errors.js';
/**
 * re2js (a 260 kB module, about 30 ms to load) is required when a --layers pattern is compiled,
 * not on import: every command and every form worker imports this file, few compile a pattern.
 */
let re2;
const loadRe2 = () => (re2 ??= createRequire(import.meta.url)('re2js').RE2JS);
/** Parents whose numeric children are layers by default (Hugging Face / Levanter naming). */
export const LAYER_CONTAINERS = new Set(['layers', 'h', 'layer', 'block']);
export const DEFAULT_LAYER_PATTERN = '^layer_(\\d+)$';
const NOTEBOOK = /^layer_(\d+)$/;
const NUMERIC = /^\d+$/;
/** Longest pattern accepted from metadata: scanconv writes a prefix and suffix of a few characters. */
const MAX_PATTERN_LENGTH = 256;
/** The default rules (no --layers, no provenance). */
export const DEFAULT_NAMING = {
    source: 'default',
    description: `${DEFAULT_LAYER_PATTERN}, or numeric children of ${[...LAYER_CONTAINERS].map((c) => `"${c}"`).join('/')}`,
    indexAt(path, at) {
        const seg = path[at];
        const m = NOTEBOOK.exec(seg);
        if (m)
            return m[1];
        return at > 0 && NUMERIC.test(seg) && LAYER_CONTAINERS.has(path[at - 1]) ? seg : undefined;
    },
    namer: (parent) => (parent.length && LAYER_CONTAINERS.has(parent[parent.length - 1]) ? String : (i) => `layer_${i}`),
};
/**
 * Compile a --layers pattern for the linear-time engine (RE2): tensor names come from files, and
 * a backtracking engine takes exponential time on a crafted name (`^(a+)+(\d+)$` against
 * "aaa…a!" hung); RE2 matches in time linear in the name, whatever the pattern.
 */
function compileLayers(source) {
    let re;
    try {
        re = loadRe2().compile(source);
    }
    catch (e) {
        throw new LayoutError(`--layers ${JSON.stringify(source)} is not a valid regular expression in RE2 syntax, which has no lookaround or backreferences (${e.message})`, 'BAD_PATTERN');
    }
    if (re.groupCount() !== 1) {
        throw new LayoutError(`--layers ${JSON.stringify(source)} must have exactly one capture group, for the layer index`, 'BAD_PATTERN');
    }
    return re;
}
/** The index group of `re` in `name` (searched, like RegExp.exec), or undefined. */
function captured(re, name) {
    const m = re.matcher(name);
    return m.find() ? (m.group(1) ?? undefined) : undefined;
}
/** A user's --layers regex. */
export function regexNaming(source) {
    const re = compileLayers(source);
    return {
        source: 'flag',
        description: source,
        pattern: source,
        indexAt: (path, at) => captured(re, path[at]),
        namer: () => layerNamer(source),
    };
}
/** Layer children named `prefix` + index + `suffix`, matched without a regex. */
export function literalNaming(prefix, suffix) {
    const pattern = canonicalPattern(prefix, suffix);
    return {
        source: 'metadata',
        description: pattern,
        pattern,
        indexAt(path, at) {
            const seg = path[at];
            if (seg.length <= prefix.length + suffix.length || !seg.startsWith(prefix) || !seg.endsWith(suffix))
                return undefined;
            const digits = seg.slice(prefix.length, seg.length - suffix.length);
            return NUMERIC.test(digits) ? digits : undefined;
        },
        namer: () => (i) => `${prefix}${i}${suffix}`,
    };
}
const META_CHARS = '\\^$.*+?()[]{}|/-';
const escapeLiteral = (s) => [...s].map((c) => (META_CHARS.includes(c) ? `\\${c}` : c)).join('');
/** The one pattern shape scanconv writes into provenance. */
export function canonicalPattern(prefix, suffix) {
    return `^${escapeLiteral(prefix)}(\\d+)${escapeLiteral(suffix)}$`;
}
/**
 * Parse a pattern of exactly the shape `canonicalPattern` writes; anything else (an arbitrary
 * regex, which could take exponential time on a crafted name) is refused by the caller.
 */
export function parseCanonicalPattern(source) {
    if (source.length > MAX_PATTERN_LENGTH || !source.startsWith('^') || !source.endsWith('$'))
        return undefined;
    const body = source.slice(1, -1);
    const group = body.indexOf('(\\d+)');
    if (group < 0)
        return undefined;
    const unescape = (part) => {
        let out = '';
        for (let i = 0; i < part.length; i++) {
            const c = part[i];
            if (c === '\\') {
                const next = part[++i];
                if (next === undefined || !META_CHARS.includes(next))
                    return undefined;
                out += next;
            }
            else if (META_CHARS.includes(c)) {
                return undefined;
            }
            else
                out += c;
        }
        return out;
    };
    const prefix = unescape(body.slice(0, group));
    const suffix = unescape(body.slice(group + '(\\d+)'.length));
    if (prefix === undefined || suffix === undefined)
        return undefined;
    return { prefix, suffix };
}
/**
 * The literal prefix and suffix around the index group of a regex such as `^layers_(\d+)$`,
 * when everything outside the group is literal; throws otherwise.
 */
export function invertPattern(source) {
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
                const next = part[++i] ?? '';
                // `\w`, `\d`, `\s`, `\b`, `\1`, `\x41`, `\u0041`, `\n`...: a class, an assertion, a
                // backreference or a code, never the letter itself; naming layers "w_0" for `\w_(\d+)` would rename them.
                if (/[0-9A-Za-z]/.test(next) || next === '')
                    fail(`"\\${next}" outside the index group is not a literal character`);
                out += next;
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
    const re = compileLayers(source);
    for (const probe of [0, 1, 10]) {
        const name = `${prefix}${probe}${suffix}`;
        const digits = captured(re, name);
        if (digits === undefined || Number(digits) !== probe)
            fail(`the name "${name}" it implies does not match it`);
    }
    return { prefix, suffix };
}
/** Turn a layer pattern such as `^layers_(\d+)$` back into names (`layers_0`, `layers_1`...). */
export function layerNamer(source) {
    const { prefix, suffix } = invertPattern(source);
    return (i) => `${prefix}${i}${suffix}`;
}
