/**
 * A decode thread of the scatter writer (decodeJob.ts starts it): takes where a chunk is stored
 * (a range of an open file, which it reads itself, or the bytes) and where its runs go, decodes the chunk (into this thread's reusable zstd buffer) and writes
 * the runs with positional writes to the output files' descriptors, which every thread of the
 * process shares. Replies with the bytes written, or the error as data.
 */
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../verify/workerErrors.js';
import type { DecodeReply, DecodeRequest } from './decodeJob.js';
import { swapInPlace, decodeChunk } from './zarrArray.js';
import { placeRuns, writevFully } from '../positional.js';
import { stagingBuffer } from './bytes.js';
import { readFully } from './files.js';

function place(req: DecodeRequest): number {
  // Read into the decoder's own input buffer when zstd in WebAssembly decodes it: no copy.
  const raw = req.source ? readFully(req.source, stagingBuffer(req.source.length, req.codecs.includes('zstd')), req.where) : req.raw;
  const chunk = raw ? decodeChunk(raw, req.codecs, req.size, req.where, true) : new Uint8Array(req.fill!);
  if (raw && req.bigEndian) swapInPlace(chunk, req.swapSize);
  return placeRuns(chunk, req, null, (file, parts, at) => writevFully(req.fds[file], parts, at));
}

parentPort!.on('message', (req: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    reply = { id: req.id, bytes: place(req) };
  } catch (e) {
    reply = { id: req.id, error: serializeError(e) };
  }
  parentPort!.postMessage(reply);
});
