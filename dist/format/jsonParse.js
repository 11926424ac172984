/** A number written with a fraction, an exponent, or as `-0`: not an integer to serde_json. */
export class JsonFloat {
    value;
    text;
    constructor(value, 
    /** As written in the file, for messages. */
    text) {
        this.value = value;
        this.text = text;
    }
    toString() {
        return this.text;
    }
}
export class JsonParseError extends Error {
    duplicate;
    constructor(message, 
    /** Set when the text is valid JSON but repeats `key` in one object at `depth` (1: the root object). */
    duplicate) {
        super(message);
        this.duplicate = duplicate;
    }
}
const NUMBER = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
/** Characters a number's text is made of (then checked whole against NUMBER). */
const isNumberChar = (ch) => (ch >= 0x30 && ch <= 0x39) || ch === 0x2d || ch === 0x2b || ch === 0x2e || ch === 0x65 || ch === 0x45;
// eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
const STRING_PLAIN = /[^"\\\u0000-\u001f]*/y;
/** In `u` mode a surrogate range matches only unpaired halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const ESCAPES = new Map([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);
/** Short description of what sits at `i`, for messages. */
const near = (text, i) => (i >= text.length ? 'the end of the text' : `${JSON.stringify(text.slice(i, i + 12))} at position ${i}`);
export function parseJson(text, options) {
    let i = 0;
    const fail = (what) => {
        throw new JsonParseError(`${what}, found ${near(text, i)}`);
    };
    const skipWs = () => {
        for (let ch = text.charCodeAt(i); ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09; ch = text.charCodeAt(++i))
            ;
    };
    const parseString = () => {
        // At the opening quote.
        i++;
        let out = '';
        let escapedUnit = false;
        for (;;) {
            STRING_PLAIN.lastIndex = i;
            STRING_PLAIN.exec(text);
            out += text.slice(i, STRING_PLAIN.lastIndex);
            i = STRING_PLAIN.lastIndex;
            const c = text[i];
            if (c === '"') {
                i++;
                // "\ud800" alone is no character: written out as UTF-8 it would become U+FFFD, a renamed
                // tensor (the Rust safetensors crate's serde_json refuses it as well).
                if (escapedUnit && LONE_SURROGATE.test(out))
                    return fail(`lone surrogate \\u${LONE_SURROGATE.exec(out)[0].charCodeAt(0).toString(16)} in a string (not Unicode text)`);
                return out;
            }
            if (c !== '\\')
                return fail(i >= text.length ? 'unterminated string' : 'control character in a string');
            const e = text[i + 1];
            if (e === 'u') {
                const hex = text.slice(i + 2, i + 6);
                if (!/^[0-9a-fA-F]{4}$/.test(hex))
                    return fail('bad \\u escape');
                out += String.fromCharCode(parseInt(hex, 16));
                escapedUnit = true;
                i += 6;
            }
            else if (e !== undefined && ESCAPES.has(e)) {
                out += ESCAPES.get(e);
                i += 2;
            }
            else {
                return fail('bad escape in a string');
            }
        }
    };
    const stack = [];
    const open = (frame) => {
        if (stack.length >= options.maxDepth)
            throw new JsonParseError(`nesting deeper than ${options.maxDepth} levels at position ${i}`);
        stack.push(frame);
    };
    const scalar = () => {
        const ch = text.charCodeAt(i);
        if (ch === 0x22)
            return parseString();
        if (isNumberChar(ch)) {
            let j = i + 1;
            while (isNumberChar(text.charCodeAt(j)))
                j++;
            const lexeme = text.slice(i, j);
            const m = NUMBER.exec(lexeme);
            if (!m)
                return fail('bad number');
            i = j;
            const n = Number(lexeme);
            if (!options.keepFloats)
                return n;
            const float = m[1] !== undefined || m[2] !== undefined || Object.is(n, -0);
            return float ? new JsonFloat(n, lexeme) : n;
        }
        if (text.startsWith('true', i))
            return (i += 4), true;
        if (text.startsWith('false', i))
            return (i += 5), false;
        if (text.startsWith('null', i))
            return (i += 4), null;
        return fail('expected a value');
    };
    const rootKeys = options.onRootEntry ? new Set() : undefined;
    let result;
    // Each turn reads one value (a scalar, or the opening of a container) then closes whatever it completes.
    for (;;) {
        skipWs();
        let value;
        const c = text[i];
        if (c === '[') {
            i++;
            open({ kind: 'array', value: [] });
            skipWs();
            if (text[i] !== ']')
                continue;
            i++;
            value = stack.pop().value;
        }
        else if (c === '{') {
            i++;
            open({ kind: 'object', value: new Map(), key: '' });
            skipWs();
            if (text[i] === '}') {
                i++;
                value = stack.pop().value;
            }
            else {
                readKey();
                continue;
            }
        }
        else {
            value = scalar();
        }
        // Attach `value` to its parent; close every container this completes.
        for (;;) {
            const top = stack[stack.length - 1];
            if (!top) {
                result = value;
                break;
            }
            if (top.kind === 'array')
                top.value.push(value);
            else if (rootKeys && stack.length === 1)
                options.onRootEntry(top.key, value);
            else
                top.value.set(top.key, value);
            skipWs();
            const sep = text[i];
            if (sep === ',') {
                i++;
                if (top.kind === 'object')
                    readKey();
                break;
            }
            if (sep === (top.kind === 'array' ? ']' : '}')) {
                i++;
                value = stack.pop().value;
                continue;
            }
            return fail(top.kind === 'array' ? "expected ',' or ']'" : "expected ',' or '}'");
        }
        if (result !== undefined)
            break;
    }
    skipWs();
    if (i < text.length)
        fail('unexpected text after the JSON value');
    return result;
    function readKey() {
        const top = stack[stack.length - 1];
        skipWs();
        if (text[i] !== '"')
            fail('expected a string key');
        const key = parseString();
        const atRoot = rootKeys !== undefined && stack.length === 1;
        if (atRoot ? rootKeys.has(key) : top.value.has(key)) {
            throw new JsonParseError(`key ${JSON.stringify(key)} appears twice in one object`, { key, depth: stack.length });
        }
        skipWs();
        if (text[i] !== ':')
            fail("expected ':'");
        i++;
        top.key = key;
        if (atRoot)
            rootKeys.add(key);
    }
}
/** JSON.stringify with every character outside printable ASCII escaped (a BOM stays visible). */
export function quote(v) {
    return (JSON.stringify(v) ?? String(v)).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Type guard for a parsed JSON object. */
export const isJsonObject = (v) => v instanceof Map;
/** A short, bounded rendering of a parsed value for error messages (never recursive without limit). */
export function describeJson(v, budget = 60) {
    const out = [];
    let left = budget;
    const walk = (x, depth) => {
        if (left-- <= 0)
            return;
        if (depth > 8) {
            out.push('…');
            left = 0;
            return;
        }
        if (Array.isArray(x)) {
            out.push('[');
            x.forEach((y, k) => {
                if (left <= 0)
                    return;
                if (k)
                    out.push(', ');
                walk(y, depth + 1);
            });
            out.push(']');
        }
        else if (x instanceof Map) {
            out.push('{');
            let k = 0;
            for (const [key, y] of x) {
                if (left <= 0)
                    break;
                if (k++)
                    out.push(', ');
                out.push(`${JSON.stringify(key)}: `);
                walk(y, depth + 1);
            }
            out.push('}');
        }
        else {
            const s = x instanceof JsonFloat ? x.text : x === undefined ? 'nothing' : quote(x);
            out.push(s);
            left -= s.length;
        }
    };
    walk(v, 0);
    const s = out.join('');
    return s.length > budget ? `${s.slice(0, budget)}…` : s;
}
