/**
 * verify's reports on the exit codes the action never reaches or never plans for: a command
 * line commander refuses (exit 2) and an internal error (exit 3).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildProgram } from '../src/cli/main.js';
import { readCommandLine } from '../src/cli/usageReports.js';
import { cli, fixture, junitSchemaErrors, ROOT, tmpDir, XMLLINT } from './helpers.js';

const CKPT = fixture('block_tiny', 'pyloop.safetensors');

interface ErroredJson {
  passed: boolean;
  error: { code: string; message: string };
  run: { checkpoint: string; other?: string; threshold?: number };
}

test('a refused verify command line exits 2 with one line and still writes both reports', () => {
  const dir = tmpDir();
  const junit = path.join(dir, 'r.xml');
  const json = path.join(dir, 'r.json');
  const cases: [string[], string][] = [
    [[CKPT, '--threshold', 'abc'], "option '--threshold <t>' argument 'abc' is invalid. expected a non-negative number."],
    [[CKPT, '--bogus'], "unknown option '--bogus'"],
    [[], "missing required argument 'checkpoint'"],
    [[CKPT, '--backend', 'cuda'], "option '--backend <name>' argument 'cuda' is invalid. Allowed choices are auto, wasm, webgpu, tensorflow, ort, cpu."],
    [[CKPT, '--seq', '0'], "option '--seq <n>' argument '0' is invalid. expected a positive integer."],
    [[CKPT, CKPT, CKPT], "too many arguments for 'verify'. Expected 2 arguments but got 3."],
  ];
  for (const [args, message] of cases) {
    fs.rmSync(junit, { force: true });
    fs.rmSync(json, { force: true });
    // The reports come before and after the bad option, in both spellings.
    const r = cli(['verify', '--junit', junit, ...args, `--report=${json}`]);
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `scanconv: error: ${message} (see scanconv verify --help)\n`);
    const j = JSON.parse(fs.readFileSync(json, 'utf8')) as ErroredJson;
    assert.equal(j.passed, false);
    assert.deepEqual(j.error, { code: 'USAGE', message });
    assert.equal(j.run.checkpoint, args[0] ?? '(no checkpoint given)');
    const xml = fs.readFileSync(junit, 'utf8');
    assert.match(xml, /<testsuites name="scanconv verify" tests="1" failures="0" errors="1"/);
    assert.match(xml, /<error type="USAGE" message="[^"]+"\/>/);
    if (XMLLINT) assert.equal(junitSchemaErrors(junit), '', xml);
  }
});

test('a refused command line never writes a report over an input, a directory or a device', () => {
  const dir = tmpDir();
  const ckpt = path.join(dir, 'model.safetensors');
  fs.copyFileSync(CKPT, ckpt);
  const before = fs.readFileSync(ckpt);
  const link = path.join(dir, 'link.xml');
  fs.symlinkSync(ckpt, link);
  const third = path.join(dir, 'third.safetensors');
  fs.copyFileSync(CKPT, third);
  const refusals: [string[], string][] = [
    [[ckpt, '--junit', ckpt], `JUnit report ${ckpt} is an input of this command; write it elsewhere`],
    [[ckpt, '--report', link], `report ${link} is the same file as the input ${ckpt}; write it elsewhere`],
    [[ckpt, '--junit', dir], `JUnit report ${dir} is a directory; scanconv writes regular files only`],
    [[ckpt, '--junit', '/dev/null'], 'JUnit report /dev/null is a character device; scanconv writes regular files only'],
    // A third positional (too many arguments, as from a glob) is not opened, but still guarded.
    [[ckpt, ckpt, third, '--junit', third], `JUnit report ${third} is an input of this command; write it elsewhere`],
    [[ckpt, '--junit', path.join(dir, 'nodir', 'r.xml')], `cannot write JUnit report ${path.join(dir, 'nodir', 'r.xml')}: directory ${path.join(dir, 'nodir')} does not exist`],
  ];
  for (const [args, why] of refusals) {
    const r = cli(['verify', ...args, '--seq', 'x']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^scanconv: error: (option '--seq <n>' argument 'x' is invalid\. expected a non-negative integer\.|too many arguments for 'verify'\. Expected 2 arguments but got 3\.) \(see scanconv verify --help\)\n/);
    assert.equal(r.stderr.split('\n')[1], `scanconv: no report written: ${why}`);
    assert.equal(r.stderr.split('\n').length, 3, r.stderr); // two lines
  }
  assert.deepEqual(fs.readFileSync(ckpt), before);
  assert.deepEqual(fs.readFileSync(third), before);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['link.xml', 'model.safetensors', 'third.safetensors']);
});

test('a refused command line writes an errored HTML page, the JSON on stdout for --report -, and a job summary', () => {
  const dir = tmpDir();
  const html = path.join(dir, 'r.html');
  const summary = path.join(dir, 'summary.md');
  const r = cli(['verify', CKPT, '--html', html, '--report', '-', '--seq', 'x'], { env: { GITHUB_STEP_SUMMARY: summary } });
  assert.equal(r.status, 2);
  const message = "option '--seq <n>' argument 'x' is invalid. expected a non-negative integer.";
  assert.equal(r.stderr, `scanconv: error: ${message} (see scanconv verify --help)\n`);
  assert.deepEqual((JSON.parse(r.stdout) as ErroredJson).error, { code: 'USAGE', message });
  assert.ok(fs.readFileSync(html, 'utf8').includes(`<p class="verdict errored" id="verdict">ERROR (USAGE): option &#39;--seq`.replace('&#39;', "'")));
  assert.match(fs.readFileSync(summary, 'utf8'), /^### ❌ scanconv verify: ERROR \(USAGE\)\n/);
});

test('help and the other commands write no verify report', () => {
  const dir = tmpDir();
  const junit = path.join(dir, 'r.xml');
  assert.equal(cli(['verify', CKPT, '--junit', junit, '--help']).status, 0);
  assert.equal(cli(['inspect', CKPT, '--junit', junit]).status, 2);
  assert.equal(cli(['bogus', '--junit', junit]).status, 2);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('the command line is split as commander splits it', () => {
  const verify = buildProgram().commands.find((c) => c.name() === 'verify')!;
  const read = (...args: string[]) => {
    const { positionals, values } = readCommandLine(verify, args);
    return { positionals, values: Object.fromEntries(values) };
  };
  assert.deepEqual(read('a', '--junit', '--report', 'b'), { positionals: ['a', 'b'], values: { '--junit': '--report' } });
  assert.deepEqual(read('--no-workers', 'a', '--junit=x', '--junit', 'y'), { positionals: ['a'], values: { '--junit': 'y' } });
  assert.deepEqual(read('a', '--', '--junit', 'x'), { positionals: ['a', '--junit', 'x'], values: {} });
  assert.deepEqual(read('a', '--junit'), { positionals: ['a'], values: {} });
  assert.deepEqual(read('-', '--input', 'i', '--params-only', 'b'), { positionals: ['-', 'b'], values: { '--input': 'i' } });
  // Known options after an unknown one are still read; short switches combine; --html is a report.
  assert.deepEqual(read('a', '--bogus', 'b', '-q', '--html', 'h.html', '--report=-'), { positionals: ['a', 'b'], values: { '--html': 'h.html', '--report': '-' } });
  assert.deepEqual(read('a', '--bogus', '--', '--junit', 'x'), { positionals: ['a', '--junit', 'x'], values: {} });
});

test('an internal error (an install missing a file) exits 3 and writes errored reports', () => {
  // A copy of the installed package without the worker module: the forms cannot start.
  const dir = tmpDir();
  const pkg = path.join(dir, 'pkg');
  fs.mkdirSync(pkg);
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'));
  fs.cpSync(path.join(ROOT, 'dist'), path.join(pkg, 'dist'), { recursive: true });
  fs.rmSync(path.join(pkg, 'dist', 'verify', 'worker.js'));
  const junit = path.join(dir, 'r.xml');
  const json = path.join(dir, 'r.json');
  const r = spawnSync(process.execPath, [path.join(pkg, 'dist', 'cli', 'bin.js'), 'verify', CKPT, '--junit', junit, '--report', json], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /^scanconv: internal error: Error: Cannot find module '\S+worker\.js'\n {4}at /);
  const message = `Cannot find module '${path.join(pkg, 'dist', 'verify', 'worker.js')}'`;
  const j = JSON.parse(fs.readFileSync(json, 'utf8')) as ErroredJson;
  assert.deepEqual(j.error, { code: 'INTERNAL', message });
  assert.equal(j.run.threshold, 1e-6);
  const xml = fs.readFileSync(junit, 'utf8');
  assert.match(xml, /<testsuites name="scanconv verify" tests="1" failures="0" errors="1"/);
  assert.ok(xml.includes(`<error type="INTERNAL" message="${message}"/>`), xml);
  if (XMLLINT) assert.equal(junitSchemaErrors(junit), '', xml);
});
