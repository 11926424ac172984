/**
 * The house: what comments cite exists, nothing exported is dead, dist/ is marked generated,
 * and the CI scripts name no host of their own and only npm scripts that exist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tmpDir } from './helpers.js';

/** Files under `dir` (relative to ROOT) whose names end with `ext`. */
function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const p = path.join(rel, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const SOURCES = filesUnder('src', '.ts');
const OTHER_TS = ['test', 'bench', 'scripts'].flatMap((d) => filesUnder(d, '.ts'));
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

test('every .md and .ts file a source comment names exists in the repository', () => {
  const known = new Set([...SOURCES, ...OTHER_TS].map((f) => path.basename(f)));
  const missing: string[] = [];
  for (const file of SOURCES) {
    const text = read(file);
    for (const [, doc] of text.matchAll(/\b([A-Za-z_][\w-]*\.md)\b/g)) {
      if (!fs.existsSync(path.join(ROOT, doc)) && !fs.existsSync(path.join(ROOT, 'docs', doc))) missing.push(`${file}: ${doc}`);
    }
    for (const [, ts] of text.matchAll(/\b([a-z][A-Za-z0-9]*\.ts)\b/g)) if (!known.has(ts)) missing.push(`${file}: ${ts}`);
  }
  assert.deepEqual(missing, []);
});

test('every name src/ exports is used somewhere else (no dead exports)', () => {
  const all = [...SOURCES, ...OTHER_TS].map((f) => [f, read(f)] as const);
  const dead: string[] = [];
  for (const [file, text] of all.filter(([f]) => f.startsWith('src'))) {
    for (const [, name] of text.matchAll(/^export (?:async )?(?:function\*? ?|const |let |class )([A-Za-z_$][\w$]*)/gm)) {
      const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, 'g');
      const uses = all.reduce((n, [f, t]) => n + (t.match(word)?.length ?? 0) - (f === file ? 1 : 0), 0);
      if (uses === 0) dead.push(`${file}: ${name}`);
    }
  }
  assert.deepEqual(dead, []);
});

test('dist/ is marked generated for git and code hosts', () => {
  const r = spawnSync('git', ['check-attr', 'linguist-generated', 'diff', '--', 'dist/index.js', 'src/index.ts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'dist/index.js: linguist-generated: true\ndist/index.js: diff: unset\nsrc/index.ts: linguist-generated: unspecified\nsrc/index.ts: diff: unspecified\n');
});

test('CI scripts name no host of their own and run only npm scripts that exist', () => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
  const files = [...filesUnder('scripts', '.sh'), '.ci/run'];
  for (const file of files) {
    const text = read(file);
    assert.doesNotMatch(text, /\b[a-z]+:\/\/[A-Za-z0-9.-]+/, `${file} names a host`);
    for (const [, name] of text.matchAll(/npm run ([\w:-]+)/g)) assert.ok(Object.hasOwn(scripts, name), `${file}: npm run ${name}: no such script`);
  }
});

test('webgpu-ci.sh takes the Debian archive from the machine\'s apt sources, as apt reads them', { skip: spawnSync('apt-config', ['dump']).status !== 0 && 'no apt-config here' }, () => {
  const dir = tmpDir();
  const parts = path.join(dir, 'parts');
  fs.mkdirSync(parts);
  const conf = path.join(dir, 'apt.conf');
  const uri = (body: { list?: string; sources?: string }) => {
    fs.rmSync(parts, { recursive: true, force: true });
    fs.mkdirSync(parts);
    fs.writeFileSync(path.join(dir, 'sources.list'), body.list ?? '');
    if (body.sources) fs.writeFileSync(path.join(parts, 'corp.sources'), body.sources);
    fs.writeFileSync(conf, `Dir::Etc::SourceList "${dir}/sources.list";\nDir::Etc::SourceParts "${parts}/";\n`);
    const r = spawnSync('bash', ['-c', '. scripts/lib/apt-sources.sh && debian_uri'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, APT_CONFIG: conf } });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  };
  // One-line format, with options, a security suite first and a disabled entry.
  assert.equal(uri({ list: '# deb http://old.invalid/archive bookworm main\ndeb http://apt.invalid/archive-security bookworm-security main\ndeb [signed-by=/k.gpg arch=amd64] http://apt-mirror.invalid/archive bookworm main\n' }), 'http://apt-mirror.invalid/archive');
  // deb822, as Debian 12 writes /etc/apt/sources.list.d/debian.sources.
  const stanza = (uris: string, suites: string, extra = '') => `Types: deb deb-src\nURIs: ${uris}\nSuites: ${suites}\nComponents: main\n${extra}`;
  assert.equal(uri({ sources: `${stanza('http://off.invalid/archive', 'bookworm', 'Enabled: no\n')}\n${stanza('http://sec.invalid/archive-security', 'bookworm-security')}\n# a comment\n${stanza('https://corp-mirror.invalid/archive', 'bookworm bookworm-updates')}` }), 'https://corp-mirror.invalid/archive');
  assert.equal(uri({}), '');
});
