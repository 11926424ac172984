import { LayoutError } from '../errors.js';
import type { TensorRef } from '../format/types.js';

const CHUNK = 4 << 20;

/** Throw naming the first tensor whose bytes differ from refs[0]'s (chunked: bounded memory). */
export function assertIdentical(refs: readonly TensorRef[], label: (i: number) => string): void {
  const first = refs[0];
  const a = new Uint8Array(Math.min(CHUNK, first.byteLength));
  const b = new Uint8Array(a.byteLength);
  for (let i = 1; i < refs.length; i++) {
    for (let off = 0; off < first.byteLength; off += CHUNK) {
      const n = Math.min(CHUNK, first.byteLength - off);
      first.readInto(a, 0, off, n);
      refs[i].readInto(b, 0, off, n);
      for (let k = 0; k < n; k++) {
        if (a[k] !== b[k]) {
          throw new LayoutError(`${label(i)}: differs from ${label(0)} (first at byte ${off + k}); --to shared needs bit-identical layers`, 'LAYERS_DIFFER');
        }
      }
    }
  }
}
