/**
 * The main thread's side of the scatter writer's decode threads: one job per chunk (where its
 * stored bytes lie, and its runs), handed to whichever thread is free, one per thread in flight. Errors come back as the same classes (verify/workerErrors.ts). Under tsx (tests,
 * benches) the worker is TypeScript and tsx is registered in it first, as for verify's workers.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from './threadWorker.js';
import { reviveError, type SerializedError } from '../../verify/workerErrors.js';
import type { ChunkJob } from './decodePool.js';
import type { RunColumns } from '../positional.js';
import type { FileRange } from './files.js';

export interface DecodeRequest {
  id: number;
  /** Where the stored bytes lie in an open file: the thread reads them itself, into its decoder's buffer. */
  source?: FileRange;
  /** Stored bytes held in memory (an inline value), or null for an absent chunk (then `fill`, the fill value's chunk). */
  raw: Uint8Array | null;
  fill?: Uint8Array;
  codecs: string[];
  size: number;
  where: string;
  bigEndian: boolean;
  swapSize: number;
  fds: number[];
  inChunk: Uint32Array;
  length: Uint32Array;
  file: Int32Array;
  at: Float64Array;
}

export type DecodeReply = { id: number; bytes: number } | { id: number; error: SerializedError };

const pick = <T extends Uint32Array | Int32Array | Float64Array>(col: T, which: Uint32Array, make: new (n: number) => T): T => {
  const out = new make(which.length);
  for (let i = 0; i < which.length; i++) out[i] = col[which[i]];
  return out;
};

export class DecodeWorkers {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private nextId = 0;

  constructor(private readonly threads: number) {}

  private worker(): Worker {
    const w = this.idle.pop();
    if (w) return w;
    const fresh = startWorker('decodeWorker');
    this.all.push(fresh);
    return fresh;
  }

  /** Run every job; resolves when all are written, rejects with the first error (the rest finish first). */
  async run(jobs: readonly ChunkJob[], columns: RunColumns, fds: readonly number[], progress: (bytes: number) => Promise<void>): Promise<void> {
    let failed: unknown;
    const inFlight = new Set<Promise<void>>();
    for (const job of jobs) {
      if (failed) break;
      // A chunk in a file is read by the thread that decodes it, straight into its decoder's input
      // buffer: no chunk-sized buffer here. An inline value's bytes (the reader's own) are copied.
      const stored = job.array.storedChunk(job.position);
      const { spec } = job.array;
      const req: DecodeRequest = {
        id: this.nextId++,
        source: stored?.file,
        // A copy of only its bytes (a view's whole buffer would be cloned), moved to the thread.
        raw: stored && !stored.file ? stored.read().slice() : null,
        fill: stored ? undefined : job.array.filled(),
        codecs: spec.codecs,
        size: job.array.chunkBytes,
        where: stored?.where ?? job.array.name,
        bigEndian: spec.bigEndian,
        swapSize: job.array.swapSize,
        fds: [...fds],
        inChunk: pick(columns.inChunk, job.runs, Uint32Array),
        length: pick(columns.length, job.runs, Uint32Array),
        file: pick(columns.file, job.runs, Int32Array),
        at: pick(columns.at, job.runs, Float64Array),
      };
      const w = this.worker();
      // Never rejects: the first failure (a thread's, or progress's: an abort) is kept and rethrown below.
      const done = this.post(w, req)
        .then(
          async (bytes) => {
            this.idle.push(w);
            await progress(bytes);
          },
          (e: unknown) => {
            this.idle.push(w);
            throw e;
          },
        )
        .catch((e: unknown) => {
          failed ??= e;
        });
      const tracked = done.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      // One chunk per thread: memory stays about threads chunks (each in its thread's decoder).
      while (inFlight.size >= this.threads) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failed) throw failed;
  }

  private post(w: Worker, req: DecodeRequest): Promise<number> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: DecodeReply) => {
        if (reply.id !== req.id) return;
        cleanup();
        if ('error' in reply) reject(reviveError(reply.error) ?? Object.assign(new Error(reply.error.message), { code: reply.error.code }));
        else resolve(reply.bytes);
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`a decode thread ended (exit code ${code})`));
      };
      const cleanup = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      w.on('message', onMessage);
      w.once('error', onError);
      w.once('exit', onExit);
      const transfer = [req.inChunk.buffer, req.length.buffer, req.file.buffer, req.at.buffer, ...(req.raw ? [req.raw.buffer] : [])] as ArrayBuffer[];
      w.postMessage(req, transfer);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.splice(0).map((w) => w.terminate()));
    this.idle.length = 0;
  }
}
