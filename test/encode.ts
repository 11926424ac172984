/**
 * Test-side encoders that can write what scanconv's own writers never would: msgpack maps with
 * repeated keys, lists, negative shapes; safetensors headers from raw JSON text. For the hostile
 * input tests and the structure-aware fuzzer.
 */
export type Mp =
  | null
  | boolean
  | number
  | string
  | { map: [Mp, Mp][] }
  | { list: Mp[] }
  | { ext: { shape: Mp[]; dtype: string; data: Uint8Array }; type?: number }
  | { bin: Uint8Array };

function uint(n: number, out: number[], tags: [number, number, number]): void {
  if (n <= 0xff && tags[0]) out.push(tags[0], n);
  else if (n <= 0xffff) out.push(tags[1], n >> 8, n & 0xff);
  else out.push(tags[2], (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** msgpack bytes of `v`, exactly as described (duplicates and all). */
export function encodeMsgpack(v: Mp): Buffer {
  const out: number[] = [];
  const parts: Buffer[] = [];
  const flush = () => {
    if (out.length) parts.push(Buffer.from(out.splice(0)));
  };
  const walk = (x: Mp): void => {
    if (x === null) out.push(0xc0);
    else if (x === true) out.push(0xc3);
    else if (x === false) out.push(0xc2);
    else if (typeof x === 'number') {
      if (Number.isInteger(x) && x >= 0 && x <= 0x7f) out.push(x);
      else if (Number.isInteger(x) && x < 0 && x >= -32) out.push(x + 0x100);
      else if (Number.isInteger(x) && x >= 0 && x <= 0xffffffff) uint(x, out, [0xcc, 0xcd, 0xce]);
      else if (Number.isInteger(x) && x >= -(2 ** 31) && x < 0) {
        const b = Buffer.alloc(5);
        b[0] = 0xd2;
        b.writeInt32BE(x, 1);
        out.push(...b);
      } else {
        const b = Buffer.alloc(9);
        b[0] = 0xcb;
        b.writeDoubleBE(x, 1);
        out.push(...b);
      }
    } else if (typeof x === 'string') {
      const b = Buffer.from(x, 'utf8');
      if (b.length <= 31) out.push(0xa0 | b.length);
      else uint(b.length, out, [0xd9, 0xda, 0xdb]);
      out.push(...b);
    } else if ('map' in x) {
      if (x.map.length <= 15) out.push(0x80 | x.map.length);
      else uint(x.map.length, out, [0, 0xde, 0xdf]);
      for (const [k, val] of x.map) {
        walk(k);
        walk(val);
      }
    } else if ('list' in x) {
      if (x.list.length <= 15) out.push(0x90 | x.list.length);
      else uint(x.list.length, out, [0, 0xdc, 0xdd]);
      x.list.forEach(walk);
    } else if ('bin' in x) {
      uint(x.bin.length, out, [0xc4, 0xc5, 0xc6]);
      flush();
      parts.push(Buffer.from(x.bin));
    } else {
      const head = encodeMsgpack({ list: [{ list: x.ext.shape }, x.ext.dtype] });
      // (shape, dtype, bytes): a 3-list whose first two items are `head`'s, then the data as bin32.
      const payloadHead = Buffer.concat([Buffer.from([0x93]), head.subarray(1), Buffer.from([0xc6, 0, 0, 0, 0])]);
      payloadHead.writeUInt32BE(x.ext.data.length, payloadHead.length - 4);
      const len = payloadHead.length + x.ext.data.length;
      out.push(0xc9, (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff, x.type ?? 1);
      out.push(...payloadHead);
      flush();
      parts.push(Buffer.from(x.ext.data));
    }
  };
  walk(v);
  flush();
  return Buffer.concat(parts);
}

/** A safetensors file from raw header text and data bytes (no validation, no padding unless asked). */
export function rawSafetensors(headerText: string, data: Uint8Array = new Uint8Array(0)): Buffer {
  const header = Buffer.from(headerText, 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([len, header, Buffer.from(data)]);
}

/** `depth` nested JSON lists around `inner`: the 100,000-level values of the hostile-input issue. */
export const deepList = (depth: number, inner = '0') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
