/**
 * CRC-32C (Castagnoli), the checksum of OCDBT nodes and manifests, zarr v3 shard indexes and the
 * `crc32c` codec. Plain JavaScript (slicing by 8, tables built on first use): it runs over nodes,
 * indexes and the rare checksummed chunk, and a WebAssembly hasher instantiated at import cost
 * every process 100+ ms whether it opened an Orbax checkpoint or not.
 */
/** CRC-32C of the concatenation of `parts`, as an unsigned 32-bit integer. */
export declare function crc32c(...parts: Uint8Array[]): number;
