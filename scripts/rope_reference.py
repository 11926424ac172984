#!/usr/bin/env python3
"""Independent reference for src/model/rope.ts: RoPE inverse frequencies and attention factors,
written from transformers v4.45.2's formulas (modeling_rope_utils.py: _compute_default_/linear_/
dynamic_ntk_/yarn_/longrope_/llama3_parameters; modeling_phi3.py Phi3LongRoPEScaledRotaryEmbedding)
in numpy float32, the way torch computes them on f32 tensors (a Python scalar meeting an f32
tensor is rounded to f32 first). Writes fixtures/rope/cases.json.

    python3 scripts/rope_reference.py            # rewrite fixtures/rope/cases.json

numpy is the only dependency; nothing here imports transformers or torch.
"""
import json
import math
import os

import numpy as np

F = np.float32


def base_powers(base, dim):
    # base ** (torch.arange(0, dim, 2, dtype=torch.int64).float() / dim)
    exps = np.arange(0, dim, 2, dtype=np.int64).astype(F) / F(dim)
    return np.power(F(base), exps).astype(F)


def default(c, seq_len):
    return (F(1.0) / base_powers(c["theta"], c["dim"])).astype(F), 1.0


def linear(c, seq_len):
    inv, att = default(c, seq_len)
    return (inv / F(c["factor"])).astype(F), att


def dynamic(c, seq_len):
    # LlamaRotaryEmbedding._dynamic_frequency_update passes seq_len = max(position_ids) + 1 as a
    # tensor once it passes max_position_embeddings; below it the original frequencies stay.
    max_pos = c["maxPositions"]
    if seq_len <= max_pos:
        return default(c, seq_len)
    dim = c["dim"]
    factor = c["factor"]
    s = np.array(seq_len, dtype=np.int64)
    grown = (F(factor) * s.astype(F)) / F(max_pos) - F(factor - 1)
    grown = np.power(F(grown), F(dim / (dim - 2)))
    base = F(F(c["theta"]) * F(grown))
    return (F(1.0) / np.power(base, np.arange(0, dim, 2).astype(F) / F(dim))).astype(F), 1.0


def yarn(c, seq_len):
    base, dim, max_pos, factor = c["theta"], c["dim"], c["maxPositions"], c["factor"]
    att = c.get("attentionFactor")
    if att is None:
        att = 0.1 * math.log(factor) + 1.0
    beta_fast = c.get("betaFast") or 32
    beta_slow = c.get("betaSlow") or 1

    def correction_dim(rot):
        return (dim * math.log(max_pos / (rot * 2 * math.pi))) / (2 * math.log(base))

    low = max(math.floor(correction_dim(beta_fast)), 0)
    high = min(math.ceil(correction_dim(beta_slow)), dim - 1)
    if low == high:
        high += 0.001
    pos = base_powers(base, dim)
    extra = (F(1.0) / pos).astype(F)
    inter = (F(1.0) / (F(factor) * pos)).astype(F)
    ramp = np.clip((np.arange(dim // 2, dtype=F) - F(low)) / F(high - low), 0, 1).astype(F)
    ef = (F(1) - ramp).astype(F)
    return (inter * (F(1) - ef) + extra * ef).astype(F), att


def longrope(c, seq_len):
    dim, theta, max_pos = c["dim"], c["theta"], c["maxPositions"]
    if c.get("originalMaxPositions") is not None:
        original = c["originalMaxPositions"]
        expanded = max_pos
        factor = expanded / original
    else:
        original = max_pos
        factor = c.get("factor") or 1.0
        expanded = max_pos * factor
    use_long = seq_len > original if c.get("longropeByLength") else expanded > original
    ext = np.array(c["longFactor"] if use_long else c["shortFactor"], dtype=F)
    shape = np.arange(0, dim, 2, dtype=np.int64).astype(F) / F(dim)
    inv = (F(1.0) / (ext * np.power(F(theta), shape))).astype(F)
    att = c.get("attentionFactor")
    if att is None:
        att = 1.0 if factor <= 1.0 else math.sqrt(1 + math.log(factor) / math.log(original))
    return inv, att


def llama3(c, seq_len):
    inv, att = default(c, seq_len)
    factor, low, high, old = c["factor"], c["lowFreqFactor"], c["highFreqFactor"], c["originalMaxPositions"]
    low_w = F(old / low)
    high_w = F(old / high)
    wavelen = (F(2 * math.pi) / inv).astype(F)
    scaled = np.where(wavelen > low_w, (inv / F(factor)).astype(F), inv).astype(F)
    smooth = ((F(old) / wavelen - F(low)) / F(high - low)).astype(F)
    smoothed = ((F(1) - smooth) * scaled / F(factor) + smooth * scaled).astype(F)
    medium = ~(wavelen < high_w) & ~(wavelen > low_w)
    return np.where(medium, smoothed, scaled).astype(F), att


TYPES = {"default": default, "linear": linear, "dynamic": dynamic, "yarn": yarn, "longrope": longrope, "llama3": llama3}


def cases():
    out = []

    def add(name, spec, seq_lens):
        for s in seq_lens:
            inv, att = TYPES[spec["type"]](spec, s)
            out.append({"name": name, "spec": spec, "seqLen": s, "invFreq": [float(x) for x in inv], "attentionScaling": float(att)})

    add("default theta 1e4 dim 8", {"type": "default", "theta": 10000.0, "dim": 8, "maxPositions": 128}, [9])
    add("default theta 1e6 dim 64", {"type": "default", "theta": 1000000.0, "dim": 64, "maxPositions": 32768}, [32])
    add("linear x4", {"type": "linear", "theta": 10000.0, "dim": 32, "maxPositions": 2048, "factor": 4.0}, [16])
    add("dynamic x2", {"type": "dynamic", "theta": 10000.0, "dim": 16, "maxPositions": 16, "factor": 2.0}, [9, 16, 17, 40])
    add("yarn x4", {"type": "yarn", "theta": 10000.0, "dim": 64, "maxPositions": 4096, "factor": 4.0}, [12])
    add("yarn attention_factor, betas", {"type": "yarn", "theta": 500000.0, "dim": 32, "maxPositions": 64, "factor": 8.0,
                                          "attentionFactor": 1.25, "betaFast": 16.0, "betaSlow": 2.0}, [12])
    short = [1.0 + 0.05 * j for j in range(8)]
    long = [1.0 + 0.9 * j for j in range(8)]
    add("longrope phi3 by length", {"type": "longrope", "theta": 10000.0, "dim": 16, "maxPositions": 64,
                                    "originalMaxPositions": 16, "shortFactor": short, "longFactor": long,
                                    "longropeByLength": True}, [9, 16, 17])
    add("longrope rope_utils factor", {"type": "longrope", "theta": 10000.0, "dim": 16, "maxPositions": 64, "factor": 4.0,
                                       "shortFactor": short, "longFactor": long}, [9])
    add("llama3 all regimes", {"type": "llama3", "theta": 500000.0, "dim": 16, "maxPositions": 1024, "factor": 8.0,
                               "lowFreqFactor": 1.0, "highFreqFactor": 4.0, "originalMaxPositions": 64}, [9])
    add("llama3 8192", {"type": "llama3", "theta": 500000.0, "dim": 64, "maxPositions": 131072, "factor": 32.0,
                        "lowFreqFactor": 1.0, "highFreqFactor": 4.0, "originalMaxPositions": 8192}, [32])
    return out


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    dest = os.path.join(here, "..", "fixtures", "rope", "cases.json")
    with open(dest, "w") as fh:
        json.dump({"producer": "scripts/rope_reference.py (numpy %s, float32)" % np.__version__, "cases": cases()}, fh, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(dest))
