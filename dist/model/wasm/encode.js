/**
 * The few pieces of the WebAssembly binary format that attention.ts and weights.ts need to
 * write their kernels: LEB128 integers, sections, and the opcodes they use (core spec 2.0 with
 * SIMD128).
 * Kernels are written as arrays of bytes built from these helpers, one instruction per call.
 */
export function u32(n) {
    const out = [];
    do {
        let byte = n & 0x7f;
        n >>>= 7;
        if (n !== 0)
            byte |= 0x80;
        out.push(byte);
    } while (n !== 0);
    return out;
}
export function i32(n) {
    const out = [];
    for (;;) {
        const byte = n & 0x7f;
        n >>= 7;
        if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0))
            return [...out, byte];
        out.push(byte | 0x80);
    }
}
const vec = (items) => [...u32(items.length), ...items.flat()];
const section = (id, body) => [id, ...u32(body.length), ...body];
const name = (s) => vec([...Buffer.from(s, 'utf8')].map((b) => [b]));
export const I32 = 0x7f;
export const V128 = 0x7b;
/**
 * A module with the given exported functions and one memory: its own, growable, exported as
 * "memory" (`memoryPages` to start with), or, with 'imported', another module's, imported as
 * env.memory (tfjs-wasm's heap, so a kernel reads and writes tensors where they live).
 */
export function encodeModule(functions, memoryPages) {
    const types = section(1, vec(functions.map((f) => [0x60, ...vec(f.params.map((t) => [t])), 0x00])));
    const imported = memoryPages === 'imported';
    // Import kind 0x02 (memory) with limits 0x00 (no maximum), at least 0 pages.
    const imports = imported ? section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...u32(0)]])) : [];
    const funcs = section(3, vec(functions.map((_, i) => u32(i))));
    const memory = imported ? [] : section(5, vec([[0x00, ...u32(memoryPages)]]));
    const exports = section(7, vec([...(imported ? [] : [[...name('memory'), 0x02, 0x00]]), ...functions.map((f, i) => [...name(f.name), 0x00, ...u32(i)])]));
    const code = section(10, vec(functions.map((f) => {
        const body = [...vec(f.locals.map((t) => [1, t])), ...f.body, 0x0b];
        return [...u32(body.length), ...body];
    })));
    return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...imports, ...funcs, ...memory, ...exports, ...code]);
}
/** Instructions, named as in the text format. Memory offsets are in bytes. */
export const op = {
    get: (i) => [0x20, ...u32(i)],
    set: (i) => [0x21, ...u32(i)],
    const: (n) => [0x41, ...i32(n)],
    add: [0x6a],
    mul: [0x6c],
    ltU: [0x49],
    f32Add: [0x92],
    f32Store: [0x38, 0x02, 0x00],
    f32Load: [0x2a, 0x02, 0x00],
    v128Load: [0xfd, ...u32(0x00), 0x02, 0x00],
    v128Store: [0xfd, ...u32(0x0b), 0x02, 0x00],
    v128Zero: [0xfd, ...u32(0x0c), ...new Array(16).fill(0)],
    f32x4Splat: [0xfd, ...u32(0x13)],
    f32x4Lane: (lane) => [0xfd, ...u32(0x1f), lane],
    f32x4Add: [0xfd, ...u32(0xe4)],
    f32x4Mul: [0xfd, ...u32(0xe6)],
    gtU: [0x4b],
    select: [0x1b],
    /** Four u16 widened to four u32 lanes. */
    v128Load16x4U: [0xfd, ...u32(0x04), 0x01, 0x00],
    i32x4Shl: [0xfd, ...u32(0xab)],
    /** Lanes of two vectors picked by 32-bit lane (0-3 the first, 4-7 the second). */
    shuffle32: (lanes) => [0xfd, ...u32(0x0d), ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])],
};
/**
 * `for (local = 0; local < local[limit]; local += step) body`, as block + loop.
 * Runs zero times when the limit is 0.
 */
export function forLoop(local, limit, step, body) {
    return forRange(local, op.const(0), limit, step, body);
}
/** `for (local = start; local < local[limit]; local += step) body`; `start` is instructions that push it. */
export function forRange(local, start, limit, step, body) {
    return [
        ...start,
        ...op.set(local),
        0x02, 0x40, // block
        0x03, 0x40, // loop
        ...op.get(local), ...op.get(limit), ...op.ltU, 0x45, 0x0d, 0x01, // br_if 1 when !(local < limit)
        ...body,
        ...op.get(local), ...op.const(step), ...op.add, ...op.set(local),
        0x0c, 0x00, // br 0
        0x0b, // end loop
        0x0b, // end block
    ];
}
