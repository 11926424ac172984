/**
 * Choosing the tfjs backend. wasm (SIMD, one thread per instance) is the default and always
 * installed; `tensorflow` is @tensorflow/tfjs-node, an optional peer; `cpu` is the pure-JS
 * backend, only when asked for by name (about 20x slower: never a silent fallback).
 */
import * as tf from '@tensorflow/tfjs-core';
import { ScanconvError } from '../errors.js';

export const BACKENDS = ['wasm', 'tensorflow', 'cpu', 'webgpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export class BackendError extends ScanconvError {}

const HOW_TO_GET: Record<BackendName, string> = {
  wasm: 'reinstall scanconv (npm ci): @tensorflow/tfjs-backend-wasm is a dependency',
  tensorflow: 'npm install @tensorflow/tfjs-node@4.22.0 (its install script downloads libtensorflow, so it needs internet)',
  cpu: 'npm install @tensorflow/tfjs-backend-cpu@4.22.0',
  webgpu: 'the webgpu backend is not built in yet; use --backend wasm',
};

async function load(name: BackendName): Promise<void> {
  switch (name) {
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'tensorflow':
      // An optional peer: resolved at run time only, so a missing install is a clear error.
      await import(/* optional peer */ '@tensorflow/tfjs-node' as string);
      return;
    case 'webgpu':
      throw new Error('not available');
  }
}

/** Load and activate a backend in this thread; a backend that cannot start is exit 2. */
export async function initBackend(name: BackendName): Promise<string> {
  try {
    await load(name);
  } catch (e) {
    throw new BackendError(`backend "${name}" is not available (${(e as Error).message.split('\n')[0]}); to get it: ${HOW_TO_GET[name]}`, 'BACKEND_UNAVAILABLE');
  }
  const ok = await tf.setBackend(name).catch(() => false);
  if (!ok) throw new BackendError(`backend "${name}" failed to start; to get it: ${HOW_TO_GET[name]}`, 'BACKEND_UNAVAILABLE');
  await tf.ready();
  return tf.getBackend();
}
