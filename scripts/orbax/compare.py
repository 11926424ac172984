#!/usr/bin/env python3
"""Compare the tensors named PREFIX* in A.safetensors and B.safetensors: dtype, shape and bytes.

  python3 compare.py A.safetensors B.safetensors PREFIX

Exit 1 if a tensor is missing on either side or differs in any byte. Standard library only.
"""
import json, struct, sys

def load(path, prefix):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    header.pop("__metadata__", None)
    return {k: (v["dtype"], v["shape"], data[v["data_offsets"][0]:v["data_offsets"][1]]) for k, v in header.items() if k.startswith(prefix)}

a, b, prefix = sys.argv[1:4]
ta, tb = load(a, prefix), load(b, prefix)
bad = sorted(set(ta) ^ set(tb)) + sorted(k for k in set(ta) & set(tb) if ta[k] != tb[k])
for k in bad:
    print("DIFFERS" if k in ta and k in tb else "MISSING", k)
print(f"{len(ta)} vs {len(tb)} tensors under '{prefix}': {len(bad)} differ")
sys.exit(1 if bad or not ta else 0)
