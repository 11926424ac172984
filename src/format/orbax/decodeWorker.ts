/**
 * A decode thread of the scatter writer (decodeJob.ts starts it): takes a chunk's stored bytes
 * and where its runs go, decodes the chunk (into this thread's reusable zstd buffer) and writes
 * the runs with positional writes to the output files' descriptors, which every thread of the
 * process shares. Replies with the bytes written, or the error as data.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../verify/workerErrors.js';
import type { DecodeReply, DecodeRequest } from './decodeJob.js';
import { swapInPlace, decodeChunk } from './zarrArray.js';

const IOV_MAX = 1024;

function place(req: DecodeRequest): number {
  const chunk = req.raw ? decodeChunk(req.raw, req.codecs, req.size, req.where, true) : new Uint8Array(req.fill!);
  if (req.raw && req.bigEndian) swapInPlace(chunk, req.itemSize);
  let written = 0;
  let parts: Uint8Array[] = [];
  let file = -1;
  let start = 0;
  let end = 0;
  const flush = () => {
    for (let at = start; parts.length; ) {
      let n = fs.writevSync(req.fds[file], parts, at);
      at += n;
      let i = 0;
      while (i < parts.length && n >= parts[i].byteLength) n -= parts[i++].byteLength;
      parts = parts.slice(i);
      if (n > 0) parts[0] = parts[0].subarray(n);
    }
  };
  for (let i = 0; i < req.inChunk.length; i++) {
    const at = req.at[i];
    if (req.file[i] !== file || at !== end || parts.length >= IOV_MAX) {
      flush();
      file = req.file[i];
      start = at;
      end = at;
    }
    parts.push(chunk.subarray(req.inChunk[i], req.inChunk[i] + req.length[i]));
    end += req.length[i];
    written += req.length[i];
  }
  flush();
  return written;
}

parentPort!.on('message', (req: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    reply = { id: req.id, bytes: place(req) };
  } catch (e) {
    reply = { id: req.id, error: serializeError(e) };
  }
  // The stored bytes' buffer goes back to be read into again.
  const buffer = req.raw?.buffer as ArrayBuffer | undefined;
  parentPort!.postMessage({ ...reply, buffer }, buffer ? [buffer] : []);
});
