/**
 * JSON.parse keeps the last of duplicate keys silently; safetensors must reject them. This scans
 * the raw text of an (already valid) JSON object and returns the first top-level key seen twice.
 */
export function findDuplicateKey(text) {
    const seen = new Set();
    let depth = 0;
    let i = 0;
    let expectKey = false;
    while (i < text.length) {
        const c = text[i];
        if (c === '"') {
            let j = i + 1;
            while (j < text.length && text[j] !== '"')
                j += text[j] === '\\' ? 2 : 1;
            if (depth === 1 && expectKey) {
                const key = JSON.parse(text.slice(i, j + 1));
                if (seen.has(key))
                    return key;
                seen.add(key);
                expectKey = false;
            }
            i = j + 1;
            continue;
        }
        if (c === '{' || c === '[') {
            depth++;
            expectKey = depth === 1 && c === '{';
        }
        else if (c === '}' || c === ']') {
            depth--;
        }
        else if (c === ',' && depth === 1) {
            expectKey = true;
        }
        i++;
    }
    return undefined;
}
