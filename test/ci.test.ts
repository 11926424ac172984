/**
 * verify in CI, through the CLI: GitHub's job summary and ::error annotations, one JUnit failure
 * for one bad layer, `--report -` on standard output, `--quiet`, FORCE_COLOR and NO_COLOR.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { colorLevel } from '../src/cli/style.js';
import { openCheckpoint } from '../src/format/open.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { copyOf } from '../src/format/stream.js';
import { memoryRef, readAll } from '../src/format/types.js';
import { escapeData, escapeProperty } from '../src/verify/githubSummary.js';
import { cli, fixture, junitSchemaErrors, ROOT, tmpDir, XMLLINT } from './helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);
const PYLOOP = path.relative(ROOT, BLOCK('pyloop.safetensors'));

/** block_tiny's scan form with one bit of layer 6's RMSNorm_1 scale flipped: one bad layer of 12. */
async function oneBadLayer(dir: string): Promise<string> {
  const index = openCheckpoint(BLOCK('scan_expected.safetensors'));
  const file = path.join(dir, 'flipped.safetensors');
  const outs = [...index.tensors.values()].map((ref) => {
    if (ref.name !== 'params.blocks.RMSNorm_1.scale') return copyOf(ref);
    const bytes = readAll(ref);
    bytes[6 * 32 * 4 + 2] ^= 0x40;
    return copyOf(memoryRef(ref.name, ref.dtype, ref.shape, bytes));
  });
  await writeSafetensors(file, outs, index.metadata);
  index.close();
  return file;
}

interface JsonReport {
  passed: boolean;
  counts: { tests: number; failures: number; skipped: number; errors: number };
  checks: { name: string; status: string; type?: string; message?: string; rows?: string[] }[];
  perLayer: { layer: number; maxAbsDiff: Record<string, number> }[];
}

test('in GitHub Actions: one bad layer is one JUnit failure, one ::error annotation and a job summary; --report - is JSON on stdout; --quiet prints the verdict', async () => {
  const dir = tmpDir();
  const flipped = await oneBadLayer(dir);
  const summary = path.join(dir, 'summary.md');
  fs.writeFileSync(summary, 'an earlier step\n');
  const junit = path.join(dir, 'r.xml');
  const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, GITHUB_WORKSPACE: ROOT };
  const r = cli(['verify', PYLOOP, flipped, '--input', BLOCK('pyloop_io.safetensors'), '--junit', junit, '--report', '-', '--quiet'], { env });
  assert.equal(r.status, 1, r.stderr);

  // Standard output is the JSON report alone; it counts the one fault once.
  const j = JSON.parse(r.stdout) as JsonReport;
  assert.equal(j.passed, false);
  assert.deepEqual(j.counts, { tests: 14, failures: 1, errors: 0, skipped: 7 });
  assert.deepEqual(j.checks.filter((c) => c.status === 'failed').map((c) => [c.name, c.type]), [['layer_6', 'FORMS_DIVERGE']]);
  assert.deepEqual(j.checks.filter((c) => c.status === 'skipped').map((c) => `${c.name}: ${c.message}`), [
    'params: reported with the divergence at layer 6',
    'final: downstream of layer 6',
    ...[7, 8, 9, 10, 11].map((l) => `layer_${l}: downstream of layer 6`),
  ]);

  // Standard error: the verdict line (--quiet) and one annotation, escaped to one line.
  const lines = r.stderr.split('\n');
  assert.equal(lines[0], 'FAILED: the forms diverge at layer 6, first in pre_ffw_norm');
  const annotations = lines.filter((l) => l.startsWith('::'));
  assert.equal(annotations.length, 1, r.stderr);
  assert.match(annotations[0], /^::error file=fixtures\/block_tiny\/pyloop\.safetensors,title=scanconv verify%3A layer_6 \(FORMS_DIVERGE\)::fixtures\/block_tiny\/pyloop\.safetensors vs \S+flipped\.safetensors: the forms diverge here, first at pre_ffw_norm \(max \|diff\| \S+ > 1\.00e-6\); its parameters differ \(1 tensor\); layers 7-11 diverge downstream of it%0Apre_ffw_norm: max \|diff\| \S+ > 1\.00e-6%0A\+dense: .*%0Aparameter differs: params\.blocks\.RMSNorm_1\.scale \[layer 6\]$/);
  assert.equal(lines.length, 3, r.stderr); // verdict, annotation, final newline

  // JUnit: the same one failure, with its type and its rows as the body; schema-valid.
  const xml = fs.readFileSync(junit, 'utf8');
  assert.equal(xml.match(/<failure /g)?.length, 1);
  assert.equal(xml.match(/<skipped /g)?.length, 7);
  assert.match(xml, /<failure type="FORMS_DIVERGE" message="[^"]+">pre_ffw_norm: max \|diff\| /);
  if (XMLLINT) assert.equal(junitSchemaErrors(junit), '');

  // The job summary, appended: verdict, root cause, the chart (one bar per layer, log10 of the
  // JSON's worst intermediate), the worst rows.
  const md = fs.readFileSync(summary, 'utf8');
  assert.ok(md.startsWith('an earlier step\n### ❌ scanconv verify: FAILED\n'), md);
  assert.match(md, /\n\*\*Root cause:\*\* the forms diverge at layer 6, first in pre_ffw_norm \(max \\\|diff\\\| \S+ > 1\.00e-6\); its parameters differ \(1 tensor\)\n- layers 7-11 and the final output diverge downstream of it\n/);
  assert.match(md, /\n```mermaid\nxychart-beta\n {2}title "log10 max \|diff\| per layer \(pyloop vs scan; threshold 1\.00e-6; root cause: layer 6; 0 drawn at -7\)"\n {2}x-axis "layer" \[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11\]\n {2}y-axis "log10 max \|diff\|" -7 --> 0\n/);
  const bars = /\n {2}bar \[([^\]]+)\]\n/.exec(md)![1].split(', ').map(Number);
  const worst = j.perLayer.map((l) => Math.max(...Object.values(l.maxAbsDiff)));
  assert.deepEqual(bars, worst.map((w) => (w > 0 ? Math.round(Math.log10(w) * 100) / 100 : -7)));
  assert.match(md, /\n\| 6 \| pre_ffw_norm \| \S+ \| ❌ root cause \|\n/);
  assert.match(md, /\| 7 \| \S+ \| \S+ \| ↓ downstream of layer 6 \|/);
});

test('in GitHub Actions: a pass writes a PASSED summary and no annotation; an error (exit 2) is annotated and summarised', () => {
  const dir = tmpDir();
  const summary = path.join(dir, 'summary.md');
  const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
  const ok = cli(['verify', BLOCK('pyloop.safetensors'), BLOCK('scan_expected.safetensors'), '--params-only', '--report', '-'], { env });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal((JSON.parse(ok.stdout) as JsonReport).counts.failures, 0);
  assert.match(ok.stderr, /\nPASSED in [\d.]+ s\n$/);
  assert.doesNotMatch(ok.stderr, /::error/);
  // --junit - and --html for --params-only: the XML alone on stdout, a page with its checks (params, nonfinite).
  const html = path.join(dir, 'p.html');
  const xml = cli(['verify', BLOCK('pyloop.safetensors'), BLOCK('scan_expected.safetensors'), '--params-only', '--junit', '-', '--html', html]);
  assert.equal(xml.status, 0, xml.stderr);
  assert.match(xml.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="scanconv verify" tests="2" failures="0" errors="0"[^]*<\/testsuites>\n$/);
  if (XMLLINT) {
    fs.writeFileSync(path.join(dir, 'p.xml'), xml.stdout);
    assert.equal(junitSchemaErrors(path.join(dir, 'p.xml')), '');
  }
  assert.match(fs.readFileSync(html, 'utf8'), /<p class="verdict passed" id="verdict">PASSED in [\d.]+ s<\/p>[^]*<p>2 checks: 2 passed, 0 failed, 0 skipped, 0 errored\.<\/p>/);
  const pass = cli(['verify', BLOCK('pyloop.safetensors'), '--batch', '1', '--seq', '4', '--quiet'], { env });
  assert.equal(pass.status, 0, pass.stderr);
  assert.match(pass.stdout, /^PASSED in [\d.]+ s\n$/);
  assert.equal(pass.stderr, '');
  const bad = cli(['verify', BLOCK('pyloop.safetensors'), '--input', fixture('llm_tiny', 'pyloop_io.safetensors')], { env });
  assert.equal(bad.status, 2);
  const [annotation, error] = bad.stderr.trimEnd().split('\n');
  assert.match(annotation, /^::error file=\S+block_tiny\/pyloop\.safetensors,title=scanconv verify%3A [A-Z_]+::\S+: \S+pyloop_io\.safetensors: has no tensor "input"/);
  assert.match(error, /^scanconv: error: /);
  // A command line commander refuses is annotated too (after commander's own line).
  const refused = cli(['verify', BLOCK('pyloop.safetensors'), '--threshold', 'abc'], { env });
  assert.equal(refused.status, 2);
  const lines = refused.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 2, refused.stderr);
  assert.match(lines[0], /^scanconv: error: option '--threshold <t>' argument 'abc' is invalid/);
  assert.match(lines[1], /^::error file=\S+block_tiny\/pyloop\.safetensors,title=scanconv verify%3A USAGE::\S+pyloop\.safetensors: option '--threshold <t>' argument 'abc' is invalid/);
  const md = fs.readFileSync(summary, 'utf8');
  assert.match(md, /^### ✅ scanconv verify: PASSED\n[^]*### ❌ scanconv verify: ERROR \([A-Z_]+\)\n[^]*### ❌ scanconv verify: ERROR \(USAGE\)\n/);
});

test('--report - and --junit - cannot both be standard output', () => {
  const r = cli(['verify', BLOCK('pyloop.safetensors'), '--report', '-', '--junit', '-']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'scanconv: error: --report - and --junit - cannot both go to standard output; write one of them to a file\n');
});

test('workflow command escaping follows @actions/core: % CR LF in data, also : and , in properties', () => {
  assert.equal(escapeData('50% a\r\nb: c, d'), '50%25 a%0D%0Ab: c, d');
  assert.equal(escapeProperty('dir,x/a:b%.safetensors'), 'dir%2Cx/a%3Ab%25.safetensors');
});

test('colour: FORCE_COLOR (not empty) wins, 0/false turn it off; else NO_COLOR (not empty) turns it off; else a terminal', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  const cases: [Record<string, string>, { isTTY: boolean }, number][] = [
    [{}, tty, 1],
    [{}, pipe, 0],
    [{ TERM: 'dumb' }, tty, 0],
    [{ NO_COLOR: '1' }, tty, 0],
    [{ NO_COLOR: '' }, tty, 1],
    [{ FORCE_COLOR: '1' }, pipe, 1],
    [{ FORCE_COLOR: '3' }, pipe, 3],
    [{ FORCE_COLOR: 'true', NO_COLOR: '1' }, pipe, 1],
    [{ FORCE_COLOR: '0' }, tty, 0],
    [{ FORCE_COLOR: 'false' }, tty, 0],
    [{ FORCE_COLOR: '', NO_COLOR: '1' }, tty, 0],
  ];
  for (const [env, stream, level] of cases) assert.equal(colorLevel(stream, env), level, JSON.stringify(env));
  // Through the CLI, on a pipe: colour only when forced.
  const args = ['verify', BLOCK('pyloop.safetensors'), BLOCK('scan_expected.safetensors'), '--params-only', '--quiet'];
  const forced = cli(args, { env: { FORCE_COLOR: '1' } });
  // eslint-disable-next-line no-control-regex -- the ANSI escapes are what is tested
  assert.match(forced.stdout, /^\u001b\[32m\u001b\[1mPASSED in [\d.]+ s\u001b\[22m\u001b\[39m\n$/);
  assert.match(cli(args).stdout, /^PASSED in [\d.]+ s\n$/); // NO_COLOR=1 (the tests' default)
  assert.match(cli(args, { env: { NO_COLOR: '', FORCE_COLOR: '0' } }).stdout, /^PASSED in [\d.]+ s\n$/);
});
