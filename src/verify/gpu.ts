/**
 * Finding a WebGPU adapter from the main thread, without tfjs. Dawn (the `webgpu` package) is
 * native: it writes warnings straight to file descriptor 2 ("maxDynamic... artificially
 * reduced", Mesa's own notes), and a crash inside it aborts the whole process. So Dawn never runs
 * in the CLI's process: the adapter probe, like the forms (run.ts), runs in a child process whose
 * output is captured. The probe runs once per process, before any form starts.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const requireHere = createRequire(import.meta.url);

/**
 * Where an optional peer is installed, or null. Resolved like `require` (so NODE_PATH counts,
 * as it does for the tfjs packages that model/tf.ts requires), without loading it.
 */
export function packageDir(name: string): string | null {
  try {
    return path.dirname(requireHere.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** Dawn reaches GPUs through Vulkan; without the loader there is no adapter to find. */
export function vulkanLoaderPresent(): boolean {
  const dirs = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/usr/local/lib', ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean)];
  return dirs.some((d) => fs.existsSync(path.join(d, 'libvulkan.so.1')));
}

/** What scanconv reads of a GPUAdapterInfo. */
export interface AdapterDescription {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** The options tfjs-backend-webgpu requests its adapter with (so the probe sees the same one). */
export const ADAPTER_OPTIONS = { powerPreference: 'high-performance' } as const;

export function describeAdapter(a: AdapterDescription): string {
  const software = isSoftwareAdapter(a);
  const named = [a.vendor, software ? '' : a.architecture, a.description || a.device].filter((s) => s).join(' ') || 'unknown adapter';
  return software ? `${named}; a software adapter, for testing only` : named;
}

/**
 * A CPU implementation of Vulkan or WebGPU (Mesa's lavapipe/llvmpipe, SwiftShader): correct but
 * 8-20x slower than wasm, so `auto` never picks it. Dawn marks it `isFallbackAdapter` and
 * architecture `software`; the names catch drivers that say neither.
 */
export function isSoftwareAdapter(a: AdapterDescription): boolean {
  if (a.isFallbackAdapter || a.architecture === 'software') return true;
  return /llvmpipe|lavapipe|softpipe|swiftshader|\bsoftware\b/i.test([a.vendor, a.device, a.description].join(' '));
}

export type AdapterProbe = { found: true; adapter: AdapterDescription } | { found: false; reason: string; code: 'BACKEND_UNAVAILABLE' | 'NO_GPU_ADAPTER' | 'GPU_PROBE_FAILED' };

// Runs in the child: one Dawn instance, one adapter request, its info as one JSON line.
const PROBE = `
const { create } = await import(process.argv[1]);
const adapter = await create([]).requestAdapter(${JSON.stringify(ADAPTER_OPTIONS)});
const i = adapter?.info ?? {};
const pick = adapter && { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description, isFallbackAdapter: i.isFallbackAdapter ?? adapter.isFallbackAdapter };
process.stdout.write('scanconv-probe ' + JSON.stringify(pick) + '\\n', () => process.exit(0));
`;

let probed: Promise<AdapterProbe> | undefined;

/** The adapter Dawn offers on this machine (probed once per process), or why there is none. */
export function probeAdapter(): Promise<AdapterProbe> {
  probed ??= probe();
  return probed;
}

async function probe(): Promise<AdapterProbe> {
  const dir = packageDir('webgpu');
  if (!dir || !packageDir('@tensorflow/tfjs-backend-webgpu')) return { found: false, reason: `the ${dir ? '@tensorflow/tfjs-backend-webgpu' : 'webgpu'} package is not installed`, code: 'BACKEND_UNAVAILABLE' };
  if (!vulkanLoaderPresent()) return { found: false, reason: 'no Vulkan loader, libvulkan.so.1, on this machine', code: 'NO_GPU_ADAPTER' };
  const entry = pathToFileURL(path.join(dir, 'index.js')).href;
  const { stdout, stderr, status } = await new Promise<{ stdout: string; stderr: string; status: string }>((resolve) => {
    execFile(process.execPath, ['--input-type=module', '-e', PROBE, entry], { timeout: 120_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; signal?: string }) | null;
      resolve({ stdout, stderr, status: e ? (e.signal ? `signal ${e.signal}` : `exit code ${e.code}`) : 'exit code 0' });
    });
  });
  // The answer counts even if Dawn's teardown then failed: it was written before exit.
  const line = stdout.split('\n').find((l) => l.startsWith('scanconv-probe '));
  if (line) {
    const adapter = JSON.parse(line.slice('scanconv-probe '.length)) as AdapterDescription | null;
    return adapter ? { found: true, adapter } : { found: false, reason: 'Dawn found no Vulkan device', code: 'NO_GPU_ADAPTER' };
  }
  const last = stderr.trim().split('\n').filter((l) => l.trim()).pop() ?? 'no output';
  return { found: false, reason: `the adapter probe failed, ${status}: ${last.trim().slice(0, 200)}`, code: 'GPU_PROBE_FAILED' };
}

