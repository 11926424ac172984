import { test } from 'node:test';
import assert from 'node:assert/strict';
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
