/**
 * `verify --html`: one self-contained page, checked in a real headless browser (Debian's
 * chromium): a screenshot is taken, and the plot's points as the browser parsed them (the
 * dumped DOM) carry the values of the JSON report and sit where a log scale puts them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openCheckpoint } from '../src/format/open.js';
import { writeSafetensors } from '../src/format/safetensors.js';
import { copyOf } from '../src/format/stream.js';
import { memoryRef, readAll } from '../src/format/types.js';
import { cli, fixture, tmpDir } from './helpers.js';

const BLOCK = (f: string) => fixture('block_tiny', f);
const CHROMIUM = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && fs.existsSync(p)));
const NO_CHROMIUM = CHROMIUM ? false : 'chromium is not installed (apt-get install -y chromium): the HTML report is not checked in a browser';

/** Run headless chromium on `url` with its profile, crash dumps and cache inside `dir`. */
function chromium(dir: string, args: string[], url: string): string {
  const profile = path.join(dir, 'chromium-profile');
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions', `--user-data-dir=${profile}`, `--crash-dumps-dir=${profile}`, ...args, url], {
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 << 20,
    env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir, TMPDIR: dir },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

interface Report {
  threshold: number;
  perLayer: { layer: number; maxAbsDiff: Record<string, number> }[];
  divergences: { layer: number }[];
  expect: { threshold: number; perLayer: { layer: number; relError: number }[] };
}

const attrs = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

test('verify --html: a self-contained page whose plot, read back from a headless browser, is the JSON report', { skip: NO_CHROMIUM }, async () => {
  const dir = tmpDir();
  // One bad layer (6 of 12) in the scan form, compared with Flax's golden outputs too.
  const index = openCheckpoint(BLOCK('scan_expected.safetensors'));
  const flipped = path.join(dir, 'flipped.safetensors');
  await writeSafetensors(
    flipped,
    [...index.tensors.values()].map((ref) => {
      if (ref.name !== 'params.blocks.RMSNorm_1.scale') return copyOf(ref);
      const bytes = readAll(ref);
      bytes[6 * 32 * 4 + 2] ^= 0x40;
      return copyOf(memoryRef(ref.name, ref.dtype, ref.shape, bytes));
    }),
    index.metadata,
  );
  index.close();
  const html = path.join(dir, 'report.html');
  const json = path.join(dir, 'report.json');
  const r = cli(['verify', BLOCK('pyloop.safetensors'), flipped, '--expect', BLOCK('pyloop_io.safetensors'), '--html', html, '--report', json, '--detail', 'none']);
  assert.equal(r.status, 1, r.stderr);
  const page = fs.readFileSync(html, 'utf8');
  // Self-contained: no script, no link, no resource from elsewhere (the SVG namespace is a name, not a fetch).
  assert.doesNotMatch(page, /<script|<link|<iframe|<img|\ssrc=|\shref=|@import|url\(/i);
  assert.deepEqual(page.match(/https?:\/\/[^\s"']+/g), ['http://www.w3.org/2000/svg']);

  // The browser's DOM: every point, with its data and position.
  const dom = chromium(dir, ['--dump-dom'], pathToFileURL(html).href);
  const svg = attrs(/<svg [^>]*id="per-layer-plot"[^>]*>/.exec(dom)![0]);
  const [min, max, top, height] = ['data-log-min', 'data-log-max', 'data-plot-top', 'data-plot-height'].map((k) => Number(svg[k]));
  const points = [...dom.matchAll(/<circle [^>]*class="point"[^>]*>/g)].map((m) => attrs(m[0]));
  const report = JSON.parse(fs.readFileSync(json, 'utf8')) as Report;
  const forms = points.filter((p) => p['data-series'] === 'forms');
  const expect = points.filter((p) => p['data-series'] === 'expect');
  assert.deepEqual(
    forms.map((p) => [Number(p['data-layer']), Number(p['data-value'])]),
    report.perLayer.map((l) => [l.layer, Math.max(...Object.values(l.maxAbsDiff))]),
  );
  assert.deepEqual(
    expect.map((p) => [Number(p['data-layer']), Number(p['data-value'])]),
    report.expect.perLayer.map((l) => [l.layer, l.relError]),
  );
  assert.equal(expect.length, 12);
  // Log scale: each positive value at its decade; zeros on the bottom edge (labelled 0).
  for (const p of [...forms, ...expect]) {
    const v = Number(p['data-value']);
    const want = v > 0 ? top + height * (1 - (Math.log10(v) - min) / (max - min)) : top + height;
    assert.ok(Math.abs(Number(p.cy) - want) < 0.01, `${p['data-series']} layer ${p['data-layer']}: cy ${p.cy}, want ${want}`);
  }
  // Threshold lines and the root cause.
  const thresholds = [...dom.matchAll(/<line [^>]*class="threshold"[^>]*>/g)].map((m) => attrs(m[0]));
  assert.deepEqual(thresholds.map((t) => [t['data-series'], Number(t['data-value'])]), [['forms', report.threshold], ['expect', report.expect.threshold]]);
  const causes = [...dom.matchAll(/<line [^>]*class="cause"[^>]*>/g)].map((m) => Number(attrs(m[0])['data-layer']));
  assert.deepEqual(causes, report.divergences.map((d) => d.layer));
  assert.deepEqual(causes, [6]);
  assert.match(dom, /<p class="verdict failed" id="verdict">FAILED: the forms diverge at layer 6, first in pre_ffw_norm<\/p>/);

  // A screenshot: a PNG of the window's size.
  const shot = path.join(dir, 'report.png');
  chromium(dir, ['--hide-scrollbars', '--window-size=1000,1400', `--screenshot=${shot}`], pathToFileURL(html).href);
  const png = fs.readFileSync(shot);
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1000, 1400]);
  assert.ok(png.length > 20_000, `${png.length} bytes: a blank page?`);
  if (process.env.SCANCONV_KEEP_SCREENSHOT) fs.copyFileSync(shot, process.env.SCANCONV_KEEP_SCREENSHOT);
});

test('verify --html on a run that ended without a report writes an errored page', () => {
  const dir = tmpDir();
  const html = path.join(dir, 'report.html');
  const r = cli(['verify', BLOCK('pyloop.safetensors'), '--input', fixture('llm_tiny', 'pyloop_io.safetensors'), '--html', html]);
  assert.equal(r.status, 2);
  assert.match(fs.readFileSync(html, 'utf8'), /<p class="verdict errored" id="verdict">ERROR \(MISSING_TENSOR\): \S+pyloop_io\.safetensors: has no tensor &quot;input&quot;/);
});
