/**
 * dist/ (the compiled JavaScript and declarations) is committed, because installs from git must
 * not compile anything: npm's global git installs skip devDependencies before `prepare`
 * (npm/cli#8440), and any `build`/`prepare`/`prepack`/install-time script makes npm's git fetcher
 * (pacote) run a full `npm install` in its clone, which raced with the outer install (ENOTEMPTY
 * under tfjs-core/dist). So the compile is an explicit step whose output is checked in:
 *
 *   node --import tsx scripts/dist.ts build   # (npm run build:dist) rewrite dist/ from src/
 *   node --import tsx scripts/dist.ts check   # (npm test) fail if dist/ differs from a fresh build
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

function compileInto(outDir: string): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`tsc failed (exit ${r.status ?? r.signal})`);
}

/** Relative paths of every file under dir, sorted. */
function filesUnder(dir: string, rel = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]))
    .sort();
}

/** Files that differ between two trees: missing on either side or with other bytes. */
function differences(expected: string, actual: string): string[] {
  const want = filesUnder(expected);
  const have = new Set(filesUnder(actual));
  const diff: string[] = [];
  for (const f of want) {
    if (!have.has(f)) diff.push(`missing: dist/${f}`);
    else if (!fs.readFileSync(path.join(expected, f)).equals(fs.readFileSync(path.join(actual, f)))) diff.push(`stale:   dist/${f}`);
    have.delete(f);
  }
  for (const f of have) diff.push(`extra:   dist/${f}`);
  return diff;
}

function main(mode: string | undefined): number {
  if (mode === 'build') {
    fs.rmSync(DIST, { recursive: true, force: true });
    compileInto(DIST);
    return 0;
  }
  if (mode === 'check') {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-dist-'));
    try {
      compileInto(tmp);
      const diff = differences(tmp, DIST);
      if (diff.length === 0) return 0;
      process.stderr.write(`dist/ does not match src/ (${diff.length} files):\n${diff.slice(0, 20).map((d) => `  ${d}\n`).join('')}`);
      process.stderr.write('Run `npm run build:dist` and commit dist/ (it is committed so that installs from git compile nothing).\n');
      return 1;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  process.stderr.write('usage: node --import tsx scripts/dist.ts build|check\n');
  return 2;
}

process.exitCode = main(process.argv[2]);
