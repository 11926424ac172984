/**
 * `check` of an Orbax checkpoint: decode every stored chunk of every array once (each CRC-32C
 * checked: OCDBT nodes were checked when the checkpoint opened, shard indexes and crc32c codecs
 * here), so a checkpoint that passes reads back whole. An absent chunk is legal zarr (it reads
 * as the fill value) unless the checkpoint says it stored every chunk
 * (`store_array_data_equal_to_fill_value` in `_METADATA`, as Orbax writes): then it is lost data.
 */
import { OrbaxError } from './errors.js';
import { gridPositions } from './zarrArray.js';
import { countNonfiniteBits, NONFINITE_BITS } from '../floats.js';
/** Chunk-grid positions of every chunk of `array` inside the array's extent (inner chunks when sharded). */
function chunkPositions(array) {
    const { shape, chunks } = array.spec;
    return gridPositions(shape.map((d, i) => Math.ceil(d / chunks[i])));
}
/** NaN/Inf elements of arrays already decoded whole (check's integrity pass counts them as it goes). */
const nonfiniteOf = new WeakMap();
/**
 * Decode every chunk of `array` once, into the decoder's reused buffer (nothing is kept), and
 * count the NaN/Inf elements inside the array's extent by their bits (an absent chunk counts as
 * its fill value). Memory is one chunk, whatever the order the chunks lie in.
 */
function decodeEvery(array, onAbsent) {
    const bits = NONFINITE_BITS[array.spec.dtype];
    let chunks = 0;
    let absent = 0;
    let nonfinite = 0;
    for (const c of chunkPositions(array)) {
        chunks++;
        let chunk = array.load(c, true);
        if (!chunk) {
            absent++;
            onAbsent(c);
            chunk = array.transient(c);
        }
        if (!bits)
            continue;
        const { buffer, byteOffset } = chunk;
        array.layout.forEachExtentRun(c, (at, n) => (nonfinite += countNonfiniteBits(bits, new DataView(buffer, byteOffset + at, n), n)));
    }
    nonfiniteOf.set(array, nonfinite);
    return { chunks, absent };
}
/** NaN/Inf elements of `array`, each chunk decoded once (none when check's integrity pass has counted them). */
export function countArrayNonfinite(array) {
    const known = nonfiniteOf.get(array);
    if (known !== undefined)
        return known;
    decodeEvery(array, () => { });
    return nonfiniteOf.get(array);
}
export function checkArrays(arrays, everyChunkStored, where) {
    let chunks = 0;
    let absent = 0;
    for (const array of arrays) {
        const r = decodeEvery(array, (c) => {
            if (everyChunkStored)
                throw new OrbaxError(where, 'MISSING_CHUNK', `${array.name}: chunk [${c.join(', ')}] is missing, and _METADATA says every chunk was stored`);
        });
        chunks += r.chunks;
        absent += r.absent;
    }
    return `${chunks - absent} chunks of ${arrays.length} zarr arrays decoded${absent ? ` (${absent} absent: fill value)` : ''} (every CRC-32C there is checked)`;
}
