/**
 * Start one of this directory's worker threads by module name. In dist/ the worker is plain .js;
 * under tsx (tests, benches) it is .ts, and loader hooks do not reach worker threads on Node 20,
 * so a small bootstrap registers tsx there first (as verify's workers do).
 */
import { Worker } from 'node:worker_threads';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

export function startWorker(name: 'decodeWorker' | 'compressWorker'): Worker {
  const url = new URL(`./${name}${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);
  if (!FROM_SOURCE) return new Worker(url);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`, { eval: true });
}
