/**
 * JSON.parse keeps the last of duplicate keys silently; safetensors must reject them. This scans
 * the raw text of an (already valid) JSON object and returns the first top-level key seen twice.
 */
export declare function findDuplicateKey(text: string): string | undefined;
