/**
 * JSON as Python's `json.dumps` writes it with its defaults (`", "` and `": "` separators,
 * `ensure_ascii`), which is how orbax-checkpoint writes `_METADATA` and `_CHECKPOINT_METADATA`;
 * and the `repr` of a tuple of strings, orbax's key for each leaf in `_METADATA`.
 */
export type PyJson = string | number | bigint | boolean | null | readonly PyJson[] | { readonly [key: string]: PyJson };

const asciiString = (s: string): string => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function pyJson(value: PyJson): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return asciiString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${(value as readonly PyJson[]).map(pyJson).join(', ')}]`;
  const obj = value as { readonly [key: string]: PyJson };
  return `{${Object.keys(obj)
    .map((k) => `${asciiString(k)}: ${pyJson(obj[k])}`)
    .join(', ')}}`;
}

/** Python's repr of a str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's repr of a tuple of strs: `('a',)`, `('a', 'b')`. */
export function pyTupleRepr(items: readonly string[]): string {
  return items.length === 1 ? `(${pyStrRepr(items[0])},)` : `(${items.map(pyStrRepr).join(', ')})`;
}
