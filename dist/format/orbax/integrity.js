export function checkArrays(arrays) {
    let chunks = 0;
    for (const array of arrays) {
        const shard = array.spec.shard;
        for (const g of array.grid()) {
            if (!shard) {
                array.chunk(g);
                chunks++;
                continue;
            }
            // Every inner chunk of the shard (absent ones read as the fill value).
            const inner = shard.perShard.map(() => 0);
            for (;;) {
                array.chunk(g.map((v, i) => v * shard.perShard[i] + inner[i]));
                chunks++;
                let d = inner.length - 1;
                while (d >= 0 && ++inner[d] === shard.perShard[d])
                    inner[d--] = 0;
                if (d < 0)
                    break;
            }
        }
    }
    return `${chunks} chunks of ${arrays.length} zarr arrays decoded (every CRC-32C there is checked)`;
}
