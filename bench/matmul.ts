/**
 * npm run bench:matmul [-- --in 2048 --out 5632 --tokens 1,32,384]
 * Why model/layers.ts multiplies PyTorch's (out,in) weights as they are: times one product
 * with a weight used once (as in a forward call) three ways on tfjs-wasm, and checks that the
 * results are bit-identical. A benchmark, not a test.
 */
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { linear, linearOutIn } from '../src/model/layers.js';
import { tf } from '../src/model/tf.js';
import { initBackend } from '../src/verify/backendInit.js';
import { benchArgs } from './synthetic.js';

const { opt } = benchArgs(
  import.meta.url,
  `
Usage: npm run bench:matmul [-- --in 2048 --out 5632 --tokens 1,32,384]

One product x (tokens, in) by a Linear weight of (in, out) read fresh each time (a forward call
uses each weight once), on tfjs-wasm in this thread, three ways:
  kernel       an (in,out) kernel, x @ kernel (Flax's layout)
  transposed   an (out,in) weight transposed, then x @ weightᵀ (scanconv before bench/matmul)
  outIn        an (out,in) weight as it is: (weight @ xᵀ)ᵀ (layers.ts linearOutIn)
and prints ms and GFLOP/s of each, and max |transposed - outIn| (0 when bit-identical).

  --in N       input width (default: 2048, TinyLlama)
  --out N      output width (default: 5632, TinyLlama's MLP)
  --tokens L   comma-separated token counts (default: 1,32,384)`,
);
const din = Number(opt('in', '2048'));
const dout = Number(opt('out', '5632'));
const tokenCounts = opt('tokens', '1,32,384').split(',').map(Number);

await initBackend('wasm');
const random = (n: number, seed: number) => {
  const a = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) a[i] = ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  return a;
};
const weight = random(din * dout, 1);

async function time(f: () => Tensor, reps: number): Promise<number> {
  const warm = f();
  await warm.data();
  warm.dispose();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) {
    const r = f();
    await r.data();
    r.dispose();
  }
  return (performance.now() - t0) / reps;
}

console.log(`x (tokens, ${din}) by a fresh ${din} x ${dout} weight, tfjs-wasm, one thread`);
for (const tokens of tokenCounts) {
  const x = tf.tensor2d(random(tokens * din, 2), [tokens, din]);
  const reps = tokens > 500 ? 3 : 8;
  const ways: [string, () => Tensor][] = [
    ['kernel', () => tf.tidy(() => linear(x, tf.tensor2d(weight, [din, dout])))],
    ['transposed', () => tf.tidy(() => linear(x, tf.transpose(tf.tensor2d(weight, [dout, din]))))],
    ['outIn', () => tf.tidy(() => linearOutIn(x, tf.tensor2d(weight, [dout, din])))],
  ];
  const cells: string[] = [];
  for (const [name, f] of ways) {
    const ms = await time(f, reps);
    cells.push(`${name} ${ms.toFixed(1)} ms (${((2 * tokens * din * dout) / ms / 1e6).toFixed(1)} GFLOP/s)`);
  }
  const [a, b] = [ways[1][1](), ways[2][1]()];
  const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a as Tensor2D, b as Tensor2D))));
  console.log(`tokens ${tokens}: ${cells.join(', ')}; max |transposed - outIn| ${(await diff.data())[0]}`);
  tf.dispose([a, b, diff, x]);
}
