/**
 * `--backend ort` where onnxruntime-node is absent or cannot load (the usual case in `npm test`:
 * the peer is optional). Where it is installed, test/ort/*.test.ts (scripts/ort-ci.sh) runs it.
 * These tests run the CLI from src/ (tsx) with NODE_PATH chosen here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fixture, ROOT, tmpDir } from './helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);

function scanconv(args: string[], nodePath: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'bin.ts'), ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1', NODE_PATH: nodePath } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stderr without scanconv's progress lines (not a terminal: a line every few seconds). */
const messages = (stderr: string) => stderr.split('\n').filter((l) => l !== '' && !/^scanconv: [^:]+: \d+%, /.test(l));

let installedHere = false;
try {
  createRequire(path.join(ROOT, 'package.json')).resolve('onnxruntime-node/package.json');
  installedHere = true;
} catch {
  // the usual case: the optional peer is absent
}

test('--backend ort without the package: exit 2, one line saying how to get it, nothing on stdout', { skip: installedHere && 'onnxruntime-node is installed in node_modules here, so it cannot be absent (scripts/ort-ci.sh tests it)' }, () => {
  const r = scanconv(['verify', BLOCK('pyloop.safetensors'), '--backend', 'ort'], '');
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    'scanconv: error: backend "ort" is not available (the onnxruntime-node package is not installed); to get it: npm install --ignore-scripts onnxruntime-node@1.30.0 (--ignore-scripts: its install script only fetches optional GPU parts; offline, install from a tarball made with npm pack; see docs/ORT.md)\n',
  );
});

test('a package that cannot load (a missing native library): --backend ort exits 2 naming why; auto says so once on stderr and runs on wasm', { skip: installedHere && 'onnxruntime-node is installed in node_modules here, which NODE_PATH cannot shadow' }, () => {
  const dir = tmpDir();
  try {
    const pkg = path.join(dir, 'onnxruntime-node');
    fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'onnxruntime-node', version: '1.30.0', main: 'dist/index.js' }));
    fs.writeFileSync(path.join(pkg, 'dist', 'binding.js'), "throw new Error('libonnxruntime.so.1: cannot open shared object file: No such file or directory\\n    at Module._extensions..node');\n");
    const why = 'libonnxruntime.so.1: cannot open shared object file: No such file or directory';

    const named = scanconv(['verify', BLOCK('pyloop.safetensors'), '--backend', 'ort'], dir);
    assert.equal(named.status, 2);
    assert.match(named.stderr, new RegExp(`^scanconv: error: backend "ort" is not available \\(${why}\\); to get it: npm install --ignore-scripts onnxruntime-node@1\\.30\\.0 [^\\n]*\\n$`));

    const report = path.join(dir, 'report.json');
    const auto = scanconv(['verify', BLOCK('pyloop.safetensors'), '--input', BLOCK('pyloop_io.safetensors'), '--detail', 'none', '--report', report], dir);
    assert.equal(auto.status, 0, auto.stderr);
    assert.deepEqual(messages(auto.stderr), [`scanconv: onnxruntime-node is installed but cannot load (${why}); using the wasm backend`]);
    assert.equal((JSON.parse(fs.readFileSync(report, 'utf8')) as { backend: string }).backend, 'wasm');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
