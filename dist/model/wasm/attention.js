import { encodeModule, forLoop, I32, op, V128 } from './encode.js';
import { outputTensor, wasmHeap } from './heap.js';
// Parameters of both kernels, then their loop counters and pointers.
const [A, B_, OUT, NB, NT, NS, NH, DH] = [0, 1, 2, 3, 4, 5, 6, 7];
const [b, h, t, s, d, p1, p2, HEAD, P3, ACC] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const LOCALS = [I32, I32, I32, I32, I32, I32, I32, I32, I32, V128];
/** local = base + ((i * n + j) * H + h) * headBytes: the start of one head's DH-vector. */
const headPointer = (local, base, i, n, j) => [
    ...op.get(i), ...op.get(n), ...op.mul, ...op.get(j), ...op.add, ...op.get(NH), ...op.mul, ...op.get(h), ...op.add,
    ...op.get(HEAD), ...op.mul, ...op.get(base), ...op.add, ...op.set(local),
];
const headBytes = [...op.get(DH), ...op.const(4), ...op.mul, ...op.set(HEAD)];
/** logits(q, k, out, B, T, S, H, DH): out is written in (b, h, t, s) order, so P3 just walks it. */
const logitsBody = [
    ...headBytes, ...op.get(OUT), ...op.set(P3),
    ...forLoop(b, NB, 1, forLoop(h, NH, 1, forLoop(t, NT, 1, [
        ...headPointer(p1, A, b, NT, t),
        ...forLoop(s, NS, 1, [
            ...headPointer(p2, B_, b, NS, s),
            ...op.v128Zero, ...op.set(ACC),
            ...forLoop(d, HEAD, 16, [
                ...op.get(ACC),
                ...op.get(p1), ...op.get(d), ...op.add, ...op.v128Load,
                ...op.get(p2), ...op.get(d), ...op.add, ...op.v128Load,
                ...op.f32x4Mul, ...op.f32x4Add, ...op.set(ACC),
            ]),
            ...op.get(P3),
            ...op.get(ACC), ...op.f32x4Lane(0), ...op.get(ACC), ...op.f32x4Lane(1), ...op.f32Add,
            ...op.get(ACC), ...op.f32x4Lane(2), ...op.f32Add, ...op.get(ACC), ...op.f32x4Lane(3), ...op.f32Add,
            ...op.f32Store,
            ...op.get(P3), ...op.const(4), ...op.add, ...op.set(P3),
        ]),
    ]))),
];
/** values(w, v, out, B, T, S, H, DH): w is read in (b, h, t, s) order, so P3 just walks it. */
const valuesBody = [
    ...headBytes, ...op.get(A), ...op.set(P3),
    ...forLoop(b, NB, 1, forLoop(h, NH, 1, forLoop(t, NT, 1, [
        ...headPointer(p1, OUT, b, NT, t),
        ...forLoop(d, HEAD, 16, [...op.get(p1), ...op.get(d), ...op.add, ...op.v128Zero, ...op.v128Store]),
        ...forLoop(s, NS, 1, [
            ...op.get(P3), ...op.f32Load, ...op.f32x4Splat, ...op.set(ACC),
            ...op.get(P3), ...op.const(4), ...op.add, ...op.set(P3),
            ...headPointer(p2, B_, b, NS, s),
            ...forLoop(d, HEAD, 16, [
                ...op.get(p1), ...op.get(d), ...op.add,
                ...op.get(p1), ...op.get(d), ...op.add, ...op.v128Load,
                ...op.get(ACC), ...op.get(p2), ...op.get(d), ...op.add, ...op.v128Load, ...op.f32x4Mul,
                ...op.f32x4Add, ...op.v128Store,
            ]),
        ]),
    ]))),
];
const KERNEL_PARAMS = [I32, I32, I32, I32, I32, I32, I32, I32];
const kernelBytes = () => encodeModule([
    { name: 'logits', params: KERNEL_PARAMS, locals: LOCALS, body: logitsBody },
    { name: 'values', params: KERNEL_PARAMS, locals: LOCALS, body: valuesBody },
], 'imported');
/** The same kernels on tfjs-wasm's memory (one instance per heap: a new backend has a new one). */
let onHeap;
function heapInstance(memory) {
    if (onHeap?.memory !== memory) {
        const { exports } = new WebAssembly.Instance(new WebAssembly.Module(kernelBytes()), { env: { memory } });
        onHeap = { memory, kernels: exports };
    }
    return onHeap.kernels;
}
/**
 * The kernels apply to a head width that is a whole number of 4-float vectors, on a tfjs-wasm
 * whose heap they can import (every tfjs-wasm scanconv runs on exposes it; elsewhere layers.ts
 * uses tfjs's batched matmul).
 */
export function simdAttentionApplies(headWidth) {
    return headWidth % 4 === 0 && wasmHeap()?.memory != null;
}
/** Run one kernel on two tensors' values in place on tfjs-wasm's heap; its output, of `shape`, is a new tensor there. */
function run(kernel, a, b, dims, shape) {
    const heap = wasmHeap();
    if (!heap?.memory)
        throw new Error("the SIMD attention kernels run on tfjs-wasm's heap: call them where simdAttentionApplies");
    // Offsets stay valid when the output's allocation grows the heap (views would not).
    const out = heap.backend.makeOutput(shape, 'float32');
    const at = (t) => heap.backend.getMemoryOffset(t.dataId);
    heapInstance(heap.memory)[kernel](at(a), at(b), at(out), ...dims);
    return outputTensor(out);
}
/** q (B,T,H,DH), k (B,S,H,DH) -> logits (B,H,T,S). */
export function simdAttentionLogits(q, k) {
    const [B, T, H, D] = q.shape;
    const S = k.shape[1];
    return run('logits', q, k, [B, T, S, H, D], [B, H, T, S]);
}
/** weights (B,H,T,S), v (B,S,H,DH) -> (B,T,H,DH). */
export function simdAttentionValues(weights, v) {
    const [B, H, T, S] = weights.shape;
    const D = v.shape[3];
    return run('values', weights, v, [B, T, S, H, D], [B, T, H, D]);
}
