#!/usr/bin/env python3
"""The peer figure for bench/verify.ts --torch: the same model's forward in PyTorch (not run in CI).

  /usr/bin/python3 bench/torch_peer.py block --layers 42 --batch 12 --seq 32 --dim 512 --heads 4
  /usr/bin/python3 bench/torch_peer.py llama --layers 22 --dim 2048 --heads 32 --kv-heads 4 \
      --ffn 5632 --vocab 32000 --batch 1 --seq 32

Debian's python3-torch (apt-get install python3-torch; OpenBLAS/oneDNN on the CPU). Weights are
random f32 made in memory (scanconv computes in f32 too, bf16 widened as read), so this times the
forward alone: no file is read. The models are written out in plain torch, op for op what
scanconv runs (block: the notebook's SimpleBlock; llama: Hugging Face's LlamaForCausalLM with
grouped KV heads, RoPE, SiLU MLP, untied head). Prints a human line on stderr, JSON last on stdout.
"""
import argparse
import json
import math
import sys
import time

import torch


def rms_norm(x, scale, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * scale


def block_forward(x, layers, H):
    B, T, D = x.shape
    DH = D // H
    for p in layers:
        h = rms_norm(x, p["n0"], 1e-6)
        q, k, v = (torch.addmm(p[f"{n}b"], h.reshape(-1, D), p[n]).view(B, T, H, DH).transpose(1, 2) for n in ("q", "k", "v"))
        w = torch.softmax((q / math.sqrt(DH)) @ k.transpose(-1, -2), -1)
        o = (w @ v).transpose(1, 2).reshape(-1, D)
        h = h + torch.addmm(p["ob"], o, p["o"]).view(B, T, D)
        h = rms_norm(h, p["n1"], 1e-6)
        x = h + torch.addmm(p["db"], h.reshape(-1, D), p["d"]).view(B, T, D)
    return x


def rotate_half(x):
    a, b = x.chunk(2, -1)
    return torch.cat((-b, a), -1)


def llama_forward(ids, g, layers, H, KV):
    x = g["embed"][ids]
    B, T, D = x.shape
    DH = D // H
    inv = 1.0 / (10000 ** (torch.arange(0, DH, 2, dtype=torch.float32) / DH))
    ang = torch.outer(torch.arange(T, dtype=torch.float32), inv)
    cos, sin = torch.cat((ang, ang), -1).cos(), torch.cat((ang, ang), -1).sin()
    mask = torch.full((T, T), float("-inf")).triu(1)
    lin = torch.nn.functional.linear
    for p in layers:
        h = rms_norm(x, p["n0"], 1e-5)
        q = lin(h, p["q"]).view(B, T, H, DH).transpose(1, 2)
        k = lin(h, p["k"]).view(B, T, KV, DH).transpose(1, 2)
        v = lin(h, p["v"]).view(B, T, KV, DH).transpose(1, 2)
        q, k = q * cos + rotate_half(q) * sin, k * cos + rotate_half(k) * sin
        k, v = k.repeat_interleave(H // KV, 1), v.repeat_interleave(H // KV, 1)
        w = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(DH) + mask, -1)
        x = x + lin((w @ v).transpose(1, 2).reshape(B, T, D), p["o"])
        h = rms_norm(x, p["n1"], 1e-5)
        x = x + lin(torch.nn.functional.silu(lin(h, p["gate"])) * lin(h, p["up"]), p["down"])
    return lin(rms_norm(x, g["norm"], 1e-5), g["head"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model", choices=["block", "llama"])
    ap.add_argument("--layers", type=int, default=42)
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--seq", type=int, default=32)
    ap.add_argument("--dim", type=int, default=512)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--kv-heads", type=int, default=4)
    ap.add_argument("--ffn", type=int, default=5632)
    ap.add_argument("--vocab", type=int, default=32000)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    torch.manual_seed(0)
    D, L, T = a.dim, a.layers, a.seq
    r = lambda *s: torch.randn(*s) * (1.0 / math.sqrt(s[-1]))
    t0 = time.perf_counter()
    if a.model == "block":
        B = a.batch or 12
        layers = [dict(n0=torch.ones(D), n1=torch.ones(D), q=r(D, D), k=r(D, D), v=r(D, D), o=r(D, D), d=r(D, D), qb=torch.zeros(D), kb=torch.zeros(D), vb=torch.zeros(D), ob=torch.zeros(D), db=torch.zeros(D)) for _ in range(L)]
        x = torch.randn(B, T, D)
        forward = lambda: block_forward(x, layers, a.heads)
    else:
        B = a.batch or 1
        DH, KV, F, V = D // a.heads, a.kv_heads, a.ffn, a.vocab
        layers = [dict(n0=torch.ones(D), n1=torch.ones(D), q=r(D, D), k=r(KV * DH, D), v=r(KV * DH, D), o=r(D, D), gate=r(F, D), up=r(F, D), down=r(D, F)) for _ in range(L)]
        g = dict(embed=torch.randn(V, D), norm=torch.ones(D), head=r(V, D))
        ids = torch.randint(0, V, (B, T))
        forward = lambda: llama_forward(ids, g, layers, a.heads, KV)
    made = time.perf_counter() - t0
    times = []
    with torch.no_grad():
        forward()  # warm-up (allocator, oneDNN/OpenBLAS start-up)
        for _ in range(a.runs):
            t = time.perf_counter()
            forward()
            times.append(time.perf_counter() - t)
    times.sort()
    med = times[len(times) // 2]
    line = f"torch {torch.__version__}, {torch.get_num_threads()} threads: {a.model} L={L} B={B} T={T} D={D}, f32 forward median {med:.3f} s of {a.runs} (min {times[0]:.3f}), random weights made in {made:.1f} s"
    print(line, file=sys.stderr)
    print(json.dumps(dict(forward=med, min=times[0], threads=torch.get_num_threads(), version=torch.__version__, line=line)))


if __name__ == "__main__":
    main()
