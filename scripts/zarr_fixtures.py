#!/usr/bin/python3
"""Write fixtures/zarr_python/ with Debian's python3-zarr (2.13) and python3-numcodecs (0.11).

A real zarr v2 writer, independent of scanconv, for what no Orbax fixture covers: arrays of several
chunks with partial edge chunks, an absent chunk (zarr skips a chunk equal to the fill value),
zstd, gzip, zlib and no compressor, "/" as dimension separator, float16 and a big-endian float32;
fill_values/ holds arrays whose second chunk is absent and reads as a non-zero fill value.
Laid out as Orbax lays out a PyTree with use_ocdbt=False (one zarr directory per leaf, named by
its keys joined with "."), without _METADATA, so the names come from the stored keys; the tree is
MaxText's scanned one (layers on axis 1). refused/ holds what scanconv refuses: blosc (zarr's
default compressor) and F order. Values are closed forms test/zarrPython.test.ts recomputes.

    apt-get install python3-zarr python3-numcodecs && /usr/bin/python3 scripts/zarr_fixtures.py

(gzip records the time it ran in each frame's header, so gzip chunks differ byte for byte from run
to run; the values do not.)
"""
import os
import shutil

import numcodecs
import numpy as np
import zarr

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'zarr_python')
E, L, M, V = 6, 4, 10, 8


def write(root, name, data, chunks, compressor, sep='.', fill=0, order='C'):
    z = zarr.open_array(os.path.join(root, name), mode='w', shape=data.shape, chunks=chunks, dtype=data.dtype,
                        compressor=compressor, fill_value=fill, dimension_separator=sep, order=order,
                        write_empty_chunks=False)
    z[...] = data


def main():
    for folder in ('maxtext_scanned', 'fill_values', 'dtypes', 'refused'):
        shutil.rmtree(os.path.join(OUT, folder), ignore_errors=True)
    root = os.path.join(OUT, 'maxtext_scanned')
    p = 'params.params.'
    d = p + 'decoder.'
    # [E, L, M], chunks 4 x 4 x 4: 2 x 1 x 3 chunks, the last of each axis partial.
    write(root, d + 'layers.mlp.wi_0.kernel', (np.arange(E * L * M, dtype=np.float32) / 8).reshape(E, L, M),
          (4, 4, 4), numcodecs.Zstd(level=1))
    # [M, L, E] float16, chunk keys "0/0/0".
    write(root, d + 'layers.mlp.wo.kernel', np.arange(M * L * E, dtype=np.float16).reshape(M, L, E), (3, 4, 6),
          numcodecs.GZip(level=1), sep='/')
    # [E, L]: rows 3..5 are the fill value, so chunk 1.0 is not stored.
    scale = np.zeros((E, L), dtype=np.float32)
    scale[:3] = np.arange(3 * L, dtype=np.float32).reshape(3, L) + 1
    write(root, d + 'layers.pre_self_attention_layer_norm.scale', scale, (3, 4), None)
    write(root, d + 'decoder_norm.scale', np.arange(1, E + 1, dtype='>f4'), (4,), numcodecs.Zlib(level=1))
    write(root, p + 'token_embedder.embedding', (np.arange(V * E, dtype=np.float32) - 20).reshape(V, E), (8, 6),
          numcodecs.Zstd(level=3))
    # Absent chunks read as the fill value, stored as zarr-python writes it: a big-endian float, a
    # big-endian negative integer, complex64's [real, imaginary].
    fills = os.path.join(OUT, 'fill_values')
    for name, dtype, fill in [('f4_big_endian', '>f4', 1.5), ('i2_big_endian', '>i2', -3), ('c8', '<c8', complex(2.5, -1))]:
        data = np.full((6,), fill, dtype=dtype)
        data[:3] = np.arange(3) + 7
        write(fills, name, data, (3,), None, fill=fill)
    # Every byte order zarr-python writes, 7 values in chunks of 3 (the last partial), zstd 1.
    k = np.arange(7)
    for name, dtype, data in [('b1', '|b1', k % 3 == 0), ('u4_big_endian', '>u4', 200 + 37 * k),
                              ('i8_big_endian', '>i8', 50 - 37 * k), ('u8', '<u8', 200 + 37 * k),
                              ('f8_big_endian', '>f8', k / 3 - 1), ('c8_big_endian', '>c8', k + 1j * (6 - k))]:
        write(os.path.join(OUT, 'dtypes'), name, np.asarray(data).astype(dtype), (3,), numcodecs.Zstd(level=1))
    refused = os.path.join(OUT, 'refused')
    write(os.path.join(refused, 'blosc'), 'w', np.arange(8, dtype=np.float32), (4,), numcodecs.Blosc())
    write(os.path.join(refused, 'f_order'), 'w', np.arange(12, dtype=np.float32).reshape(3, 4), (3, 4), None,
          order='F')


if __name__ == '__main__':
    main()
