const asciiString = (s) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
export function pyJson(value) {
    if (value === null)
        return 'null';
    if (typeof value === 'string')
        return asciiString(value);
    if (typeof value === 'bigint')
        return value.toString();
    if (typeof value === 'number' || typeof value === 'boolean')
        return JSON.stringify(value);
    if (Array.isArray(value))
        return `[${value.map(pyJson).join(', ')}]`;
    const obj = value;
    return `{${Object.keys(obj)
        .map((k) => `${asciiString(k)}: ${pyJson(obj[k])}`)
        .join(', ')}}`;
}
/** Python's repr of a str. */
export function pyStrRepr(s) {
    const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
    let out = quote;
    for (const ch of s) {
        const c = ch.codePointAt(0);
        if (ch === '\\')
            out += '\\\\';
        else if (ch === quote)
            out += `\\${quote}`;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (c < 0x20 || c === 0x7f)
            out += `\\x${c.toString(16).padStart(2, '0')}`;
        else
            out += ch;
    }
    return out + quote;
}
/** Python's repr of a tuple of strs: `('a',)`, `('a', 'b')`. */
export function pyTupleRepr(items) {
    return items.length === 1 ? `(${pyStrRepr(items[0])},)` : `(${items.map(pyStrRepr).join(', ')})`;
}
