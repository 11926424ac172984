/**
 * What an install from git or a tarball gets: the package's contents, no script that makes npm
 * prepare a git clone, and declarations that compile for a strict consumer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from './helpers.js';

interface PackageJson {
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;

test('no script that makes npm run `npm install` inside its clone of a git dependency', () => {
  // pacote's git fetcher (npm 10/11) prepares a clone with a full `npm install` when any of these
  // exists; that nested install raced with the outer one (ENOTEMPTY under tfjs-core/dist) and,
  // with `-g`, has no devDependencies to compile with (npm/cli#8440). dist/ is committed instead.
  const triggers = ['build', 'prepare', 'prepack', 'preinstall', 'install', 'postinstall'];
  assert.deepEqual(triggers.filter((s) => s in pkg.scripts), []);
});

test('npm pack ships the CLI, the compiled library, its declarations, LICENSE and README; no source maps, no fixtures', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [packed] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  const files = packed!.files.map((f) => f.path);
  for (const f of ['LICENSE', 'README.md', 'package.json', 'bin/scanconv', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/bin.js', 'dist/verify/worker.js']) {
    assert.ok(files.includes(f), `${f} is not in the package`);
  }
  assert.deepEqual(files.filter((f) => f.endsWith('.map') || !/^(LICENSE|README\.md|package\.json|bin\/scanconv|dist\/.*\.(js|d\.ts))$/.test(f)), []);
});

test('the published declarations import only their own files, node: modules and dependencies (no optional peer)', () => {
  // A consumer compiling with skipLibCheck: false must resolve every module a .d.ts names; the
  // optional peers (webgpu, tfjs-node) are usually absent. scripts/clients-ci.sh also compiles a
  // consumer against the packed package.
  const allowed = (m: string) => m.startsWith('.') || m.startsWith('node:') || Object.keys(pkg.dependencies).some((d) => m === d || m.startsWith(`${d}/`));
  const named: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else if (e.name.endsWith('.d.ts')) {
        const text = fs.readFileSync(file, 'utf8');
        for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]|reference\s+types=['"]([^'"]+)['"]/g)) {
          const spec = m[1] ?? m[2]!;
          if (!allowed(spec)) named.push(`${path.relative(ROOT, file)}: ${spec}`);
        }
      }
    }
  };
  walk(path.join(ROOT, 'dist'));
  assert.deepEqual(named, []);
});

test('the pre-commit hook runs the package bin that npm links, as a node hook on checkpoint files', () => {
  // pre-commit 3 (npm pack + npm install -g) and 4 (npm install -g git+file://) both put the
  // package's bins on the hook's PATH; the entry must name one of them.
  const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const bins = Object.keys(pkg.bin);
  assert.match(hooks, /^- id: scanconv-check$/m);
  assert.match(hooks, /^ {2}language: node$/m);
  const entry = /^ {2}entry: (\S+) check$/m.exec(hooks);
  assert.ok(entry && bins.includes(entry[1]!), `the hook's entry must be one of the package's bins (${bins.join(', ')})`);
  assert.ok(fs.statSync(path.join(ROOT, pkg.bin[entry[1]!]!)).mode & 0o111, 'the bin is executable');
  assert.match(hooks, /^ {2}files: \(\\\.\(safetensors\|msgpack\)\|\\\.safetensors\\\.index\\\.json\)\$$/m);
});
