#!/usr/bin/env python3
"""Golden cases for configs that carry a sliding window transformers v4.45.2's eager attention ignores.

    python3 scripts/hf_window_goldens.py OUT_DIR              # needs torch, transformers, numpy
    python3 scripts/hf_window_goldens.py --check-reference fixtures/arch2   # numpy only

writes OUT_DIR/qwen2_window/ and OUT_DIR/mixtral_window/, each laid out like a case of
fixtures/arch2 (config.json, hf_pt.safetensors with the v4.45.2 tensor names, io.safetensors with
prompt, attention_mask, embed_out, hidden.{i}, final_norm_out, logits, generated, step_logits).
Copied to fixtures/arch2/<case>/, test/arch2.test.ts runs them like every other case.

What the goldens are. The scanconv reference is transformers **v4.45.2, eager attention, float32**.
In v4.45.2 these window settings change nothing in eager (nor sdpa) attention:
  * Qwen2 (`use_sliding_window`, `sliding_window`, `max_window_layers`): Qwen2Model._update_causal_mask
    (models/qwen2/modeling_qwen2.py:1015-1079) builds the plain causal mask with
    _prepare_4d_causal_attention_mask_with_cache_position (:98-116), which reads no window; only
    Qwen2FlashAttention2 reads the window (:451-470, :513-520, layers >= max_window_layers), and
    Qwen2DecoderLayer warns that eager/sdpa do not implement it (:652-656).
  * Mixtral (`sliding_window`): MixtralModel._update_causal_mask (models/mixtral/modeling_mixtral.py:
    1123-1187) is the same plain causal mask (:105-123); only MixtralFlashAttention2 reads the window
    (:483-552).
  * generate() uses a DynamicCache (generation/utils.py:1602-1608): every key kept, nothing sliced
    outside the flash-attention classes.
So v4.45.2 eager on config.json as written here equals v4.45.2 eager with the window removed.

Why a newer transformers can make them, and what it must not make. In 5.17 these keys do mask in
eager: Qwen2Config.__post_init__ marks layers i >= max_window_layers "sliding_attention" when
use_sliding_window (models/qwen2/configuration_qwen2.py:84-91; modeling_qwen2.py:193, 378-382),
Mixtral masks every layer when sliding_window is set (models/mixtral/modeling_mixtral.py:454), and
masking_utils.sliding_window_overlay keeps kv_idx > q_idx - sliding_window (masking_utils.py:93-100).
That differs from v4.45.2 eager, so **the windowed computation of a newer transformers is never
written as a golden** (measured with 5.17.0 and torch 2.13 CPU: 8.5 and 10.0 from these goldens).
What is written: config.json with the window (the file scanconv reads), and goldens from the
installed transformers run on the same config with the window removed (Qwen2: use_sliding_window
false; Mixtral: sliding_window null), which by the lines above is v4.45.2 eager's computation of
the written config. The script checks at run time, and stops if any check fails:
  1. the model it ran has no sliding layer (layer_types / sliding_window / per-layer attributes);
  2. its logits, hidden states and step logits equal an independent float64 numpy forward of
     v4.45.2's formulas (reference_forward below) to 1e-4 relative; the same numpy forward
     reproduces the real v4.45.2 goldens of fixtures/arch2 (--check-reference), so a newer
     transformers that computed anything else (head width, router order, RoPE) is caught;
  3. greedy tokens from generate() equal a no-cache greedy loop and the numpy greedy tokens;
  4. the window matters: the numpy forward with the window applied (the newer semantics, on the
     layers they window) moves the logits by more than 0.05, so a reimplementation that applies
     the window fails these goldens; the installed transformers' own windowed logits are
     recorded too (metadata `checks`), never written as goldens;
  5. every top1-top2 margin is at least 0.01 and no EOS is generated.
Runs in a few seconds on CPU (torch.set_num_threads(1), deterministic algorithms).

Run under transformers v4.45.2 itself (Debian's python3-torch 1.13 and `git archive v4.45.2
src/transformers`, as fixtures/arch2 was made; only the import-time dependency version check
bypassed), the run on config.json as written gives logits identical to the window-free run
(`installed_transformers_with_window_vs_golden` 0.0 in `checks`), and the fixtures/arch2
qwen2_window and mixtral_window folders are that run's output. Under 5.17.0 the script writes the
same config.json and hf_pt.safetensors byte for byte, tokens equal, logits within 1.1e-5 of them,
and its windowed run matches the numpy forward with the window to 2.0e-6.
"""
import argparse
import json
import os
import shutil
import struct
import sys
import tempfile

import numpy as np

NEW_TOKENS = 8

# Sizes: odd vocabularies, GQA, a window shorter than the prompt; seeds are searched upward from
# `seed` until every check of the docstring holds (deterministic).
CASES = {
    'qwen2_window': dict(
        model_type='qwen2', architectures=['Qwen2ForCausalLM'], vocab_size=151, hidden_size=64, intermediate_size=96,
        num_hidden_layers=3, num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128,
        rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=True, hidden_act='silu',
        use_sliding_window=True, sliding_window=3, max_window_layers=1,
        bos_token_id=1, eos_token_id=2, attention_dropout=0.0, torch_dtype='float32', seed=31001, prompt=10,
    ),
    'mixtral_window': dict(
        model_type='mixtral', architectures=['MixtralForCausalLM'], vocab_size=131, hidden_size=48, intermediate_size=40,
        num_hidden_layers=2, num_attention_heads=6, num_key_value_heads=2, max_position_embeddings=128,
        rms_norm_eps=1e-5, rope_theta=1e6, tie_word_embeddings=False, hidden_act='silu',
        num_local_experts=4, num_experts_per_tok=2, sliding_window=4, router_jitter_noise=0.0,
        bos_token_id=1, eos_token_id=2, attention_dropout=0.0, torch_dtype='float32', seed=32001, prompt=10,
    ),
}


# ---- safetensors, written and read with numpy (the layout of fixtures/arch2) ----

DTYPES = {np.dtype('float32'): 'F32', np.dtype('int32'): 'I32'}


def write_safetensors(path, tensors, metadata):
    header, offset, blobs = {'__metadata__': metadata}, 0, []
    for name in sorted(tensors):
        a = np.ascontiguousarray(tensors[name])
        blob = a.astype(a.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': DTYPES[a.dtype], 'shape': list(a.shape), 'data_offsets': [offset, offset + len(blob)]}
        offset += len(blob)
        blobs.append(blob)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def read_safetensors(path):
    with open(path, 'rb') as f:
        data = f.read()
    n = struct.unpack('<Q', data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, h in header.items():
        if name == '__metadata__':
            continue
        a, b = h['data_offsets']
        raw = data[8 + n + a:8 + n + b]
        if h['dtype'] == 'BF16':
            u = np.frombuffer(raw, '<u2').astype(np.uint32) << 16
            out[name] = u.view(np.float32).reshape(h['shape'])
        else:
            out[name] = np.frombuffer(raw, {'F32': '<f4', 'I32': '<i4'}[h['dtype']]).reshape(h['shape'])
    return out, header.get('__metadata__', {})


# ---- float64 numpy forward of transformers v4.45.2 (fixtures/arch2/README.md quotes each line) ----

def reference_forward(w, cfg, ids, windowed=()):
    """Logits (B,T,V) and the stream after each layer, no cache; `windowed`: layers masked i-w < j <= i."""
    D, H, L = cfg['hidden_size'], cfg['num_attention_heads'], cfg['num_hidden_layers']
    KV = cfg.get('num_key_value_heads') or H
    DH = cfg.get('head_dim') or D // H if cfg['model_type'] == 'mistral' else D // H
    eps = cfg['rms_norm_eps']
    g = lambda name: w[name].astype(np.float64)
    lin = lambda x, name: x @ g(name + '.weight').T + (g(name + '.bias') if name + '.bias' in w else 0)

    def rms(x, name):
        return g(name) * (x / np.sqrt((x * x).mean(-1, keepdims=True) + eps))

    B, T = ids.shape
    inv = 1.0 / cfg.get('rope_theta', 10000.0) ** (np.arange(0, DH, 2) / DH)
    ang = np.arange(T)[:, None] * inv[None, :]
    cos, sin = np.cos(np.concatenate([ang, ang], -1)), np.sin(np.concatenate([ang, ang], -1))
    rot = lambda x: x * cos + np.concatenate([-x[..., DH // 2:], x[..., :DH // 2]], -1) * sin
    i, j = np.arange(T)[:, None], np.arange(T)[None, :]
    x = g('model.embed_tokens.weight')[ids]
    hidden = []
    for layer in range(L):
        p = f'model.layers.{layer}.'
        n = rms(x, p + 'input_layernorm.weight')
        q = rot(lin(n, p + 'self_attn.q_proj').reshape(B, T, H, DH).transpose(0, 2, 1, 3))
        k = rot(lin(n, p + 'self_attn.k_proj').reshape(B, T, KV, DH).transpose(0, 2, 1, 3))
        v = lin(n, p + 'self_attn.v_proj').reshape(B, T, KV, DH).transpose(0, 2, 1, 3)
        k, v = np.repeat(k, H // KV, 1), np.repeat(v, H // KV, 1)
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(DH)
        allowed = (j <= i) & ((j > i - cfg['sliding_window']) if layer in windowed else True)
        s = np.where(allowed, s, -np.inf)
        a = np.exp(s - s.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        o = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, H * DH)
        x = x + lin(o, p + 'self_attn.o_proj')
        n = rms(x, p + 'post_attention_layernorm.weight')
        if cfg['model_type'] == 'mixtral':
            E, K = cfg['num_local_experts'], cfg['num_experts_per_tok']
            logits = lin(n, p + 'block_sparse_moe.gate')
            prob = np.exp(logits - logits.max(-1, keepdims=True))
            prob /= prob.sum(-1, keepdims=True)  # softmax over all E, then top k, renormalised
            top = np.argsort(-prob, -1, kind='stable')[..., :K]
            chosen = np.take_along_axis(prob, top, -1)
            chosen /= chosen.sum(-1, keepdims=True)
            mlp = np.zeros_like(x)
            for e in range(E):
                pe = p + f'block_sparse_moe.experts.{e}.'
                weight = (chosen * (top == e)).sum(-1, keepdims=True)
                h = lin(n, pe + 'w1')
                mlp += weight * lin(h / (1 + np.exp(-h)) * lin(n, pe + 'w3'), pe + 'w2')
        else:
            h = lin(n, p + 'mlp.gate_proj')
            mlp = lin(h / (1 + np.exp(-h)) * lin(n, p + 'mlp.up_proj'), p + 'mlp.down_proj')
        x = x + mlp
        hidden.append(x)
    head = g('model.embed_tokens.weight') if 'lm_head.weight' not in w else g('lm_head.weight')
    return rms(x, 'model.norm.weight') @ head.T, hidden


def reference_greedy(w, cfg, prompt, windowed=()):
    seq, steps = prompt.copy(), []
    for _ in range(NEW_TOKENS):
        logits = reference_forward(w, cfg, seq, windowed)[0][:, -1]
        steps.append(logits)
        seq = np.concatenate([seq, logits.argmax(-1)[:, None]], 1)
    return seq[:, prompt.shape[1]:], np.stack(steps, 1)


def rel(a, b):
    return float(np.abs(np.asarray(a, np.float64) - b).max() / max(1.0, float(np.abs(b).max())))


def check_reference(arch2):
    """The numpy forward against transformers v4.45.2's own goldens (qwen2_5, mixtral, mistral_sw)."""
    worst = 0.0
    for case, windowed in [('qwen2_5', ()), ('mixtral', ()), ('mistral_sw', 'all')]:
        cfg = json.load(open(os.path.join(arch2, case, 'config.json')))
        w, _ = read_safetensors(os.path.join(arch2, case, 'hf_pt.safetensors'))
        io, _ = read_safetensors(os.path.join(arch2, case, 'io.safetensors'))
        layers = range(cfg['num_hidden_layers']) if windowed == 'all' else windowed
        logits, hidden = reference_forward(w, cfg, io['prompt'].astype(np.int64), layers)
        tokens, steps = reference_greedy(w, cfg, io['prompt'].astype(np.int64), layers)
        errs = [rel(io['logits'], logits), rel(io['step_logits'], steps)] + [rel(io[f'hidden.{k}'], h) for k, h in enumerate(hidden)]
        same = bool((tokens == io['generated']).all())
        print(f'{case}: numpy float64 forward vs transformers 4.45.2 goldens: max relative error {max(errs):.2e}, tokens equal: {same}')
        assert same and max(errs) < 1e-4, case
        worst = max(worst, max(errs))
    return worst


# ---- the cases ----

def weights_for(cfg, seed):
    """Every tensor under its v4.45.2 name, from numpy.RandomState(seed) in sorted-name order."""
    D, H, F, V, L = cfg['hidden_size'], cfg['num_attention_heads'], cfg['intermediate_size'], cfg['vocab_size'], cfg['num_hidden_layers']
    KV, DH = cfg['num_key_value_heads'], cfg['hidden_size'] // cfg['num_attention_heads']
    shapes = {'model.embed_tokens.weight': (V, D), 'model.norm.weight': (D,)}
    if not cfg['tie_word_embeddings']:
        shapes['lm_head.weight'] = (V, D)
    for i in range(L):
        p = f'model.layers.{i}.'
        shapes.update({p + 'input_layernorm.weight': (D,), p + 'post_attention_layernorm.weight': (D,),
                       p + 'self_attn.q_proj.weight': (H * DH, D), p + 'self_attn.k_proj.weight': (KV * DH, D),
                       p + 'self_attn.v_proj.weight': (KV * DH, D), p + 'self_attn.o_proj.weight': (D, H * DH)})
        if cfg['model_type'] == 'qwen2':
            shapes.update({p + 'self_attn.q_proj.bias': (H * DH,), p + 'self_attn.k_proj.bias': (KV * DH,), p + 'self_attn.v_proj.bias': (KV * DH,),
                           p + 'mlp.gate_proj.weight': (F, D), p + 'mlp.up_proj.weight': (F, D), p + 'mlp.down_proj.weight': (D, F)})
        else:
            shapes[p + 'block_sparse_moe.gate.weight'] = (cfg['num_local_experts'], D)
            for e in range(cfg['num_local_experts']):
                pe = p + f'block_sparse_moe.experts.{e}.'
                shapes.update({pe + 'w1.weight': (F, D), pe + 'w3.weight': (F, D), pe + 'w2.weight': (D, F)})
    rng = np.random.RandomState(seed)
    w = {}
    for name in sorted(shapes):
        shape = shapes[name]
        if name.endswith('norm.weight'):
            a = 1 + 0.3 * rng.randn(*shape)
        elif name.endswith('.bias'):
            a = 0.1 * rng.randn(*shape)
        elif name in ('lm_head.weight', 'model.embed_tokens.weight'):
            a = 0.3 * rng.randn(*shape)
        else:  # gain 2 on q and k (sharp attention, so the window matters), 1 elsewhere
            a = (2.0 if name.endswith(('q_proj.weight', 'k_proj.weight')) else 1.0) * rng.randn(*shape) / np.sqrt(shape[1])
        w[name] = a.astype(np.float32)
    return w


def windowed_layers(cfg):
    """The layers a newer transformers windows for this config (never v4.45.2 eager)."""
    if cfg['model_type'] == 'qwen2':
        return tuple(range(cfg['max_window_layers'], cfg['num_hidden_layers'])) if cfg['use_sliding_window'] else ()
    return tuple(range(cfg['num_hidden_layers'])) if cfg.get('sliding_window') else ()


def without_window(cfg):
    """The same config as v4.45.2 eager computes it: no window (module docstring)."""
    out = dict(cfg)
    if cfg['model_type'] == 'qwen2':
        out['use_sliding_window'] = False
    out['sliding_window'] = None
    return out


def run_case(name, spec, out_dir, torch, transformers):
    cfg = {k: v for k, v in spec.items() if k not in ('seed', 'prompt')}
    P, B = spec['prompt'], 2
    for seed in range(spec['seed'], spec['seed'] + 200):
        w = weights_for(cfg, seed)
        prompt = np.random.RandomState(seed + 1).randint(3, cfg['vocab_size'] - 1, size=(B, P)).astype(np.int64)
        ref_logits, ref_hidden = reference_forward(w, cfg, prompt)
        ref_tokens, ref_steps = reference_greedy(w, cfg, prompt)
        win_logits = reference_forward(w, cfg, prompt, windowed_layers(cfg))[0]
        win_tokens, win_steps = reference_greedy(w, cfg, prompt, windowed_layers(cfg))
        margin = lambda z: float(np.min(np.diff(np.sort(z, -1)[..., -2:], axis=-1)))
        matters = max(np.abs(win_logits - ref_logits).max(), np.abs(win_steps - ref_steps).max())
        ok = (min(margin(ref_logits), margin(ref_steps)) >= 0.01 and matters > 0.05
              and not (ref_tokens == cfg['eos_token_id']).any() and all(len(set(r)) >= 4 for r in ref_tokens.tolist()))
        if ok:
            break
    else:
        raise SystemExit(f'{name}: no seed in 200 meets the checks')

    case_dir = os.path.join(out_dir, name)
    os.makedirs(case_dir, exist_ok=True)
    written = dict(cfg)
    with open(os.path.join(case_dir, 'config.json'), 'w') as f:
        json.dump(written, f, indent=2, sort_keys=True)
        f.write('\n')
    write_safetensors(os.path.join(case_dir, 'hf_pt.safetensors'), w, {'format': 'pt'})

    def load(config):
        tmp = tempfile.mkdtemp()
        try:
            with open(os.path.join(tmp, 'config.json'), 'w') as f:
                json.dump(config, f)
            shutil.copy(os.path.join(case_dir, 'hf_pt.safetensors'), os.path.join(tmp, 'model.safetensors'))
            kw = {'dtype': torch.float32} if int(transformers.__version__.split('.')[0]) >= 5 else {'torch_dtype': torch.float32}
            model, info = transformers.AutoModelForCausalLM.from_pretrained(tmp, attn_implementation='eager', output_loading_info=True, **kw)
        finally:
            shutil.rmtree(tmp)
        bad = {k: v for k, v in info.items() if v and not (k == 'missing_keys' and set(v) <= {'lm_head.weight'} and cfg['tie_word_embeddings'])}
        assert not bad, f'{name}: loading {bad}'
        model.eval()
        assert model.config._attn_implementation == 'eager'
        return model

    model = load(without_window(cfg))
    c = model.config
    assert getattr(c, 'sliding_window', None) is None, f'{name}: sliding_window {c.sliding_window} survived'
    assert all(t == 'full_attention' for t in (getattr(c, 'layer_types', None) or [])), f'{name}: layer_types {c.layer_types}'
    assert all(getattr(l.self_attn, 'sliding_window', None) is None for l in model.model.layers), f'{name}: a layer keeps a window'

    ids = torch.tensor(prompt)
    mask = torch.ones_like(ids)
    caught = {}
    hooks = [model.model.embed_tokens.register_forward_hook(lambda m, i, o: caught.__setitem__('embed_out', o)),
             model.model.norm.register_forward_hook(lambda m, i, o: caught.__setitem__('final_norm_out', o))]
    for k, layer in enumerate(model.model.layers):
        hooks.append(layer.register_forward_hook(lambda m, i, o, k=k: caught.__setitem__(f'hidden.{k}', o[0] if isinstance(o, tuple) else o)))
    with torch.no_grad():
        logits = model(input_ids=ids, attention_mask=mask, use_cache=False).logits.numpy()
    for h in hooks:
        h.remove()
    tensors = {k: v.detach().numpy().astype(np.float32) for k, v in caught.items()}
    with torch.no_grad():
        g = model.generate(input_ids=ids, attention_mask=mask, do_sample=False, num_beams=1, max_new_tokens=NEW_TOKENS,
                           use_cache=True, output_logits=True, return_dict_in_generate=True, pad_token_id=0)
        generated = g.sequences[:, P:].numpy()
        step_logits = torch.stack(list(g.logits), 1).numpy()
        seq, loop = ids, []
        for _ in range(NEW_TOKENS):  # transformers' own forward, no cache
            last = model(input_ids=seq, use_cache=False).logits[:, -1]
            loop.append(last.argmax(-1))
            seq = torch.cat([seq, loop[-1][:, None]], 1)
    checks = {
        'logits_vs_numpy_v4.45.2_formulas': rel(logits, ref_logits),
        'hidden_vs_numpy': max(rel(tensors[f'hidden.{k}'], h) for k, h in enumerate(ref_hidden)),
        'step_logits_vs_numpy': rel(step_logits, ref_steps),
        'window_applied_changes_logits_by': float(matters),
        'window_applied_argmax_changes': int((win_logits.argmax(-1) != ref_logits.argmax(-1)).sum() + (win_tokens != ref_tokens).sum()),
        'min_top1_top2_margin': min(margin(ref_logits), margin(ref_steps)),
    }
    assert max(checks['logits_vs_numpy_v4.45.2_formulas'], checks['hidden_vs_numpy'], checks['step_logits_vs_numpy']) < 1e-4, f'{name}: {checks}'
    assert (generated == ref_tokens).all() and (torch.stack(loop, 1).numpy() == generated).all(), f'{name}: tokens differ'
    # The installed transformers' own windowed computation of the written config, recorded only.
    try:
        windowed = load(cfg)
        with torch.no_grad():
            wl = windowed(input_ids=ids, attention_mask=mask, use_cache=False).logits.numpy()
        checks['installed_transformers_with_window_vs_golden'] = float(np.abs(wl - logits).max())
        checks['installed_transformers_with_window_vs_numpy_window'] = rel(wl, win_logits)
    except Exception as e:  # noqa: BLE001 - informative only
        checks['installed_transformers_with_window'] = f'not run: {e}'[:200]

    tensors.update({'prompt': prompt.astype(np.int32), 'attention_mask': np.ones((B, P), np.int32), 'logits': logits.astype(np.float32),
                    'generated': generated.astype(np.int32), 'step_logits': step_logits.astype(np.float32)})
    version = transformers.__version__
    same = checks.get('installed_transformers_with_window_vs_golden') == 0.0
    producer = (f'transformers {version} (PyTorch modeling code, eager attention, float32, CPU, 1 thread) on config.json with the window removed, '
                "which is transformers 4.45.2 eager's computation of config.json as written (scripts/hf_window_goldens.py says why and checks it)")
    if same:
        producer += f'; transformers {version} run on config.json as written gives identical logits (checks)'
    write_safetensors(os.path.join(case_dir, 'io.safetensors'), tensors, {
        'format': 'pt-golden', 'arch': name, 'model_type': cfg['model_type'],
        'producer': producer,
        'torch': torch.__version__,
        'hidden': 'hidden.{i} = residual stream after decoder layer i (forward hook on layer i, output[0]); hidden.{L-1} is BEFORE the final norm. '
                  'embed_out = embed_tokens output (input to layer 0). final_norm_out = model.norm output',
        'generation': 'generate(do_sample=False, num_beams=1, max_new_tokens=8, use_cache=True, output_logits=True); step_logits[:, k] = raw logits that produced generated[:, k]',
        'seeds': f'weights numpy.RandomState({seed}) in sorted-name order, prompt numpy.RandomState({seed + 1})',
        'checks': json.dumps(checks, sort_keys=True),
        'variant': 'window-eager-4.45.2',
    })
    print(f'{name}: seed {seed}, P {P}, {json.dumps(checks, sort_keys=True)}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('out_dir', nargs='?')
    parser.add_argument('--check-reference', metavar='ARCH2_DIR', help='only check the numpy forward against fixtures/arch2 (numpy only)')
    args = parser.parse_args()
    if args.check_reference:
        check_reference(args.check_reference)
        return
    if not args.out_dir:
        parser.error('OUT_DIR is required')
    import torch
    import transformers
    print(f'transformers {transformers.__version__}, torch {torch.__version__}, numpy {np.__version__}')
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    here = os.path.dirname(os.path.abspath(__file__))
    arch2 = os.path.join(here, '..', 'fixtures', 'arch2')
    if os.path.isdir(arch2):
        check_reference(arch2)
    for name, spec in CASES.items():
        run_case(name, spec, args.out_dir, torch, transformers)


if __name__ == '__main__':
    sys.exit(main())
