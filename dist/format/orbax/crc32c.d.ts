export declare function loadCrc32c(): Promise<void>;
/** CRC-32C of the concatenation of `parts`, as an unsigned 32-bit integer. */
export declare function crc32c(...parts: Uint8Array[]): number;
