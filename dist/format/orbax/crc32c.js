/**
 * CRC-32C (Castagnoli), the checksum of OCDBT nodes and manifests, zarr v3 shard indexes and the
 * `crc32c` codec. Plain JavaScript (slicing by 8, tables built on first use): it runs over nodes,
 * indexes and the rare checksummed chunk, and a WebAssembly hasher instantiated at import cost
 * every process 100+ ms whether it opened an Orbax checkpoint or not.
 */
const CASTAGNOLI = 0x82f63b78;
let tables;
function makeTables() {
    const t = Array.from({ length: 8 }, () => new Uint32Array(256));
    for (let i = 0; i < 256; i++) {
        let c = i;
        for (let k = 0; k < 8; k++)
            c = c & 1 ? (c >>> 1) ^ CASTAGNOLI : c >>> 1;
        t[0][i] = c >>> 0;
    }
    for (let i = 0; i < 256; i++)
        for (let k = 1; k < 8; k++)
            t[k][i] = (t[k - 1][i] >>> 8) ^ t[0][t[k - 1][i] & 0xff];
    return t;
}
function update(crc, data) {
    const [t0, t1, t2, t3, t4, t5, t6, t7] = (tables ??= makeTables());
    let c = crc;
    let i = 0;
    const n = data.length;
    for (; i + 8 <= n; i += 8) {
        const lo = (c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24))) >>> 0;
        c = t7[lo & 0xff] ^ t6[(lo >>> 8) & 0xff] ^ t5[(lo >>> 16) & 0xff] ^ t4[lo >>> 24]
            ^ t3[data[i + 4]] ^ t2[data[i + 5]] ^ t1[data[i + 6]] ^ t0[data[i + 7]];
    }
    for (; i < n; i++)
        c = t0[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    return c;
}
/** CRC-32C of the concatenation of `parts`, as an unsigned 32-bit integer. */
export function crc32c(...parts) {
    let c = 0xffffffff;
    for (const p of parts)
        c = update(c, p);
    return (c ^ 0xffffffff) >>> 0;
}
