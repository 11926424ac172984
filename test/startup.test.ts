import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './helpers.js';

test('the CLI and the library load without tfjs: only the worker threads that run a form pay for it', () => {
  // tfjs-core is a 1.2 MB CommonJS bundle (about 50-100 ms to compile); the main thread of
  // verify only coordinates, so loading it there would only delay the workers' start.
  const script = `
    import { createRequire } from 'node:module';
    await import(${JSON.stringify(path.join(ROOT, 'dist', 'cli', 'main.js'))});
    await import(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))});
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((m) => m.includes('@tensorflow'));
    process.stdout.write(JSON.stringify(loaded));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), []);
});

test('the model code reads tensors only through readTensor (async): GPU backends cannot read synchronously in Node', () => {
  // tfjs-backend-webgpu's dataSync needs OffscreenCanvas, which Node lacks: one synchronous read
  // anywhere a form runs breaks --backend webgpu. The wasm attention kernels run on wasm only, and
  // so does onnxruntime's linear op (--backend ort keeps everything but its products on wasm).
  const wasmOnly = [path.join('model', 'wasm'), path.join('model', 'ort')];
  const sources = fs.readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !wasmOnly.some((dir) => f.startsWith(dir)));
  const sync = sources.filter((f) => /\.(dataSync|arraySync|bufferSync)\(/.test(fs.readFileSync(path.join(ROOT, 'src', f), 'utf8')));
  assert.deepEqual(sync, []);
  assert.ok(sources.includes(path.join('verify', 'forms.ts')));
});
