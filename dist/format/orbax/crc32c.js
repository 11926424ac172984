/**
 * CRC-32C (Castagnoli), the checksum of OCDBT nodes and manifests and of zarr v3's `crc32c`
 * codec, computed by hash-wasm's WebAssembly CRC-32 with the Castagnoli polynomial. The
 * hasher is created once (asynchronously); `crc32c` is synchronous after `loadCrc32c`.
 */
import { createCRC32 } from 'hash-wasm';
const CASTAGNOLI = 0x82f63b78;
let hasher;
export async function loadCrc32c() {
    hasher ??= await createCRC32(CASTAGNOLI);
}
/** CRC-32C of the concatenation of `parts`, as an unsigned 32-bit integer. */
export function crc32c(...parts) {
    if (!hasher)
        throw new Error('crc32c: loadCrc32c() has not been awaited');
    hasher.init();
    for (const p of parts)
        hasher.update(p);
    const digest = hasher.digest('binary');
    return ((digest[0] << 24) | (digest[1] << 16) | (digest[2] << 8) | digest[3]) >>> 0;
}
