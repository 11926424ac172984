/**
 * Model inputs for verification: from a file (`input` for the block, `prompt` for the llm, as
 * in the Flax fixtures' *_io.safetensors) or seeded random ones; and the llm's head count.
 */
import fs from 'node:fs';
import { ScanconvError } from '../errors.js';
import { toFloat32 } from '../format/floats.js';
import { openCheckpoint } from '../format/open.js';
import { readTextFile } from '../format/files.js';
import { readAll } from '../format/types.js';
import { takesTokens } from '../model/spec.js';
import { configBeside } from '../model/config.js';
import { checkActivationSize } from './limits.js';
/** mulberry32: a small, well-distributed seeded PRNG, so `--seed` reproduces an input exactly. */
export function seededRandom(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
export function randomInput(spec, batch, seq, seed) {
    checkActivationSize(spec, batch, seq, `a random input of batch ${batch} x seq ${seq}`);
    const rand = seededRandom(seed);
    if (takesTokens(spec)) {
        const ids = new Int32Array(batch * seq);
        for (let i = 0; i < ids.length; i++)
            ids[i] = Math.floor(rand() * spec.vocab);
        return { data: ids, shape: [batch, seq] };
    }
    // Standard normal by Box-Muller, like jax.random.normal's distribution (not its bits).
    const data = new Float32Array(batch * seq * spec.D);
    for (let i = 0; i < data.length; i += 2) {
        const r = Math.sqrt(-2 * Math.log(1 - rand()));
        const th = 2 * Math.PI * rand();
        data[i] = r * Math.cos(th);
        if (i + 1 < data.length)
            data[i + 1] = r * Math.sin(th);
    }
    return { data, shape: [batch, seq, spec.D] };
}
/** Positions a model can embed: GPT-2's table has n_positions rows. */
export function checkPositions(spec, length, what) {
    const max = spec.decoder?.maxPositions;
    if (max !== undefined && length > max)
        throw new ScanconvError(`${what} reaches position ${length - 1}, but the ${spec.kind} model has ${max} positions (max_position_embeddings / n_positions)`, 'TOO_LONG');
}
/** Dtypes read as values (widened to f32 exactly) and as token ids (int32, checked). */
export const VALUE_DTYPES = ['F32', 'F16', 'BF16', 'F64'];
export const ID_DTYPES = ['I32', 'I64'];
/**
 * The dtypes `kind` accepts, or a typed error naming the tensor and them: a U8 prompt or an I16
 * golden would otherwise reach a conversion that has no case for it (exit 3), or be reinterpreted.
 */
function checkDtype(file, name, dtype, kind) {
    const accepted = kind === 'values' ? VALUE_DTYPES : kind === 'ids' ? ID_DTYPES : [...VALUE_DTYPES, ...ID_DTYPES];
    if (accepted.includes(dtype))
        return;
    const what = kind === 'values' ? 'values' : kind === 'ids' ? 'token ids' : 'values or token ids';
    throw new ScanconvError(`${file}: "${name}" is ${dtype}; ${what} must be ${accepted.join(', ')}`, 'BAD_DTYPE');
}
/** Bytes of a floating tensor (or a slice of one) as f32, after checking its dtype is one of VALUE_DTYPES. */
export function floatValues(file, name, dtype, bytes) {
    checkDtype(file, name, dtype, 'values');
    return toFloat32(dtype, bytes);
}
/** Read a named tensor of an I/O file as f32 (or i32 for token ids); `kind` says which it must be. */
export function readHostTensor(index, name, kind = 'any') {
    const ref = index.tensors.get(name);
    if (!ref)
        throw new ScanconvError(`${index.path}: has no tensor "${name}"`, 'MISSING_TENSOR');
    checkDtype(index.path, name, ref.dtype, kind);
    const bytes = readAll(ref);
    if (ref.dtype === 'I32')
        return { data: new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), shape: [...ref.shape] };
    if (ref.dtype === 'I64') {
        // Token ids are int32 in the models: a value outside int32 must not wrap (2^32 + 1 -> 1).
        const wide = new BigInt64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        const bad = wide.findIndex((v) => v < -(2n ** 31n) || v >= 2n ** 31n);
        if (bad >= 0)
            throw new ScanconvError(`${index.path}: "${name}" value ${wide[bad]} at position ${bad} does not fit in int32`, 'BAD_INPUT');
        return { data: Int32Array.from(wide, Number), shape: [...ref.shape] };
    }
    return { data: toFloat32(ref.dtype, bytes), shape: [...ref.shape] };
}
/** The model input from an I/O file, checked against the model's sizes. */
export function loadInput(file, spec) {
    const index = openCheckpoint(file);
    try {
        const name = takesTokens(spec) ? 'prompt' : 'input';
        const t = readHostTensor(index, name, takesTokens(spec) ? 'ids' : 'values');
        if (t.shape.length >= 2)
            checkActivationSize(spec, t.shape[0], t.shape[1], `${file}: "${name}" [${t.shape.join(', ')}]`);
        if (takesTokens(spec)) {
            if (t.shape.length !== 2 || !(t.data instanceof Int32Array))
                throw new ScanconvError(`${file}: "prompt" must be (B, P) int32, found [${t.shape.join(', ')}]`, 'BAD_INPUT');
            const bad = t.data.findIndex((id) => id < 0 || id >= spec.vocab);
            if (bad >= 0)
                throw new ScanconvError(`${file}: prompt token ${t.data[bad]} at position ${bad} is outside the vocabulary (0..${spec.vocab - 1})`, 'BAD_INPUT');
        }
        else if (t.shape.length !== 3 || t.shape[2] !== spec.D) {
            throw new ScanconvError(`${file}: "input" must be (B, T, ${spec.D}), found [${t.shape.join(', ')}]`, 'BAD_INPUT');
        }
        return t;
    }
    finally {
        index.close();
    }
}
const MAX_HEADS_CONFIG_BYTES = 1 << 20;
/** The llm's head count: --heads, else the checkpoint's metadata, else a config.json beside it. */
export function resolveHeads(checkpoint, metadata, flag) {
    if (flag)
        return flag;
    for (const k of ['scanconv.heads', 'num_heads', 'heads'])
        if (metadata[k] && Number(metadata[k]) > 0)
            return Number(metadata[k]);
    const config = configBeside(checkpoint);
    if (fs.existsSync(config)) {
        // Read like every input (a FIFO or a device is refused, not waited on); only its content may be ignored.
        const text = readTextFile(config, MAX_HEADS_CONFIG_BYTES, 'a model config');
        try {
            const c = JSON.parse(text);
            const h = c.num_heads ?? c.H ?? c.heads;
            if (typeof h === 'number' && h > 0)
                return h;
        }
        catch {
            /* not a config we understand */
        }
    }
    return undefined;
}
