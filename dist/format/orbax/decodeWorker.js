/**
 * A decode thread of the scatter writer (decodeJob.ts starts it): takes a chunk's stored bytes
 * and where its runs go, decodes the chunk (into this thread's reusable zstd buffer) and writes
 * the runs with positional writes to the output files' descriptors, which every thread of the
 * process shares. Replies with the bytes written, or the error as data.
 */
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../verify/workerErrors.js';
import { swapInPlace, decodeChunk } from './zarrArray.js';
import { placeRuns, writevFully } from '../positional.js';
function place(req) {
    const chunk = req.raw ? decodeChunk(req.raw, req.codecs, req.size, req.where, true) : new Uint8Array(req.fill);
    if (req.raw && req.bigEndian)
        swapInPlace(chunk, req.itemSize);
    return placeRuns(chunk, req, null, (file, parts, at) => writevFully(req.fds[file], parts, at));
}
parentPort.on('message', (req) => {
    let reply;
    try {
        reply = { id: req.id, bytes: place(req) };
    }
    catch (e) {
        reply = { id: req.id, error: serializeError(e) };
    }
    // The stored bytes' buffer goes back to be read into again.
    const buffer = req.raw?.buffer;
    parentPort.postMessage({ ...reply, buffer }, buffer ? [buffer] : []);
});
