#!/usr/bin/env python3
"""Copy the tensors of REF.safetensors whose names start with PREFIX into OUT.safetensors, byte for byte.

  python3 subset.py REF.safetensors PREFIX OUT.safetensors

scanconv's Orbax writer writes the parameters only (no `step`, no optimizer state), so Orbax's
restore of what it wrote is compared with the parameter leaves of real_orbax.py's expected file.
Standard library only.
"""
import json, struct, sys

ref, prefix, out = sys.argv[1:4]
with open(ref, "rb") as f:
    n = struct.unpack("<Q", f.read(8))[0]
    header = json.loads(f.read(n))
    data = f.read()
header.pop("__metadata__", None)
kept, blobs, offset = {}, [], 0
for name in sorted(k for k in header if k.startswith(prefix)):
    entry = header[name]
    start, end = entry["data_offsets"]
    kept[name] = {"dtype": entry["dtype"], "shape": entry["shape"], "data_offsets": [offset, offset + end - start]}
    blobs.append(data[start:end])
    offset += end - start
text = json.dumps(kept, separators=(",", ":")).encode()
text += b" " * ((8 - len(text) % 8) % 8)
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
print(f"{out}: {len(kept)} of {len(header)} tensors")
