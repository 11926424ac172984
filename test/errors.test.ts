/**
 * One typed list of error codes (src/errorCodes.ts), documented in docs/ERRORS.md; every format
 * error shares one base class; a typed error thrown where a form runs (a worker thread) arrives
 * in the main thread as the same class with its code and fields.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '../src/errorCodes.js';
import { FormatError, LayoutError, ScanconvError } from '../src/errors.js';
import { openCheckpoint } from '../src/format/open.js';
import { encodeHeader, SafetensorsError } from '../src/format/safetensors.js';
import { writeMsgpack } from '../src/format/msgpackWriter.js';
import { MsgpackError } from '../src/format/msgpackParser.js';
import { copyOf } from '../src/format/stream.js';
import { memoryRef } from '../src/format/types.js';
import { randomInput } from '../src/verify/inputs.js';
import { runForms } from '../src/verify/run.js';
import { openModel } from '../src/verify/session.js';
import { reviveError, serializeError } from '../src/verify/workerErrors.js';
import { errorsMarkdown } from '../scripts/errorsDoc.js';
import { fixture, ROOT, tmpDir } from './helpers.js';

test('docs/ERRORS.md lists exactly the typed codes, with their meanings and exit codes (npm run docs:errors rewrites it)', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ERRORS.md'), 'utf8');
  assert.equal(doc, errorsMarkdown());
  const listed = [...doc.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(listed.sort(), Object.keys(ERROR_CODES).sort());
});

test('readers and writers of every format throw FormatErrors (one base class)', async () => {
  const dir = tmpDir();
  const bad = path.join(dir, 'bad.safetensors');
  fs.writeFileSync(bad, Buffer.from('0100000000000000', 'hex'));
  const refused = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    assert.fail('did not throw');
  };
  const reading = refused(() => openCheckpoint(bad));
  assert.ok(reading instanceof SafetensorsError && reading instanceof FormatError, String(reading));
  const missing = refused(() => openCheckpoint(path.join(dir, 'absent.msgpack')));
  assert.ok(missing instanceof FormatError && (missing as FormatError).code === 'NOT_FOUND', String(missing));
  const writing = refused(() => encodeHeader([copyOf(memoryRef('__metadata__', 'F32', [1], new Uint8Array(4)))], {}));
  assert.ok(writing instanceof FormatError && (writing as FormatError).code === 'NAME_NOT_REPRESENTABLE', String(writing));
  await assert.rejects(writeMsgpack(path.join(dir, 'x.msgpack'), [copyOf(memoryRef('a', 'F32', [1], new Uint8Array(4))), copyOf(memoryRef('a.b', 'F32', [1], new Uint8Array(4)))], '.'), (e) => e instanceof FormatError && (e as FormatError).code === 'KEY_CONFLICT');
  assert.deepEqual(fs.readdirSync(dir), ['bad.safetensors']);
});

test('a typed error survives the thread boundary as data: same class, code, message and fields', () => {
  const originals: ScanconvError[] = [new SafetensorsError('/m.safetensors', 'OFFSETS_HOLE', 'a hole', 'w'), new MsgpackError('/m.msgpack', 'TRUNCATED', 'ends early'), new LayoutError('layers differ', 'LAYER_MISMATCH')];
  for (const e of originals) {
    const back = reviveError(structuredClone(serializeError(e)))!;
    assert.equal(Object.getPrototypeOf(back), Object.getPrototypeOf(e));
    assert.equal(back.name, e.name);
    assert.equal(back.code, e.code);
    assert.equal(back.message, e.message);
    assert.deepEqual({ ...back }, { ...e });
  }
  // A bug is not made a ScanconvError, and an unknown code never becomes one.
  assert.equal(reviveError(serializeError(new TypeError('x is undefined'))), undefined);
  assert.equal(reviveError({ message: 'm', code: 'NOT_A_CODE', classes: ['ScanconvError'] }), undefined);
});

test('a SafetensorsError thrown in a form\'s worker thread arrives as a SafetensorsError with its code and file', async () => {
  const dir = tmpDir();
  const session = await openModel(fixture('block_tiny', 'pyloop.safetensors'), {});
  try {
    // The worker opens the checkpoint itself: give it one that is cut short.
    const cut = path.join(dir, 'cut.safetensors');
    const whole = fs.readFileSync(fixture('block_tiny', 'pyloop.safetensors'));
    fs.writeFileSync(cut, whole.subarray(0, whole.length - 4));
    const req = { ...session.request('pyloop', randomInput(session.spec, 1, 2, 0), { kind: 'trace' }), checkpoint: cut };
    for (const mode of ['parallel', 'in-process'] as const) {
      await assert.rejects(runForms([req], mode), (e: unknown) => {
        assert.ok(e instanceof SafetensorsError, `${mode}: ${String(e)}`);
        assert.ok(e instanceof FormatError);
        assert.equal(e.code, 'FILE_LENGTH_MISMATCH');
        assert.equal(e.file, cut);
        assert.equal(e.name, 'SafetensorsError');
        return true;
      });
    }
  } finally {
    session.close();
  }
});
