/**
 * A compression thread of the Orbax writer (compressPool.ts starts it): takes an inner chunk
 * (moved here, not copied), compresses it with zstd in WebAssembly into the frame buffer sent
 * with it and moves both back (the writer reuses them). Errors come back as data.
 */
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../verify/workerErrors.js';
import type { CompressReply, CompressRequest } from './compressPool.js';
import { loadZstd, zstdCompress } from './zstdCompress.js';

const ready = loadZstd();

parentPort!.on('message', (req: CompressRequest) => {
  void ready
    .then(() => {
      // Into the buffer sent along (sized for the worst case); a fresh one only if it is short.
      const frame = zstdCompress(req.chunk, req.level, (n) => (n <= req.frame.buffer.byteLength ? new Uint8Array(req.frame.buffer, 0, n) : new Uint8Array(n)));
      const reply: CompressReply = { id: req.id, frame, chunk: req.chunk };
      parentPort!.postMessage(reply, [frame.buffer as ArrayBuffer, req.chunk.buffer as ArrayBuffer]);
    })
    .catch((e: unknown) => {
      const reply: CompressReply = { id: req.id, error: serializeError(e), chunk: req.chunk, frame: req.frame };
      parentPort!.postMessage(reply, [req.chunk.buffer as ArrayBuffer, req.frame.buffer as ArrayBuffer]);
    });
});
