/** Shared test helpers: temp dirs, synthetic checkpoints, tensor comparison, running the CLI. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dtypeSize, numel, type DType } from '../src/format/dtype.js';
import { memoryRef, readAll, type TensorIndex } from '../src/format/types.js';
import { copyOf } from '../src/format/stream.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { openCheckpoint } from '../src/format/open.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const fixture = (...p: string[]) => path.join(FIXTURES, ...p);

/**
 * A fresh directory under the system temp dir, removed when this test file's process exits
 * (node --test runs each file in its own process), whether or not the test cleaned up itself.
 */
export function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scanconv-test-'));
  if (!tmpDirs.size) process.once('exit', removeTmpDirs);
  tmpDirs.add(dir);
  return dir;
}

const tmpDirs = new Set<string>();

function removeTmpDirs(): void {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
  tmpDirs.clear();
}

/** Deterministic pseudo-random bytes (xorshift), so tests need no fixtures for synthetic data. */
export function randomBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export interface TensorSpec {
  dtype: DType;
  shape: number[];
  bytes?: Uint8Array;
}

/** Write a safetensors file from specs (random bytes where none are given). */
export async function writeSynthetic(file: string, specs: Record<string, TensorSpec>, metadata: Record<string, string> = {}): Promise<void> {
  let seed = 1;
  const tensors = Object.entries(specs).map(([name, s]) => {
    const bytes = s.bytes ?? randomBytes(numel(s.shape) * dtypeSize(s.dtype), seed++);
    return copyOf(memoryRef(name, s.dtype, s.shape, bytes));
  });
  await writeSafetensors(file, tensors, metadata);
}

export interface TensorDump {
  dtype: string;
  shape: number[];
  hex: string;
}

/** Every tensor of a checkpoint as comparable plain data (bytes as a hash-free hex digest). */
export function dump(fileOrIndex: string | TensorIndex): Map<string, TensorDump> {
  const index = typeof fileOrIndex === 'string' ? openCheckpoint(fileOrIndex) : fileOrIndex;
  try {
    const out = new Map<string, TensorDump>();
    for (const [name, ref] of index.tensors) {
      out.set(name, { dtype: ref.dtype, shape: [...ref.shape], hex: Buffer.from(readAll(ref)).toString('hex') });
    }
    return out;
  } finally {
    index.close();
  }
}

/** Sorted plain-object form of a dump, so deepStrictEqual ignores file order. */
export function sortedDump(file: string): Record<string, TensorDump> {
  return Object.fromEntries([...dump(file)].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a CLI run in tests: no colour, and none of the CI variables that change
 * what verify prints (GitHub's annotations and job summary, FORCE_COLOR) unless a test sets them.
 */
export function testEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = { ...process.env };
  for (const k of ['GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY', 'GITHUB_WORKSPACE', 'FORCE_COLOR']) delete base[k];
  return { ...base, NO_COLOR: '1', ...env };
}

/** Run the built CLI (bin/scanconv -> dist/) as a user would. */
export function cli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'scanconv'), ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? ROOT,
    env: testEnv(options.env),
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Run the CLI from src/ (tsx), for tests of flags that dist/ (rebuilt by the lead) may not have yet. */
export function srcCli(args: string[]): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli', 'bin.ts'), ...args], { encoding: 'utf8', cwd: ROOT, env: testEnv() });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Files in a directory, for asserting that a failure left nothing behind. */
export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** xmllint's path, or undefined where libxml2-utils is not installed. */
export const XMLLINT = ['/usr/bin/xmllint', '/usr/local/bin/xmllint'].find((p) => fs.existsSync(p));

/**
 * xmllint's verdict on a JUnit file against the JUnit schema (test/schemas/junit-10.xsd, the
 * one Jenkins' xunit plugin uses): '' when valid, else its complaint.
 */
export function junitSchemaErrors(file: string): string {
  const r = spawnSync(XMLLINT!, ['--noout', '--schema', path.join(ROOT, 'test', 'schemas', 'junit-10.xsd'), file], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr || `xmllint exited ${r.status}`;
}
