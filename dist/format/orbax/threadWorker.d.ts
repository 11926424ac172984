/**
 * Start one of this directory's worker threads by module name. In dist/ the worker is plain .js;
 * under tsx (tests, benches) it is .ts, and loader hooks do not reach worker threads on Node 20,
 * so a small bootstrap registers tsx there first (as verify's workers do).
 */
import { Worker } from 'node:worker_threads';
export declare function startWorker(name: 'decodeWorker' | 'compressWorker'): Worker;
