/**
 * `check` of an Orbax checkpoint: decode every stored chunk of every array once (each CRC-32C
 * checked: OCDBT nodes were checked when the checkpoint opened, shard indexes and crc32c codecs
 * here), so a checkpoint that passes reads back whole. An absent chunk is legal zarr (it reads
 * as the fill value) unless the checkpoint says it stored every chunk
 * (`store_array_data_equal_to_fill_value` in `_METADATA`, as Orbax writes): then it is lost data.
 */
import { OrbaxError } from './errors.js';
import { gridPositions, type ZarrArray } from './zarrArray.js';

/** Chunk-grid positions of every chunk of `array` inside the array's extent (inner chunks when sharded). */
function chunkPositions(array: ZarrArray): Generator<number[]> {
  const { shape, chunks } = array.spec;
  return gridPositions(shape.map((d, i) => Math.ceil(d / chunks[i])));
}

export function checkArrays(arrays: readonly ZarrArray[], everyChunkStored: boolean, where: string): string {
  let chunks = 0;
  let absent = 0;
  for (const array of arrays) {
    for (const c of chunkPositions(array)) {
      chunks++;
      if (array.load(c)) continue;
      absent++;
      if (everyChunkStored) throw new OrbaxError(where, 'MISSING_CHUNK', `${array.name}: chunk [${c.join(', ')}] is missing, and _METADATA says every chunk was stored`);
    }
  }
  return `${chunks - absent} chunks of ${arrays.length} zarr arrays decoded${absent ? ` (${absent} absent: fill value)` : ''} (every CRC-32C there is checked)`;
}
