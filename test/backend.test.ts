import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSoftwareAdapter, packageDir, vulkanLoaderPresent } from '../src/verify/gpu.js';
import { cli, fixture } from './helpers.js';

/** No Vulkan driver at all, whatever this machine has installed (a GPU, lavapipe, nothing). */
export const NO_DRIVER = { VK_DRIVER_FILES: '/nonexistent/icd.json', VK_ICD_FILENAMES: '/nonexistent/icd.json' };

/** What `--backend webgpu` must say without an adapter, given what this machine has installed. */
export function noAdapterLine(): string {
  const missing = !packageDir('webgpu') ? 'webgpu' : !packageDir('@tensorflow/tfjs-backend-webgpu') ? '@tensorflow/tfjs-backend-webgpu' : null;
  if (missing) return `scanconv: error: backend "webgpu" is not available (the ${missing} package is not installed); to get it: npm install webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0, on a machine with a GPU, its driver and the Vulkan loader (libvulkan1); see the GPU section of the README\n`;
  const why = vulkanLoaderPresent() ? 'Dawn found no Vulkan device' : 'no Vulkan loader, libvulkan.so.1, on this machine';
  return `scanconv: error: backend "webgpu": no GPU adapter found (${why}); use --backend wasm, or auto\n`;
}

test('--backend webgpu without an adapter: exit 2 and one line saying why, before any form starts', () => {
  for (const args of [['generate', fixture('llm_tiny', 'pyloop.safetensors'), '--prompt', '1'], ['verify', fixture('block_tiny', 'pyloop.safetensors')]]) {
    const r = cli([...args, '--backend', 'webgpu'], { env: NO_DRIVER });
    assert.equal(r.stderr, noAdapterLine());
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
  }
});

test('auto never takes a software adapter: the fallback flag, the architecture, or a CPU driver\'s name', () => {
  const nvidia = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200' };
  assert.equal(isSoftwareAdapter(nvidia), false);
  assert.equal(isSoftwareAdapter({ vendor: 'amd', architecture: 'rdna-3', description: 'AMD Radeon 780M Graphics (RADV PHOENIX)' }), false);
  assert.equal(isSoftwareAdapter({ ...nvidia, isFallbackAdapter: true }), true);
  assert.equal(isSoftwareAdapter({ ...nvidia, architecture: 'software' }), true);
  // Mesa's lavapipe as Dawn describes it, and the same without the two flags.
  assert.equal(isSoftwareAdapter({ vendor: 'mesa', architecture: 'software', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1', isFallbackAdapter: true }), true);
  assert.equal(isSoftwareAdapter({ vendor: 'mesa', description: 'llvmpipe (LLVM 19.1.7, 256 bits)' }), true);
  assert.equal(isSoftwareAdapter({ vendor: 'google', device: 'SwiftShader Device (Subzero)' }), true);
  assert.equal(isSoftwareAdapter({ vendor: 'mesa', description: 'Lavapipe' }), true);
});
