/**
 * verify's reports on every exit code and what they say: bad pairs (exit 2) with an errored
 * JUnit testcase, one fault read as one fault, progress in logs, Ctrl-C.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeBlockCheckpoint } from '../bench/synthetic.js';
import { openCheckpoint } from '../src/format/open.js';
import { copyOf, outputAsRef, type OutputTensor } from '../src/format/stream.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { memoryRef, readAll, type TensorRef } from '../src/format/types.js';
import { stackTensors, unstackTensor } from '../src/layout/pieces.js';
import { visibleWidth } from '../src/verify/tables.js';
import { cli, fixture, junitSchemaErrors, ROOT, tmpDir, XMLLINT } from './helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);
const LLM = (f: string) => fixture('llm_tiny', f);
const NO_XMLLINT = XMLLINT ? false : 'xmllint is not installed (apt-get install -y libxml2-utils): JUnit schema checks skipped';

/** A copy of `src` with each tensor replaced by what `edit` returns (null drops it), plus `extra`. */
async function rewrite(src: string, dst: string, edit: (ref: TensorRef) => OutputTensor | null | undefined, extra: OutputTensor[] = []): Promise<string> {
  const index = openCheckpoint(src);
  const outs = [...index.tensors.values()].map((ref) => {
    const e = edit(ref);
    return e === undefined ? copyOf(ref) : e;
  });
  await writeSafetensors(dst, [...outs.filter((o): o is OutputTensor => o !== null), ...extra], index.metadata);
  index.close();
  return dst;
}

test('every mismatched pair exits 2 with one line, in workers and without, and still writes both reports', async () => {
  const dir = tmpDir();
  const at = (f: string) => path.join(dir, f);
  const scan = BLOCK('scan_expected.safetensors');
  const pairs: [string, string, string, RegExp][] = [
    ['different models', BLOCK('pyloop.safetensors'), LLM('scan_expected.safetensors'), /not the same model: 12 layers in \S+pyloop\.safetensors, 3 in \S+scan_expected\.safetensors$/],
    [
      'different depths',
      BLOCK('pyloop.safetensors'),
      await rewrite(scan, at('depth11.safetensors'), (ref) => stackTensors(ref.name, Array.from({ length: 11 }, (_, i) => outputAsRef(unstackTensor(ref.name, ref, 0, i))), 0)),
      /not the same model: 12 layers in \S+, 11 in \S+depth11\.safetensors$/,
    ],
    ['a missing parameter', BLOCK('pyloop.safetensors'), await rewrite(scan, at('missing.safetensors'), (ref) => (ref.name === 'params.blocks.Dense_0.bias' ? null : undefined)), /params\.blocks\.Dense_0\.bias is in \S+pyloop\.safetensors's layers but not in \S+missing\.safetensors's$/],
    [
      'an extra parameter',
      BLOCK('pyloop.safetensors'),
      await rewrite(scan, at('extra.safetensors'), () => undefined, [copyOf(memoryRef('params.head.kernel', 'F32', [2], new Uint8Array(8)))]),
      /params\.head\.kernel is in \S+extra\.safetensors but not in \S+pyloop\.safetensors$/,
    ],
    [
      'another shape',
      BLOCK('pyloop.safetensors'),
      await rewrite(scan, at('shape.safetensors'), (ref) => (ref.name === 'params.blocks.Dense_0.bias' ? copyOf(memoryRef(ref.name, ref.dtype, [12, 16], readAll(ref).slice(0, 12 * 16 * 4))) : undefined)),
      /params\.blocks\.Dense_0\.bias is \[32\] per layer in \S+, \[16\] in \S+shape\.safetensors$/,
    ],
    ['a missing tensor outside the layers', LLM('pyloop.safetensors'), await rewrite(LLM('scan_expected.safetensors'), at('noembed.safetensors'), (ref) => (ref.name.includes('Embed') ? null : undefined)), /Embed_0\.embedding is in \S+pyloop\.safetensors but not in \S+noembed\.safetensors$/],
  ];
  for (const [what, a, b, message] of pairs) {
    for (const mode of [[], ['--no-workers']]) {
      const junit = at('r.xml');
      const json = at('r.json');
      fs.rmSync(junit, { force: true });
      fs.rmSync(json, { force: true });
      const r = cli(['verify', a, b, '--junit', junit, '--report', json, ...mode]);
      const label = `${what} ${mode.join(' ')}: ${r.stderr}`;
      assert.equal(r.status, 2, label);
      assert.equal(r.stdout, '', label);
      assert.equal(r.stderr.split('\n').length, 2, label); // one line
      assert.match(r.stderr.trimEnd(), /^scanconv: error: /, label);
      assert.match(r.stderr.trimEnd(), message, label);
      const j = JSON.parse(fs.readFileSync(json, 'utf8')) as { passed: boolean; error: { code: string; message: string } };
      assert.equal(j.passed, false);
      assert.equal(j.error.code, 'TREES_DIFFER');
      assert.equal(`scanconv: error: ${j.error.message}\n`, r.stderr);
      const xml = fs.readFileSync(junit, 'utf8');
      assert.match(xml, /<testsuites name="scanconv verify" tests="1" failures="0" errors="1"/);
      assert.match(xml, /<testcase [^>]*name="verify" time="[\d.]+">\s*<error type="TREES_DIFFER" message="[^"]*not the same model/);
    }
  }
});

test('JUnit reports validate against the JUnit schema on exit 0, 1 and 2, and tell runs apart', { skip: NO_XMLLINT }, async () => {
  const dir = tmpDir();
  const flipped = await rewrite(BLOCK('scan_expected.safetensors'), path.join(dir, 'flipped.safetensors'), (ref) => {
    if (ref.name !== 'params.blocks.RMSNorm_1.scale') return undefined;
    const bytes = readAll(ref);
    bytes[6 * 32 * 4 + 2] ^= 0x40; // layer 6
    return copyOf(memoryRef(ref.name, ref.dtype, ref.shape, bytes));
  });
  const runs: [number, string[]][] = [
    [0, [BLOCK('pyloop.safetensors'), '--expect', BLOCK('pyloop_io.safetensors')]],
    [1, [BLOCK('pyloop.safetensors'), flipped, '--input', BLOCK('pyloop_io.safetensors')]],
    [2, [BLOCK('pyloop.safetensors'), '--input', LLM('pyloop_io.safetensors')]],
  ];
  for (const [status, args] of runs) {
    const junit = path.join(dir, `r${status}.xml`);
    const r = cli(['verify', ...args, '--junit', junit, '--detail', 'none']);
    assert.equal(r.status, status, r.stderr);
    assert.equal(junitSchemaErrors(junit), '', fs.readFileSync(junit, 'utf8'));
    const xml = fs.readFileSync(junit, 'utf8');
    assert.match(xml, /<property name="checkpoint" value="[^"]*block_tiny\/pyloop\.safetensors"\/>/);
    assert.match(xml, /<property name="threshold" value="0\.000001"\/>/);
    assert.match(xml, /<property name="backend" value="(wasm|auto)"\/>/);
    assert.match(xml, /<testsuite name="scanconv verify [^"]*block_tiny\/pyloop\.safetensors/);
  }
  const one = fs.readFileSync(path.join(dir, 'r1.xml'), 'utf8');
  assert.match(one, /<testsuite name="scanconv verify \S+pyloop\.safetensors vs \S+flipped\.safetensors \(pyloop vs scan, block, 12 layers\)" tests="14" failures="1" errors="0" skipped="7"/);
  assert.match(one, /<property name="other" value="\S+flipped\.safetensors"\/>/);
  assert.match(one, /name="layer_6" time="[\d.]+">\s*<failure type="FORMS_DIVERGE" message="the forms diverge here, first at pre_ffw_norm \(max \|diff\| \S+ &gt; 1\.00e-6\); its parameters differ \(1 tensor\); layers 7-11 diverge downstream of it">pre_ffw_norm: max \|diff\| \S+ &gt; 1\.00e-6\n\+dense: max \|diff\| \S+ &gt; 1\.00e-6\nparameter differs: params\.blocks\.RMSNorm_1\.scale \[layer 6\]<\/failure>/);
  assert.match(fs.readFileSync(path.join(dir, 'r0.xml'), 'utf8'), /<property name="expect-threshold" value="0\.0001"\/>/);
  assert.match(fs.readFileSync(path.join(dir, 'r2.xml'), 'utf8'), /<error type="[A-Z_]+" message="[^"]*has no tensor &quot;input&quot;/);
});

test('two swapped layers of 42: one cause, 31 layers downstream of it, one detail section, 80 columns', async () => {
  const dir = tmpDir();
  const pyloop = path.join(dir, 'pyloop.safetensors');
  await writeBlockCheckpoint(pyloop, { layers: 42, dim: 32, heads: 4 });
  const swapped = await rewrite(pyloop, path.join(dir, 'swapped.safetensors'), (ref) =>
    copyOf({ ...ref, name: ref.name.replace(/layer_1([01])\./, (_m, d: string) => `layer_1${d === '0' ? 1 : 0}.`) }),
  );
  const scan = path.join(dir, 'scan.safetensors');
  assert.equal(cli(['convert', swapped, '-o', scan]).status, 0);
  const junit = path.join(dir, 'r.xml');
  const r = cli(['verify', pyloop, scan, '--junit', junit, '--batch', '2', '--seq', '8']);
  assert.equal(r.status, 1, r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(lines.length < 130, `${lines.length} lines`);
  assert.deepEqual(r.stdout.match(/LAYER \d+ DETAIL/g), ['LAYER 10 DETAIL']);
  assert.match(r.stdout, /\nFAILED: the forms diverge at layer 10, first in pre_attention_norm\n {10}\(max \|diff\| \S+ > 1\.00e-6\); its parameters differ \(12 tensors\)\n {10}layers 11-41 and the final output diverge downstream of it\n {8}params: 24 of 504 tensors differ, at layers 10, 11\n$/);
  assert.equal(r.stdout.match(/│ ↓ +│\n/g)?.length, 31);
  // Every line fits 80 columns, but the two naming a form's file (the temp paths are long).
  assert.deepEqual(lines.filter((l) => visibleWidth(l) > 80 && !/^(pyloop|scan) form: /.test(l)), []);
  const xml = fs.readFileSync(junit, 'utf8');
  // One fault, one failure: layer 10; its run's parameters (layers 10 and 11), layers 11..41
  // and the final output are skipped.
  assert.equal(xml.match(/<failure /g)?.length, 1);
  assert.match(xml, /name="layer_10" time="[\d.]+">\s*<failure type="FORMS_DIVERGE" /);
  assert.equal(xml.match(/<skipped message="downstream of layer 10"\/>/g)?.length, 31 + 1);
  assert.match(xml, /name="params" time="[\d.]+">\s*<skipped message="reported with the divergence at layer 10"\/>/);
  if (XMLLINT) assert.equal(junitSchemaErrors(junit), '');
  const none = cli(['verify', pyloop, scan, '--batch', '2', '--seq', '8', '--detail', 'failing']);
  assert.equal(none.stdout.match(/LAYER \d+ DETAIL/g)?.length, 32);
});

for (const mode of [[], ['--no-workers']]) {
  test(`in a log (stderr not a terminal) verify prints progress lines; Ctrl-C says what it stopped, exits 130 and leaves errored reports (${mode.length ? mode[0] : 'workers'})`, async () => {
    const dir = tmpDir();
    const ckpt = path.join(dir, 'pyloop.safetensors');
    await writeBlockCheckpoint(ckpt, { layers: 42, dim: 256, heads: 4 });
    const junit = path.join(dir, 'r.xml');
    const json = path.join(dir, 'r.json');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'scanconv'), 'verify', ckpt, '--junit', junit, '--report', json, ...mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', SCANCONV_PROGRESS_SECONDS: '0.2' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const started = Date.now();
    while (!/running both forms: \d+%, layer \d+\/42, \d+\/42, \d+ s\n/.test(stderr)) {
      if (Date.now() - started > 30_000) assert.fail(`no progress line: ${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGINT');
    assert.equal(await exited, 130, stderr);
    assert.match(stderr, /\nscanconv: interrupted \(SIGINT\) while running both forms \(layer \d+\/42, \d+\/42\); wrote \S+r\.json and \S+r\.xml \(errored\)\n$/);
    assert.equal((JSON.parse(fs.readFileSync(json, 'utf8')) as { error: { code: string } }).error.code, 'INTERRUPTED');
    assert.match(fs.readFileSync(junit, 'utf8'), /<error type="INTERRUPTED" message="interrupted \(SIGINT\) while running both forms, at layer \d+\/42, \d+\/42"\/>/);
    if (XMLLINT) assert.equal(junitSchemaErrors(junit), '');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['pyloop.safetensors', 'r.json', 'r.xml']);
  });
}
